// Scenario: a factory deploys children with CREATE2; the address matches ethers.getCreate2Address and the
// factory's own prediction; value and immutables arrive; the same salt twice fails.
import { ethers } from 'ethers';
import { compile } from '../lib/compile.mjs';
import { check, equal, provider, run, wallet } from '../lib/common.mjs';

run('create2', async () => {
  const { Factory, Child } = compile();
  const p = provider();
  const w = wallet(4, p);
  const factory = await new ethers.ContractFactory(Factory.abi, Factory.bytecode, w).deploy();
  await factory.waitForDeployment();
  const factoryAddress = await factory.getAddress();

  const salt = ethers.id('oasis-eth e2e salt');
  const initCode = ethers.concat([Child.bytecode, ethers.AbiCoder.defaultAbiCoder().encode(['uint256'], [77n])]);
  const expected = ethers.getCreate2Address(factoryAddress, salt, ethers.keccak256(initCode));
  equal(await factory.predict(salt, 77n), expected, 'on-chain prediction equals ethers.getCreate2Address');

  const r = await (await factory.deploy(salt, 77n, { value: 12345n })).wait();
  equal(r.status, 1, 'CREATE2 deployment mined');
  const ev = r.logs.map((l) => factory.interface.parseLog(l)).find((e) => e?.name === 'Deployed');
  equal(ev.args.child, expected, 'Deployed event names the predicted address');
  // Immutables are written into the runtime code at deployment, so compare sizes, not bytes.
  equal((await p.getCode(expected)).length, Child.deployedBytecode.length, 'child runtime code stored (size)');
  const child = new ethers.Contract(expected, Child.abi, p);
  equal(await child.factory(), factoryAddress, 'child.factory() immutable');
  equal(await child.value(), 77n, 'child.value() immutable');
  equal(await p.getBalance(expected), 12345n, 'child received the value');

  // Same salt and init code: the address is taken, CREATE2 fails, the factory's `new` reverts.
  const again = await factory.deploy.staticCall(salt, 77n).then(() => null, (e) => e);
  check(again !== null, 'second CREATE2 with the same salt fails');

  // Another salt gives another address.
  const salt2 = ethers.id('another');
  const r2 = await (await factory.deploy(salt2, 77n)).wait();
  const ev2 = r2.logs.map((l) => factory.interface.parseLog(l)).find((e) => e?.name === 'Deployed');
  equal(ev2.args.child, ethers.getCreate2Address(factoryAddress, salt2, ethers.keccak256(initCode)), 'second salt, second address');
});
