// Scenario: the tracers against a real anvil (npm @foundry-rs/anvil 1.7.1). The same signed transactions (a
// deployment, a plain transfer, a call tree with a value transfer, a caught revert, a static call and a precompile,
// a CREATE2 of a contract that self-destructs in the same transaction, and a call that reverts at the top) run on
// anvil and on oasis-eth dev, both fresh; then every tracer's answer is compared field by field. The differences
// that are on purpose are named here and explained in docs/json-rpc.md ("Tracing: differences from anvil"):
//   - callTracer top frame `gas`: geth reports the transaction's gas limit, anvil the gas after intrinsic gas;
//   - the block's coinbase: anvil's is 0x0, ours the OETH fee collector (in prestate results and block fields);
//   - prestateTracer: anvil lists a contract created by the transaction with an empty prestate, geth drops it;
//   - 4byteTracer: anvil counts calls to precompiles, geth does not;
//   - ots_getInternalOperations: anvil lists the transaction's own transfer/creation, Erigon only internal ones;
//   - ots_traceTransaction: anvil leaves out CREATE/CREATE2/SELFDESTRUCT frames (and a deployment entirely), Erigon
//     lists them;
//   - trace_replayBlockTransactions: anvil leaves precompile calls out of the replay (not of trace_block), we keep them;
//   - eth_simulateV1 block fields: anvil numbers the first simulated block as the head and leaves parentHash zero,
//     we number it head + 1 and chain the (synthetic) hashes; a reverted call's error is the execution-apis' code 3
//     with the revert data (anvil: -3200 "execution failed"); the rest of each call result is compared in full;
//   - chain facts: block hashes, state roots, timestamps, base fee and the post-Cancun header fields differ by chain.
// Methods anvil does not serve (trace_call, trace_get, trace_replayTransaction, stateDiff) are checked against our
// own answers for the same transactions (trace_transaction, prestateTracer diffMode).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ethers } from 'ethers';
import { check, equal, provider, run, DEV_KEYS } from '../lib/common.mjs';
import { compile } from '../lib/compile.mjs';

const anvilBin = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '@foundry-rs', 'anvil-linux-amd64', 'bin', 'anvil');

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startAnvil() {
  const port = await freePort();
  const child = spawn(anvilBin, ['--port', String(port), '--silent'], { stdio: 'ignore' });
  const p = new ethers.JsonRpcProvider(`http://127.0.0.1:${port}`, undefined, { staticNetwork: true, cacheTimeout: -1 });
  p.pollingInterval = 100;
  for (let i = 0; i < 100; i++) {
    try {
      await p.send('eth_chainId', []);
      return { child, p };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('anvil did not start');
}

const PRECOMPILES = new Set(Array.from({ length: 0x11 }, (_, i) => '0x' + (i + 1).toString(16).padStart(40, '0')));
const isPrecompile = (a) => a !== undefined && a !== null && PRECOMPILES.has(a.toLowerCase());

/** Deep field-by-field comparison: every differing path is a failure naming the path. */
function same(actual, expected, path) {
  const a = JSON.stringify(sortKeys(actual));
  const e = JSON.stringify(sortKeys(expected));
  if (a === e) {
    console.log(`ok: ${path}`);
    return;
  }
  const diffs = [];
  walk(actual, expected, path, diffs);
  throw new Error(`check failed: ${path} differs from anvil:\n  ${diffs.slice(0, 20).join('\n  ')}`);
}

function walk(a, e, path, out) {
  if (typeof a === 'object' && a !== null && typeof e === 'object' && e !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
    for (const k of keys) walk(a[k], e[k], `${path}.${k}`, out);
  } else if (JSON.stringify(a) !== JSON.stringify(e)) {
    out.push(`${path}: ours ${short(a)}, anvil ${short(e)}`);
  }
}

const short = (v) => { const s = JSON.stringify(v); return s === undefined ? 'absent' : s.length > 80 ? s.slice(0, 77) + '...' : s; };

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

const omit = (o, ...keys) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

/** Sends the same transactions on a chain; returns their hashes, receipts and the contract addresses. */
async function runTransactions(p) {
  const c = compile();
  const w = new ethers.Wallet(DEV_KEYS[0], p);
  // Fixed gas limit, and a tip equal to the fee cap: the price paid is the cap whatever the base fee (anvil lowers
  // its base fee block by block, ours stays), so both chains charge the same and balances compare too.
  const ov = { type: 2, maxFeePerGas: 2_000_000_000n, maxPriorityFeePerGas: 2_000_000_000n, gasLimit: 3_000_000n };
  const target = await (await new ethers.ContractFactory(c.TraceTarget.abi, c.TraceTarget.bytecode, w).deploy(ov)).waitForDeployment();
  const caller = await (await new ethers.ContractFactory(c.TraceCaller.abi, c.TraceCaller.bytecode, w)
    .deploy(await target.getAddress(), ov)).waitForDeployment();
  const deploy = await caller.deploymentTransaction().wait();
  const transfer = await (await w.sendTransaction({ to: '0x00000000000000000000000000000000000000aa', value: 12345n, ...ov, gasLimit: 21000n })).wait();
  const callBoth = await (await caller.callBoth(7n, { value: 1000n, ...ov, gasLimit: 300000n })).wait();
  const deployAndKill = await (await caller.deployAndKill(ethers.ZeroHash, { value: 55n, ...ov, gasLimit: 300000n })).wait();
  // A transaction that reverts at the top: sent with a fixed gas limit so the wallet does not estimate it.
  const failTx = await w.sendTransaction({ to: await target.getAddress(), data: target.interface.encodeFunctionData('fail', [3n]), ...ov, gasLimit: 100000n });
  const failed = await p.waitForTransaction(failTx.hash);
  check(failed.status === 0, 'the top-level revert was mined as failed');
  return {
    sender: w.address, target: await target.getAddress(), caller: await caller.getAddress(), callerAbi: c.TraceCaller.abi,
    txs: { deploy, transfer, callBoth, deployAndKill, failed },
  };
}

async function both(anvil, ours, method, params) {
  const [a, o] = await Promise.all([anvil.send(method, params), ours.send(method, params)]);
  return { a, o };
}

run('tracers', async () => {
  const { child, p: anvil } = await startAnvil();
  try {
    const ours = provider();
    const A = await runTransactions(anvil);
    const O = await runTransactions(ours);
    equal(O.target, A.target, 'same contract addresses on both chains');
    const oursCoinbase = (await ours.send('eth_getBlockByNumber', ['latest', false])).miner.toLowerCase();
    const anvilCoinbase = (await anvil.send('eth_getBlockByNumber', ['latest', false])).miner.toLowerCase();

    for (const [name, receipt] of Object.entries(A.txs)) {
      const hash = receipt.hash;
      equal(O.txs[name].hash, hash, `${name}: the same signed transaction on both chains`);
      const created = new Set();

      // ---- callTracer ----
      const call = await both(anvil, ours, 'debug_traceTransaction', [hash, { tracer: 'callTracer', tracerConfig: { withLog: true } }]);
      equal(BigInt(call.o.gas), (await ours.getTransaction(hash)).gasLimit, `${name}: callTracer top gas = the gas limit (geth)`);
      same(omit(call.o, 'gas'), omit(call.a, 'gas'), `${name}: callTracer (all but the top frame's gas)`);
      const collect = (f) => { if (f.type === 'CREATE' || f.type === 'CREATE2') created.add(f.to.toLowerCase()); (f.calls ?? []).forEach(collect); };
      collect(call.o);

      // ---- prestateTracer ----
      const dropCoinbase = (m, cb) => omit(m, cb);
      const pre = await both(anvil, ours, 'debug_traceTransaction', [hash, { tracer: 'prestateTracer' }]);
      check(pre.o[oursCoinbase] !== undefined, `${name}: prestate lists our coinbase`);
      const anvilPre = Object.fromEntries(Object.entries(dropCoinbase(pre.a, anvilCoinbase)).filter(([addr, acc]) =>
        !(created.has(addr) && JSON.stringify(acc) === '{"balance":"0x0"}')));
      same(dropCoinbase(pre.o, oursCoinbase), anvilPre, `${name}: prestateTracer (coinbase and empty created accounts aside)`);

      const diff = await both(anvil, ours, 'debug_traceTransaction', [hash, { tracer: 'prestateTracer', tracerConfig: { diffMode: true } }]);
      same({ pre: dropCoinbase(diff.o.pre, oursCoinbase), post: dropCoinbase(diff.o.post, oursCoinbase) },
        { pre: dropCoinbase(diff.a.pre, anvilCoinbase), post: dropCoinbase(diff.a.post, anvilCoinbase) }, `${name}: prestateTracer diffMode (coinbase aside)`);

      // ---- 4byteTracer ----
      const four = await both(anvil, ours, 'debug_traceTransaction', [hash, { tracer: '4byteTracer' }]);
      const anvilFour = { ...four.a };
      const dropPrecompileCalls = (f) => {
        if (isPrecompile(f.to) && f.input && f.input.length >= 10 && f.type !== 'CREATE' && f.type !== 'CREATE2') {
          const key = `${f.input.slice(0, 10)}-${(f.input.length - 10) / 2}`;
          if (--anvilFour[key] === 0) delete anvilFour[key];
        }
        (f.calls ?? []).forEach(dropPrecompileCalls);
      };
      dropPrecompileCalls(call.a);
      same(four.o, anvilFour, `${name}: 4byteTracer (precompile calls aside)`);

      // ---- Parity traces ----
      const parity = await both(anvil, ours, 'trace_transaction', [hash]);
      same(parity.o.map((t) => omit(t, 'blockHash')), parity.a.map((t) => omit(t, 'blockHash')), `${name}: trace_transaction`);
      for (let i = 0; i < parity.o.length; i++) {
        same(await ours.send('trace_get', [hash, ['0x' + i.toString(16)]]), parity.o[i], `${name}: trace_get ${i} is trace_transaction's entry ${i}`);
      }
      const replay = await ours.send('trace_replayTransaction', [hash, ['trace', 'stateDiff']]);
      const location = ['blockHash', 'blockNumber', 'transactionHash', 'transactionPosition'];
      same(replay.trace, parity.o.map((t) => omit(t, ...location)), `${name}: trace_replayTransaction's trace is trace_transaction's`);
      checkStateDiff(replay.stateDiff, diff.o, `${name}: trace_replayTransaction's stateDiff agrees with prestateTracer diffMode`);

      // ---- Otterscan ----
      const internal = await both(anvil, ours, 'ots_getInternalOperations', [hash]);
      const top = call.a;
      const anvilInternal = internal.a.filter((op, i) => !(i === 0 && op.from === top.from && (op.to === top.to || top.type === 'CREATE')));
      same(internal.o, anvilInternal, `${name}: ots_getInternalOperations (the transaction's own transfer aside)`);
      const otsTrace = await both(anvil, ours, 'ots_traceTransaction', [hash]);
      const callFrames = otsTrace.o.filter((f) => !['CREATE', 'CREATE2', 'SELFDESTRUCT'].includes(f.type));
      if (name === 'deploy') equal(otsTrace.a.length, 0, 'anvil: no ots trace for a deployment');
      else same(callFrames, otsTrace.a, `${name}: ots_traceTransaction (call frames)`);
      const error = await both(anvil, ours, 'ots_getTransactionError', [hash]);
      same(error.o, error.a, `${name}: ots_getTransactionError`);
    }

    // ---- block-level tracing ----
    const number = '0x' + A.txs.callBoth.blockNumber.toString(16);
    const block = await both(anvil, ours, 'debug_traceBlockByNumber', [number, { tracer: 'callTracer' }]);
    same(block.o.map((t) => ({ ...t, result: omit(t.result, 'gas') })), block.a.map((t) => ({ ...t, result: omit(t.result, 'gas') })),
      'debug_traceBlockByNumber callTracer (top gas aside)');
    const oursHash = (await ours.send('eth_getBlockByNumber', [number, false])).hash;
    same(await ours.send('debug_traceBlockByHash', [oursHash, { tracer: 'callTracer' }]), block.o, 'debug_traceBlockByHash = ByNumber');
    const diffBlock = await ours.send('debug_traceBlockByNumber', [number, { tracer: 'prestateTracer', tracerConfig: { diffMode: true } }]);
    same(diffBlock[0].result, await ours.send('debug_traceTransaction', [A.txs.callBoth.hash, { tracer: 'prestateTracer', tracerConfig: { diffMode: true } }]),
      'debug_traceBlockByNumber prestateTracer = debug_traceTransaction');

    const traceBlock = await both(anvil, ours, 'trace_block', [number]);
    same(traceBlock.o.map((t) => omit(t, 'blockHash')), traceBlock.a.map((t) => omit(t, 'blockHash')), 'trace_block');
    const replayBlock = await both(anvil, ours, 'trace_replayBlockTransactions', [number, ['trace']]);
    same(replayBlock.o.map((r) => ({ ...r, trace: r.trace.filter((t) => !isPrecompile(t.action.to)).map((t) => omit(t, 'subtraces')) })),
      replayBlock.a.map((r) => ({ ...r, trace: r.trace.map((t) => omit(t, 'subtraces')) })),
      'trace_replayBlockTransactions (precompile entries and subtraces aside)');

    const last = '0x' + A.txs.failed.blockNumber.toString(16);
    for (const filter of [{ fromBlock: '0x1', toBlock: last, toAddress: [A.target] }, { fromBlock: '0x1', toBlock: last, fromAddress: [A.caller] },
      { fromBlock: '0x1', toBlock: last, fromAddress: [A.sender], after: 1, count: 2 }]) {
      const f = await both(anvil, ours, 'trace_filter', [filter]);
      check(f.o.length > 0, `trace_filter ${JSON.stringify(filter)} finds traces`);
      same(f.o.map((t) => omit(t, 'blockHash')), f.a.map((t) => omit(t, 'blockHash')), `trace_filter ${JSON.stringify(filter)}`);
    }

    const iface = new ethers.Interface(A.callerAbi);
    const callArgs = { from: A.sender, to: A.caller, data: iface.encodeFunctionData('callBoth', [9n]) };
    const traceCall = await ours.send('trace_call', [callArgs, ['trace', 'stateDiff'], 'latest']);
    const debugCall = await ours.send('debug_traceCall', [callArgs, 'latest', { tracer: 'callTracer' }]);
    equal(traceCall.output, debugCall.output, 'trace_call output = debug_traceCall callTracer output');
    equal(traceCall.trace.length, 5, 'trace_call: the call, two calls, a static call and a precompile call');
    equal(traceCall.trace[2].error, 'Reverted', 'trace_call: the caught revert');
    check(traceCall.stateDiff[A.target.toLowerCase()].storage !== undefined, 'trace_call stateDiff shows the stored slot');

    // ---- eth_simulateV1 ----
    const targetIface = new ethers.Interface(['function store(uint256)', 'function fail(uint256)', 'function stored() view returns (uint256)']);
    const simulation = {
      blockStateCalls: [
        { calls: [callArgs, { from: A.sender, to: A.target, data: targetIface.encodeFunctionData('fail', [1n]) }] },
        { calls: [{ from: A.sender, to: A.target, data: targetIface.encodeFunctionData('stored', []) }] },
      ],
    };
    const sim = await both(anvil, ours, 'eth_simulateV1', [simulation, 'latest']);
    const callFacts = (b) => b.calls.map((x) => ({ ...omit(x, 'error'), failed: 'error' in x,
      logs: x.logs.map((l) => ({ address: l.address, topics: l.topics, data: l.data, logIndex: l.logIndex, transactionIndex: l.transactionIndex })) }));
    same(sim.o.map(callFacts), sim.a.map(callFacts), 'eth_simulateV1 calls (returnData, logs, gasUsed, status, whether an error)');
    // A reverted call's error: the execution-apis' code 3 with the revert data (anvil answers -3200 "execution failed").
    const revertError = sim.o[0].calls[1].error;
    same({ code: revertError.code, data: revertError.data, reason: revertError.message }, { code: 3, data: sim.o[0].calls[1].returnData, reason: 'execution reverted: nope' },
      'eth_simulateV1: a reverted call\'s error is code 3 with its data');
    same(sim.o.map((b) => ({ gasUsed: b.gasUsed, gasLimit: b.gasLimit, transactions: b.transactions.length })),
      sim.a.map((b) => ({ gasUsed: b.gasUsed, gasLimit: b.gasLimit, transactions: b.transactions.length })), 'eth_simulateV1 block gas and call counts');
    equal(BigInt(sim.o[1].calls[0].returnData), 9n, 'eth_simulateV1: the second block sees the first block\'s write');
    const head = BigInt((await ours.send('eth_getBlockByNumber', ['latest', false])).number);
    equal(BigInt(sim.o[0].number), head + 1n, 'eth_simulateV1: the first simulated block follows the head (anvil reuses the head\'s number)');

    // ---- Otterscan block and search methods ----
    const level = await both(anvil, ours, 'ots_getApiLevel', []);
    equal(level.o, level.a, 'ots_getApiLevel');
    for (const addr of [A.caller, A.sender]) {
      const has = await both(anvil, ours, 'ots_hasCode', [addr, 'latest']);
      equal(has.o, has.a, `ots_hasCode ${addr}`);
    }
    const details = await both(anvil, ours, 'ots_getBlockDetails', [A.txs.callBoth.blockNumber]);
    const blockFacts = (d) => ({ number: d.block.number, gasUsed: d.block.gasUsed, gasLimit: d.block.gasLimit, transactionCount: d.block.transactionCount,
      issuance: d.issuance, totalFees: d.totalFees, hasTransactions: 'transactions' in d.block });
    same(blockFacts(details.o), blockFacts(details.a), 'ots_getBlockDetails (chain facts aside)');
    same(blockFacts(await ours.send('ots_getBlockDetailsByHash', [oursHash])), blockFacts(details.o), 'ots_getBlockDetailsByHash = ots_getBlockDetails');
    const page = await both(anvil, ours, 'ots_getBlockTransactions', [A.txs.callBoth.blockNumber, 0, 10]);
    const txFacts = (t) => omit(t, 'blockHash', 'blockTimestamp', 'gasPrice');
    const receiptFacts = (r) => ({ ...omit(r, 'blockHash', 'timestamp', 'blobGasPrice', 'logsBloom'), logs: r.logs.map((l) => omit(l, 'blockHash', 'blockTimestamp')) });
    same(page.o.fullblock.transactions.map(txFacts), page.a.fullblock.transactions.map(txFacts), 'ots_getBlockTransactions transactions (input cut to 4 bytes)');
    equal(page.o.fullblock.transactionCount, page.a.fullblock.transactionCount, 'ots_getBlockTransactions transactionCount');
    same(page.o.receipts.map(receiptFacts), page.a.receipts.map(receiptFacts), 'ots_getBlockTransactions receipts');
    for (const [method, args] of [['ots_searchTransactionsBefore', [A.sender, 0, 2]], ['ots_searchTransactionsAfter', [A.sender, 0, 2]],
      ['ots_searchTransactionsBefore', [A.target, 0, 10]]]) {
      const s = await both(anvil, ours, method, args);
      same({ txs: s.o.txs.map((t) => t.hash), firstPage: s.o.firstPage, lastPage: s.o.lastPage },
        { txs: s.a.txs.map((t) => t.hash), firstPage: s.a.firstPage, lastPage: s.a.lastPage }, `${method} ${JSON.stringify(args)}`);
      same(s.o.receipts.map(receiptFacts), s.a.receipts.map(receiptFacts), `${method} ${JSON.stringify(args)} receipts`);
    }
    for (const nonce of [0, 2, 4, 99]) {
      const n = await both(anvil, ours, 'ots_getTransactionBySenderAndNonce', [A.sender, nonce]);
      equal(n.o, n.a, `ots_getTransactionBySenderAndNonce nonce ${nonce}`);
    }
    for (const addr of [A.target, A.caller, A.sender]) {
      const cr = await both(anvil, ours, 'ots_getContractCreator', [addr]);
      same(cr.o, cr.a, `ots_getContractCreator ${addr}`);
    }
  } finally {
    child.kill('SIGTERM');
  }
});

/** Parity's stateDiff against the prestate diff: the same accounts, and each changed field's new value. */
function checkStateDiff(stateDiff, diff, message) {
  const accounts = new Set([...Object.keys(diff.pre), ...Object.keys(diff.post)]);
  same(Object.keys(stateDiff).sort(), [...accounts].sort(), `${message}: accounts`);
  for (const [addr, d] of Object.entries(stateDiff)) {
    const post = diff.post[addr];
    if (post?.balance !== undefined) {
      const b = d.balance['*']?.to ?? d.balance['+'];
      equal(b, post.balance, `${message}: ${addr} balance`);
    }
    for (const [slot, value] of Object.entries(post?.storage ?? {})) {
      const s = d.storage[slot];
      equal(s['*']?.to ?? s['+'], value, `${message}: ${addr} slot ${slot}`);
    }
  }
}
