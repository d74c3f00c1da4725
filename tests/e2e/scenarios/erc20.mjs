// Scenario: deploy an ERC-20 with ethers v6 from a dev key (eth_sendRawTransaction) and again through the node's
// own signer (eth_sendTransaction via provider.getSigner()); transfer; read balances; read Transfer events with
// getLogs and with a contract event filter.
import { ethers } from 'ethers';
import { compile } from '../lib/compile.mjs';
import { check, equal, provider, run, wallet } from '../lib/common.mjs';

run('erc20', async () => {
  const { Token } = compile();
  const p = provider();
  const owner = wallet(1, p);
  const alice = ethers.Wallet.createRandom().address;
  const bob = ethers.Wallet.createRandom().address;

  // 1. Raw-signed deployment.
  const factory = new ethers.ContractFactory(Token.abi, Token.bytecode, owner);
  const token = await factory.deploy('Test Token', 'TT', 1_000_000n * 10n ** 18n);
  const deployTx = token.deploymentTransaction();
  await token.waitForDeployment();
  const address = await token.getAddress();
  const deployReceipt = await p.getTransactionReceipt(deployTx.hash);
  equal(deployReceipt.status, 1, 'deployment receipt status');
  equal(deployReceipt.contractAddress, address, 'receipt contractAddress is the deployed address');
  check((await p.getCode(address)).length > 2, 'contract code is stored');
  equal(await token.symbol(), 'TT', 'symbol() through eth_call');
  equal(await token.balanceOf(owner.address), 1_000_000n * 10n ** 18n, 'deployer holds the supply');

  // 2. Transfers.
  const tx1 = await token.transfer(alice, 1234n);
  const r1 = await tx1.wait();
  equal(r1.status, 1, 'transfer to alice mined');
  const tx2 = await token.transfer(bob, 766n);
  const r2 = await tx2.wait();
  equal(await token.balanceOf(alice), 1234n, 'alice balance');
  equal(await token.balanceOf(bob), 766n, 'bob balance');
  equal(await token.balanceOf(owner.address), 1_000_000n * 10n ** 18n - 2000n, 'owner balance after transfers');

  // 3. Events through eth_getLogs.
  const transferTopic = token.interface.getEvent('Transfer').topicHash;
  const logs = await p.getLogs({ address, topics: [transferTopic], fromBlock: deployReceipt.blockNumber, toBlock: 'latest' });
  equal(logs.length, 3, 'getLogs finds mint + 2 transfers');
  const parsed = logs.map((l) => token.interface.parseLog(l));
  equal(parsed[1].args.to, alice, 'second Transfer goes to alice');
  equal(parsed[2].args.value, 766n, 'third Transfer carries 766');
  equal(logs[1].transactionHash, r1.hash, 'log names its transaction');
  equal(logs[1].blockNumber, r1.blockNumber, 'log names its block');
  const toBob = await p.getLogs({ address, topics: [transferTopic, null, ethers.zeroPadValue(bob, 32)], fromBlock: 0 });
  equal(toBob.length, 1, 'topic filter on indexed "to" finds one log');
  equal(toBob[0].transactionHash, r2.hash, 'that log is the transfer to bob');
  const byHash = await p.getLogs({ blockHash: r2.blockHash, address });
  check(byHash.some((l) => l.transactionHash === r2.hash), 'getLogs by blockHash finds the transfer');

  // 4. Contract event filter (queryFilter builds the topics from the ABI).
  const toAlice = await token.queryFilter(token.filters.Transfer(null, alice), deployReceipt.blockNumber);
  equal(toAlice.length, 1, 'queryFilter(Transfer(null, alice))');
  equal(toAlice[0].args.value, 1234n, 'event args decoded');

  // 4b. A live event filter over HTTP: contract.on() installs eth_newFilter and polls eth_getFilterChanges.
  let live = null;
  // With a filter object ethers hands the listener only the event payload (args + log).
  await token.on(token.filters.Transfer(owner.address, bob), (...args) => {
    const ev = args.at(-1);
    live ??= { value: ev.args[2], event: ev };
  });
  const liveSent = new Map();
  for (let i = 1; i <= 40 && live === null; i++) {
    const r = await (await token.transfer(bob, 1000n + BigInt(i))).wait();
    liveSent.set(1000n + BigInt(i), r.hash);
    await new Promise((res) => setTimeout(res, 300));
  }
  check(live !== null, `eth_newFilter/eth_getFilterChanges delivered a Transfer (after ${liveSent.size} transfers)`);
  equal(live.event.log.transactionHash, liveSent.get(live.value), 'the filtered log is the transfer that emitted it');
  await token.removeAllListeners();
  let bobTotal = 766n;
  for (const v of liveSent.keys()) bobTotal += v;
  equal(await token.balanceOf(bob), bobTotal, 'bob balance after the live-filter transfers');

  // 5. The same through the node's signer (eth_accounts + eth_sendTransaction).
  const accounts = await p.send('eth_accounts', []);
  check(accounts.length >= 10, `eth_accounts lists the dev accounts (${accounts.length})`);
  equal(ethers.getAddress(accounts[0]), '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 'eth_accounts[0]');
  const nodeSigner = await p.getSigner(2);
  const nodeFactory = new ethers.ContractFactory(Token.abi, Token.bytecode, nodeSigner);
  const token2 = await nodeFactory.deploy('Node Token', 'NT', 500n);
  await token2.waitForDeployment();
  equal(await token2.balanceOf(await nodeSigner.getAddress()), 500n, 'eth_sendTransaction deployment works');
  const t = await token2.transfer(alice, 5n);
  const tr = await t.wait();
  equal(tr.status, 1, 'eth_sendTransaction transfer mined');
  equal(await token2.balanceOf(alice), 5n, 'alice got 5 NT');

  // 6. Failing transfer: the custom error reaches the client through estimateGas.
  const rich = ethers.Wallet.createRandom().connect(p);
  const err = await token.connect(rich).transfer.staticCall(alice, 1n).then(
    () => null,
    (e) => e,
  );
  check(err !== null, 'transfer from an empty account fails');
  equal(err.revert?.name, 'InsufficientBalance', 'custom error decoded by ethers');
});
