// Scenario: Ewasm contracts through ethers. The C token (built from tests/OasisEth.Ewasm.Tests/Contracts by clang)
// is deployed with ContractFactory, minted, transferred and read, its Transfer log decoded and filtered, its revert
// seen from eth_call, eth_estimateGas and a mined transaction; a Solidity contract calls the Ewasm token, and the Ewasm
// relay calls a Solidity contract (eth_call, a transaction, its trace and its access list).
import { ethers } from 'ethers';
import { compile } from '../lib/compile.mjs';
import { buildContracts, deployCode, TOKEN_ABI } from '../lib/ewasm.mjs';
import { check, equal, provider, rpc, run, wallet } from '../lib/common.mjs';

const INSUFFICIENT = ethers.hexlify(ethers.toUtf8Bytes('insufficient balance'));

run('ewasm', async () => {
  const wasm = buildContracts();
  const { TokenPayer, Recorder } = compile();
  const p = provider();
  const w = wallet(0, p);
  const other = wallet(1, p).address;

  // Deployment: the init code is a wasm module returning the contract; eth_getCode gives the wasm back.
  const token = await new ethers.ContractFactory(TOKEN_ABI, deployCode(wasm.token), w).deploy();
  await token.waitForDeployment();
  const tokenAddress = await token.getAddress();
  const deployed = await token.deploymentTransaction().wait();
  equal(deployed.status, 1, 'the Ewasm deployment succeeds');
  equal(deployed.contractAddress, tokenAddress, 'the receipt names the new contract');
  const code = await p.getCode(tokenAddress);
  check(code === ethers.hexlify(wasm.token), `eth_getCode returns the wasm module (${wasm.token.length} bytes, ${code.slice(0, 10)}…)`);

  // Calls and transactions.
  const mintGas = await token.mint.estimateGas(1000n);
  check(mintGas > 21000n && mintGas < 200_000n, `eth_estimateGas of mint (${mintGas})`);
  equal((await (await token.mint(1000n)).wait()).status, 1, 'mint is mined');
  equal(await token.totalSupply(), 1000n, 'totalSupply through eth_call');
  equal(await token.balanceOf(w.address), 1000n, 'balanceOf the minter');

  const sent = await (await token.transfer(other, 300n)).wait();
  equal(sent.status, 1, 'transfer is mined');
  equal(sent.logs.length, 1, 'transfer emits one log');
  equal(sent.logs[0].address, tokenAddress, 'the log comes from the token');
  const ev = token.interface.parseLog(sent.logs[0]);
  equal(ev.name, 'Transfer', 'the log decodes as Transfer');
  equal(ev.args.from, w.address, 'Transfer.from');
  equal(ev.args.to, other, 'Transfer.to');
  equal(ev.args.value, 300n, 'Transfer.value');
  const filtered = await token.queryFilter(token.filters.Transfer(w.address, other), sent.blockNumber, sent.blockNumber);
  equal(filtered.length, 1, 'eth_getLogs finds it by its indexed topics');
  equal(filtered[0].transactionHash, sent.hash, 'the filtered log is the transfer');
  equal(await token.balanceOf(w.address), 700n, 'sender balance after the transfer');
  equal(await token.balanceOf(other), 300n, 'recipient balance after the transfer');

  // A revert: its data reaches ethers from eth_call and eth_estimateGas, and a forced transaction is mined with status 0.
  const e1 = await token.transfer.staticCall(other, 10_000n).then(() => null, (e) => e);
  equal(e1?.code, 'CALL_EXCEPTION', 'an overdraft reverts in eth_call');
  equal(e1.data, INSUFFICIENT, 'eth_call carries the revert data');
  const e2 = await token.transfer.estimateGas(other, 10_000n).then(() => null, (e) => e);
  equal(e2?.code, 'CALL_EXCEPTION', 'eth_estimateGas refuses the overdraft');
  equal(e2.data, INSUFFICIENT, 'eth_estimateGas carries the revert data');
  const forced = await token.transfer(other, 10_000n, { gasLimit: 200_000 });
  check((await forced.wait().then(() => null, (e) => e)) !== null, 'wait() rejects the reverted transfer');
  const failed = await p.getTransactionReceipt(forced.hash);
  equal(failed.status, 0, 'the reverted transfer has status 0');
  equal(failed.logs.length, 0, 'the reverted transfer keeps no logs');
  equal(await token.balanceOf(w.address), 700n, 'the reverted transfer moved nothing');

  // Solidity calling the Ewasm token.
  const payer = await new ethers.ContractFactory(TokenPayer.abi, TokenPayer.bytecode, w).deploy();
  await payer.waitForDeployment();
  const payerAddress = await payer.getAddress();
  const paid = await (await payer.mintAndPay(tokenAddress, other, 50n)).wait();
  equal(paid.status, 1, 'TokenPayer.mintAndPay is mined');
  const tokenLogs = paid.logs.filter((l) => l.address === tokenAddress).map((l) => token.interface.parseLog(l));
  equal(tokenLogs.length, 1, 'the Ewasm token logged inside the Solidity call');
  equal(tokenLogs[0].args.from, payerAddress, 'the token saw TokenPayer as the caller');
  const paidEvent = paid.logs.filter((l) => l.address === payerAddress).map((l) => payer.interface.parseLog(l))[0];
  equal(paidEvent?.args.balanceAfter, 350n, 'TokenPayer read the balance back from the Ewasm token');
  equal(await token.balanceOf(other), 350n, 'the recipient holds the payment');
  equal(await token.totalSupply(), 1050n, 'the Solidity contract minted through the Ewasm token');
  const [ok, reason] = await payer.tryPay.staticCall(tokenAddress, other, 1n);
  equal(ok, false, 'the Ewasm revert reaches the Solidity caller');
  equal(reason, INSUFFICIENT, "Solidity's catch gets the Ewasm revert data");

  // The Ewasm relay calling a Solidity contract.
  const recorder = await new ethers.ContractFactory(Recorder.abi, Recorder.bytecode, w).deploy();
  await recorder.waitForDeployment();
  const recorderAddress = await recorder.getAddress();
  const relay = await new ethers.ContractFactory([], deployCode(wasm.relay), w).deploy();
  await relay.waitForDeployment();
  const relayAddress = await relay.getAddress();
  const through = (data) => ethers.concat([recorderAddress, data]);
  const recordData = through(recorder.interface.encodeFunctionData('record', [5n]));

  const answer = await p.call({ to: relayAddress, data: recordData });
  equal(recorder.interface.decodeFunctionResult('record', answer)[0], 5n, 'eth_call through the relay returns the EVM result');
  const relayed = await (await w.sendTransaction({ to: relayAddress, data: recordData })).wait();
  equal(relayed.status, 1, 'the relayed transaction is mined');
  equal(await recorder.lastCaller(), relayAddress, 'the EVM contract saw the Ewasm relay as its caller');
  equal(await recorder.total(), 5n, 'the EVM contract kept the state change');
  const recorded = recorder.interface.parseLog(relayed.logs[0]);
  equal(recorded?.args.caller, relayAddress, 'the EVM log names the relay');

  const e3 = await p.call({ to: relayAddress, data: through(recorder.interface.encodeFunctionData('refuse')) }).then(() => null, (e) => e);
  equal(e3?.code, 'CALL_EXCEPTION', 'an EVM revert comes back through the relay');
  equal(e3.reason, 'recorder refuses', 'with its Error(string) reason intact');

  // Re-execution: the call trace and the access list of the relayed call.
  const trace = await rpc('debug_traceTransaction', [relayed.hash, { tracer: 'callTracer' }]);
  equal(trace.to, relayAddress.toLowerCase(), 'callTracer: the top frame is the relay');
  equal(trace.calls?.length, 1, 'callTracer: the relay made one call');
  equal(trace.calls[0].to, recorderAddress.toLowerCase(), 'callTracer: to the recorder');
  equal(trace.calls[0].output, answer, 'callTracer: the recorder returned the same word');
  const access = await rpc('eth_createAccessList', [{ from: w.address, to: relayAddress, data: recordData }, 'latest']);
  check(access.accessList.some((e) => e.address === recorderAddress.toLowerCase()), 'eth_createAccessList lists the recorder');
});
