// Scenario: events with indexed/unindexed data, and the three revert shapes (custom error, Error(string),
// Panic) reach ethers from eth_call, eth_estimateGas and a mined failing transaction (status 0).
import { ethers } from 'ethers';
import { compile } from '../lib/compile.mjs';
import { check, equal, provider, run, wallet } from '../lib/common.mjs';

run('events-errors', async () => {
  const { Emitter } = compile();
  const p = provider();
  const w = wallet(3, p);
  const emitter = await new ethers.ContractFactory(Emitter.abi, Emitter.bytecode, w).deploy();
  await emitter.waitForDeployment();
  const address = await emitter.getAddress();

  // Events.
  const r = await (await emitter.ping('hello')).wait();
  equal(r.logs.length, 1, 'ping emits one log');
  const ev = emitter.interface.parseLog(r.logs[0]);
  equal(ev.name, 'Ping', 'event name');
  equal(ev.args.sender, w.address, 'indexed sender');
  equal(ev.args.count, 1n, 'indexed count');
  equal(ev.args.note, 'hello', 'unindexed string');
  const rm = await (await emitter.pingMany(5)).wait();
  equal(rm.logs.length, 10, 'pingMany(5) emits 10 logs');
  check(rm.logs.every((l, i) => l.index === rm.logs[0].index + i), 'log indexes are consecutive');
  const pings = await emitter.queryFilter(emitter.filters.Ping(w.address), r.blockNumber);
  equal(pings.length, 6, 'Ping filter by indexed sender');
  equal(pings.map((e) => e.args.count).join(','), '1,2,3,4,5,6', 'counts in chain order');
  const data = await p.getLogs({ address, topics: [emitter.interface.getEvent('Data').topicHash, ethers.zeroPadValue('0x03', 32)], fromBlock: r.blockNumber });
  equal(data.length, 1, 'Data event with tag 3');
  equal(emitter.interface.parseLog(data[0]).args.payload, ethers.solidityPacked(['uint256', 'address'], [3n, w.address]).toLowerCase(), 'Data payload');

  // Custom error via eth_call.
  const e1 = await emitter.failCustom.staticCall(42).then(() => null, (e) => e);
  check(e1 !== null, 'failCustom reverts');
  equal(e1.code, 'CALL_EXCEPTION', 'ethers error code');
  equal(e1.revert?.name, 'Unauthorized', 'custom error name');
  equal(e1.revert?.args[0], w.address, 'custom error arg caller');
  equal(e1.revert?.args[1], 42n, 'custom error arg code');
  check(typeof e1.data === 'string' && e1.data.startsWith(emitter.interface.getError('Unauthorized').selector), 'revert data starts with the selector');

  // Error(string) via eth_call and eth_estimateGas.
  const e2 = await emitter.failReason.staticCall(11).then(() => null, (e) => e);
  equal(e2?.reason, 'limit too high', 'require reason via eth_call');
  const e3 = await emitter.failReason.estimateGas(11).then(() => null, (e) => e);
  equal(e3?.reason, 'limit too high', 'require reason via eth_estimateGas');
  equal(await emitter.failReason.staticCall(3), 3n, 'the same call succeeds below the limit');

  // Panic(0x12): division by zero.
  const e4 = await emitter.failPanic.staticCall(0).then(() => null, (e) => e);
  equal(e4?.revert?.name, 'Panic', 'panic decoded');
  equal(BigInt(e4?.revert?.args[0]), 0x12n, 'panic code 0x12 (division by zero)');

  // A sent transaction that reverts: estimateGas refuses it with the custom error ...
  const e5 = await emitter.pingOrFail(true).then(() => null, (e) => e);
  equal(e5?.code, 'CALL_EXCEPTION', 'sending a reverting call is refused at estimation');
  equal(emitter.interface.parseError(e5.data)?.name, 'Unauthorized', 'the estimation error carries the custom error data');
  // ... and forced through with a fixed gas limit it is mined with status 0 and no logs.
  const before = await emitter.counter();
  const tx = await emitter.pingOrFail(true, { gasLimit: 100_000 });
  const failed = await tx.wait().then(() => null, (e) => e);
  check(failed !== null, 'wait() rejects a reverted transaction');
  const rr = await p.getTransactionReceipt(tx.hash);
  equal(rr.status, 0, 'reverted transaction has status 0');
  equal(rr.logs.length, 0, 'reverted transaction keeps no logs');
  check(rr.gasUsed > 21000n && rr.gasUsed <= 100_000n, `reverted transaction paid gas (${rr.gasUsed})`);
  equal(await emitter.counter(), before, 'reverted state change is undone');
});
