// Load test: N senders x M pre-signed EIP-1559 transfers through eth_sendRawTransaction (a bounded number in
// flight), then every receipt. Checks: no send error, no lost transaction, every receipt status 1, final balances
// and nonces exact (value + gasUsed * effectiveGasPrice from the receipts). Reports end-to-end throughput. Runs the
// same workload against `oasis-eth dev` and against anvil (npm @foundry-rs/anvil), each started fresh on a free
// loopback port, one after the other so they never compete for the CPU.
//
//   node loadtest.mjs [--target oasis,anvil (default; also oasis-interval, anvil-automine)] [--senders 10] [--per-sender 1000] [--concurrency 32]
//                     [--kind transfer|erc20] [--oasis-url URL] [--anvil-url URL] [--oasis-bin PATH] [--json FILE]
//
// The node's resident memory is sampled every 50 ms from /proc while the workload runs (idle before it, peak = the
// kernel's high-water mark VmHWM). compare.mjs imports the same functions for its side-by-side table.
import http from 'node:http';
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ethers } from 'ethers';
import { DEV_KEYS } from '../../tests/e2e/lib/dev-keys.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');


function parseArgs(argv) {
  const o = { target: 'oasis,anvil', kind: 'transfer', senders: 10, perSender: 1000, concurrency: 32, receiptTimeoutS: 600, stallTimeoutS: 30 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--target': o.target = v(); break;
      case '--senders': o.senders = Number(v()); break;
      case '--per-sender': o.perSender = Number(v()); break;
      case '--concurrency': o.concurrency = Number(v()); break;
      case '--oasis-url': o.oasisUrl = v(); break;
      case '--anvil-url': o.anvilUrl = v(); break;
      case '--oasis-bin': case '--oasis-dll': o.oasisBin = v(); break;
      case '--kind': o.kind = v(); break;
      case '--json': o.json = v(); break;
      case '--receipt-timeout': o.receiptTimeoutS = Number(v()); break;
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  o.targets = o.target === 'both' ? ['oasis', 'anvil'] : o.target.split(',');
  for (const t of o.targets) if (!TARGETS[t]) throw new Error(`unknown target ${t} (known: ${Object.keys(TARGETS).join(', ')})`);
  if (!(o.senders >= 1 && o.senders <= DEV_KEYS.length)) throw new Error(`--senders is 1..${DEV_KEYS.length}`);
  if (!(o.perSender >= 1 && o.perSender <= 100_000)) throw new Error('--per-sender is 1..100000');
  if (!(o.concurrency >= 1 && o.concurrency <= 256)) throw new Error('--concurrency is 1..256');
  if (!['transfer', 'erc20'].includes(o.kind)) throw new Error('--kind is transfer or erc20');
  return o;
}

// ---- JSON-RPC over HTTP: node:http with a kept-alive socket pool per node ----
// (fetch/undici cost the single-threaded client about twice the CPU per request, and the client, not the node, was
// what saturated first: 13.9 s of client CPU in a 13.8 s run.)

let rpcId = 0;
const agents = new Map();
function agentFor(url) {
  let a = agents.get(url);
  if (!a) {
    const u = new URL(url);
    a = { host: u.hostname, port: u.port, path: u.pathname || '/', agent: new http.Agent({ keepAlive: true, maxSockets: 64 }) };
    agents.set(url, a);
  }
  return a;
}

function post(url, body) {
  const a = agentFor(url);
  return new Promise((ok, fail) => {
    const req = http.request({ host: a.host, port: a.port, path: a.path, method: 'POST', agent: a.agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          ok(JSON.parse(text));
        } catch {
          fail(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
        }
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

export async function rpc(url, method, params = []) {
  const body = await post(url, JSON.stringify({ jsonrpc: '2.0', id: ++rpcId, method, params }));
  if (body.error) {
    const e = new Error(`${method}: ${body.error.code} ${body.error.message}`);
    e.rpc = body.error;
    throw e;
  }
  return body.result;
}

export async function pool(items, concurrency, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  });
  await Promise.all(workers);
}

// ---- starting the nodes ----

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

export function waitForLine(child, regex, label, timeoutMs = 120_000) {
  return new Promise((ok, fail) => {
    let buffer = '';
    const t = setTimeout(() => fail(new Error(`${label}: no "${regex}" line within ${timeoutMs} ms; output:\n${buffer}`)), timeoutMs);
    const onData = (d) => {
      buffer += d.toString();
      const m = buffer.match(regex);
      if (m) {
        clearTimeout(t);
        child.stdout.off('data', onData);
        ok(m);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(t);
      fail(new Error(`${label} exited (${code}) before it was ready; output:\n${buffer}`));
    });
  });
}

// Resident memory of a process from /proc (KiB → MiB): VmRSS now, VmHWM the peak since it started.
export function rssMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

// The built oasis-eth: the apphost ELF next to the dll (what users run after a build), else `dotnet <dll>`.
export function oasisCommand(o) {
  const dir = join(repo, 'runtime/OasisEth.Node/bin/Release/net10.0/linux-x64');
  let bin = o.oasisBin ?? join(dir, 'oasis-eth');
  if (!o.oasisBin && !existsSync(bin)) {
    console.log('building oasis-eth (Release)...');
    execFileSync('dotnet', ['build', '-c', 'Release', join(repo, 'runtime/OasisEth.Node')], { stdio: 'inherit' });
  }
  return bin.endsWith('.dll') ? { file: 'dotnet', args: [bin] } : { file: bin, args: [] };
}

// anvil's own ELF from the platform package (not the npm wrapper script, which would add a Node.js process to
// the start-up time and hide anvil's memory behind its own).
export const anvilBin = join(here, 'node_modules', '@foundry-rs', 'anvil-linux-amd64', 'bin', 'anvil');

function stopper(child, cleanup = () => {}) {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    cleanup();
  };
}

export async function startOasis(o, blockTime, extraArgs = o.oasisArgs ?? []) {
  const cmd = oasisCommand(o);
  const dataDir = mkdtempSync(join(tmpdir(), 'oasis-eth-load-'));
  const args = [...cmd.args, 'dev', '--http.port', '0', '--datadir', dataDir, ...extraArgs];
  if (blockTime) args.push('--block-time', String(blockTime));
  const child = spawn(cmd.file, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.on('data', () => {}); // keep draining the round log lines
  const m = await waitForLine(child, /Listening on (http:\/\/\S+)/, 'oasis-eth dev');
  return {
    url: m[1].replace(/\/$/, ''),
    pid: child.pid,
    stop: stopper(child, () => rmSync(dataDir, { recursive: true, force: true })),
  };
}

export async function startAnvil(o, blockTime, extraArgs = o.anvilArgs ?? []) {
  const port = await freePort();
  const args = ['--port', String(port), '--host', '127.0.0.1', ...extraArgs];
  if (blockTime) args.push('--block-time', String(blockTime));
  const child = spawn(anvilBin, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.on('data', () => {});
  await waitForLine(child, /Listening on/, 'anvil');
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop: stopper(child) };
}

// ---- the workload ----

// ERC-20 (shared/bench/contracts/BenchToken): deployed by dev account 0, which mints to every sender.
const contracts = process.env.OASISETH_SHARED ? join(process.env.OASISETH_SHARED, 'bench', 'contracts') : join(repo, '..', 'shared', 'bench', 'contracts');
const tokenAbi = ['function transfer(address,uint256) returns (bool)', 'function mint(address,uint256)', 'function balanceOf(address) view returns (uint256)'];
const token = new ethers.Interface(tokenAbi);

export async function waitReceipt(url, hash, timeoutMs = 60_000) {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    const r = await rpc(url, 'eth_getTransactionReceipt', [hash]);
    if (r) return r;
    await new Promise((ok) => setTimeout(ok, 20));
  }
  throw new Error(`no receipt for ${hash} within ${timeoutMs} ms`);
}

// Sends signed transactions one after the other and waits for each receipt (set-up only, not timed).
async function setupSends(url, wallet, chainId, fees, requests) {
  let nonce = Number(BigInt(await rpc(url, 'eth_getTransactionCount', [wallet.address, 'latest'])));
  const receipts = [];
  for (const r of requests) {
    const raw = await wallet.signTransaction({ type: 2, chainId, nonce: nonce++, value: 0n, ...fees, ...r });
    const hash = await rpc(url, 'eth_sendRawTransaction', [raw]);
    const receipt = await waitReceipt(url, hash);
    if (receipt.status !== '0x1') throw new Error(`set-up transaction ${hash} failed`);
    receipts.push(receipt);
  }
  return receipts;
}

export async function workload(name, url, o, pid) {
  const mem = { idle: pid ? rssMiB(pid).rss : NaN, peakSampled: 0 };
  const sampler = pid ? setInterval(() => { mem.peakSampled = Math.max(mem.peakSampled, rssMiB(pid).rss); }, 50) : null;
  try {
    return await runWorkload(name, url, o, pid, mem);
  } finally {
    if (sampler) clearInterval(sampler);
  }
}

async function runWorkload(name, url, o, pid, mem) {
  const chainId = BigInt(await rpc(url, 'eth_chainId'));
  const latest = await rpc(url, 'eth_getBlockByNumber', ['latest', false]);
  const baseFee = BigInt(latest.baseFeePerGas ?? '0x3b9aca00');
  // Generous fee cap (the base fee rises while blocks are full); the exact price paid comes from the receipts.
  const maxFeePerGas = baseFee * 20n + 10n ** 9n;
  const maxPriorityFeePerGas = 1n;

  const senders = DEV_KEYS.slice(0, o.senders).map((k) => new ethers.Wallet(k));
  const recipients = Array.from({ length: 10 }, (_, i) => ethers.getAddress(ethers.dataSlice(ethers.id(`oasis-eth load recipient ${i}`), 12)));

  // ERC-20: deploy and fund the senders first (not timed).
  let tokenAddress = null;
  const mintAmount = 10n ** 24n;
  if (o.kind === 'erc20') {
    const bin = readFileSync(join(contracts, 'BenchToken.bin'), 'utf8').trim().replace(/^0x/, '');
    const ctor = ethers.AbiCoder.defaultAbiCoder().encode(['string', 'string'], ['Bench', 'BNCH']).slice(2);
    const owner = new ethers.Wallet(DEV_KEYS[0]);
    const fees = { maxFeePerGas, maxPriorityFeePerGas };
    const [deployed] = await setupSends(url, owner, chainId, fees, [{ data: '0x' + bin + ctor, gasLimit: 3_000_000n }]);
    tokenAddress = ethers.getAddress(deployed.contractAddress);
    await setupSends(url, owner, chainId, fees, senders.map((s) => ({ to: tokenAddress, data: token.encodeFunctionData('mint', [s.address, mintAmount]), gasLimit: 200_000n })));
  }
  const tokenBefore = new Map();
  if (tokenAddress) {
    for (const a of [...senders.map((s) => s.address), ...recipients]) {
      tokenBefore.set(a, BigInt(await rpc(url, 'eth_call', [{ to: tokenAddress, data: token.encodeFunctionData('balanceOf', [a]) }, 'latest'])));
    }
  }

  const startNonce = [];
  const before = new Map();
  for (const s of senders) {
    startNonce.push(BigInt(await rpc(url, 'eth_getTransactionCount', [s.address, 'latest'])));
    before.set(s.address, BigInt(await rpc(url, 'eth_getBalance', [s.address, 'latest'])));
  }
  for (const r of recipients) before.set(r, BigInt(await rpc(url, 'eth_getBalance', [r, 'latest'])));
  if (tokenAddress) before.set(tokenAddress, BigInt(await rpc(url, 'eth_getBalance', [tokenAddress, 'latest'])));

  // Pre-sign, ordered nonce-major so that with a bounded number in flight each sender's nonces arrive nearly in order.
  const t0 = performance.now();
  const txs = [];
  for (let n = 0; n < o.perSender; n++) {
    for (let s = 0; s < senders.length; s++) {
      const k = n * senders.length + s;
      const recipient = recipients[k % recipients.length];
      const nonce = Number(startNonce[s] + BigInt(n));
      if (tokenAddress) {
        const amount = 1_000n + BigInt(k);
        const raw = await senders[s].signTransaction({
          type: 2, chainId, nonce, to: tokenAddress, value: 0n, data: token.encodeFunctionData('transfer', [recipient, amount]),
          gasLimit: 100_000n, maxFeePerGas, maxPriorityFeePerGas,
        });
        txs.push({ sender: senders[s].address, to: tokenAddress, value: 0n, tokenTo: recipient, amount, raw, hash: ethers.keccak256(raw) });
      } else {
        const value = 1_000_000n + BigInt(k);
        const raw = await senders[s].signTransaction({
          type: 2, chainId, nonce, to: recipient, value, gasLimit: 21000n, maxFeePerGas, maxPriorityFeePerGas,
        });
        txs.push({ sender: senders[s].address, to: recipient, value, raw, hash: ethers.keccak256(raw) });
      }
    }
  }
  const signMs = performance.now() - t0;
  console.log(`${name}: signed ${txs.length} transactions in ${(signMs / 1000).toFixed(1)} s`);
  const firstBlock = BigInt(await rpc(url, 'eth_blockNumber'));

  // Send.
  const errors = [];
  let sent = 0;
  const tSend = performance.now();
  await pool(txs, o.concurrency, async (tx) => {
    try {
      const h = await rpc(url, 'eth_sendRawTransaction', [tx.raw]);
      if (h !== tx.hash) errors.push(`hash mismatch: sent ${tx.hash}, got ${h}`);
      if (++sent % 2000 === 0) console.log(`${name}: ${sent} sent, ${((performance.now() - tSend) / 1000).toFixed(1)} s`);
    } catch (e) {
      errors.push(e.message);
    }
  });
  const sendMs = performance.now() - tSend;

  // Receipts: keep asking until every one is there (or the deadline passes).
  const receipts = new Array(txs.length).fill(null);
  let missing = txs.map((_, i) => i);
  let nudges = 0;
  let lastProgress = performance.now();
  const deadline = performance.now() + o.receiptTimeoutS * 1000;
  while (missing.length > 0 && performance.now() < deadline) {
    const still = [];
    await pool(missing, o.concurrency, async (i) => {
      const r = await rpc(url, 'eth_getTransactionReceipt', [txs[i].hash]);
      if (r) receipts[i] = r;
      else still.push(i);
    });
    // anvil's automine seals a block when a transaction arrives; a transaction that became executable later
    // (its predecessor nonce arrived after it) then waits in its pool for the next arrival, which never comes at
    // the end of a run. When a whole polling pass finds nothing new, ask for a block (evm_mine, which both nodes
    // serve) and count it, so a node that needs the nudge shows it in the report.
    if (still.length === missing.length && still.length > 0) {
      await rpc(url, 'evm_mine').catch((e) => errors.push(`evm_mine: ${e.message}`));
      nudges++;
      if (performance.now() - lastProgress > o.stallTimeoutS * 1000) break;
    } else {
      lastProgress = performance.now();
    }
    missing = still;
    if (missing.length > 0) console.log(`${name}: receipts ${txs.length - missing.length}/${txs.length}, ${((performance.now() - tSend) / 1000).toFixed(1)} s`);
    if (missing.length > 0) await new Promise((r) => setTimeout(r, 50));
  }
  const totalMs = performance.now() - tSend;
  // Name the first few lost transactions and what the node says about them (pending? unknown?).
  for (const i of missing.slice(0, 3)) {
    const t = await rpc(url, 'eth_getTransactionByHash', [txs[i].hash]).catch((e) => e.message);
    const nonce = BigInt(await rpc(url, 'eth_getTransactionCount', [txs[i].sender, 'latest']));
    console.error(`  ${name} lost: ${txs[i].hash} from ${txs[i].sender} nonce ${ethers.Transaction.from(txs[i].raw).nonce} (account nonce ${nonce}); node has it: ${t ? (t.blockNumber ?? 'pending') : 'no'}`);
  }
  const lastBlock = BigInt(await rpc(url, 'eth_blockNumber'));

  // Checks.
  const failedStatus = receipts.filter((r) => r && r.status !== '0x1').length;
  const expected = new Map(before);
  const blocks = new Set();
  for (let i = 0; i < txs.length; i++) {
    const r = receipts[i];
    if (!r) continue;
    blocks.add(r.blockNumber);
    const fee = BigInt(r.gasUsed) * BigInt(r.effectiveGasPrice);
    expected.set(txs[i].sender, expected.get(txs[i].sender) - txs[i].value - (r.status === '0x1' ? 0n : -txs[i].value) - fee);
    if (r.status === '0x1') expected.set(txs[i].to, expected.get(txs[i].to) + txs[i].value);
  }
  const balanceErrors = [];
  for (const [address, want] of expected) {
    const got = BigInt(await rpc(url, 'eth_getBalance', [address, 'latest']));
    if (got !== want) balanceErrors.push(`${address}: expected ${want}, got ${got}`);
  }
  if (tokenAddress) {
    const want = new Map(tokenBefore);
    for (let i = 0; i < txs.length; i++) {
      if (receipts[i]?.status !== '0x1') continue;
      want.set(txs[i].sender, want.get(txs[i].sender) - txs[i].amount);
      want.set(txs[i].tokenTo, want.get(txs[i].tokenTo) + txs[i].amount);
    }
    for (const [address, w] of want) {
      const got = BigInt(await rpc(url, 'eth_call', [{ to: tokenAddress, data: token.encodeFunctionData('balanceOf', [address]) }, 'latest']));
      if (got !== w) balanceErrors.push(`${address} token balance: expected ${w}, got ${got}`);
    }
  }
  for (let s = 0; s < senders.length; s++) {
    const got = BigInt(await rpc(url, 'eth_getTransactionCount', [senders[s].address, 'latest']));
    const want = startNonce[s] + BigInt(o.perSender);
    if (got !== want) balanceErrors.push(`${senders[s].address} nonce: expected ${want}, got ${got}`);
  }

  const result = {
    target: name,
    kind: o.kind,
    transactions: txs.length,
    senders: senders.length,
    concurrency: o.concurrency,
    sendErrors: errors.length,
    lost: missing.length,
    failedStatus,
    balanceErrors: balanceErrors.length,
    blocks: Number(lastBlock - firstBlock),
    blocksWithOurTxs: blocks.size,
    evmMineNudges: nudges,
    signSeconds: +(signMs / 1000).toFixed(2),
    sendSeconds: +(sendMs / 1000).toFixed(2),
    endToEndSeconds: +(totalMs / 1000).toFixed(2),
    sendTps: Math.round(txs.length / (sendMs / 1000)),
    endToEndTps: Math.round(txs.length / (totalMs / 1000)),
  };
  if (pid) {
    const now = rssMiB(pid);
    result.rssIdleMiB = +mem.idle.toFixed(1);
    result.rssPeakMiB = +Math.max(mem.peakSampled, now.hwm).toFixed(1);
  }
  result.ok = result.sendErrors === 0 && result.lost === 0 && result.failedStatus === 0 && result.balanceErrors === 0;
  for (const e of errors.slice(0, 5)) console.error(`  ${name} send error: ${e}`);
  for (const e of balanceErrors.slice(0, 5)) console.error(`  ${name} balance error: ${e}`);
  return result;
}

// anvil runs with 1 s interval mining by default: under 32 concurrent senders its automine leaves transactions
// waiting in its pool (their predecessor nonce arrived after them, and no later arrival triggers a block) and,
// nudged with evm_mine, it has dropped a sender's tail (anvil-automine shows this). oasis-eth runs in its default
// automine mode; oasis-interval gives the like-for-like 1 s figure.
export const TARGETS = {
  oasis: { start: (o) => startOasis(o), url: (o) => o.oasisUrl },
  'oasis-interval': { start: (o) => startOasis(o, 1), url: () => undefined },
  anvil: { start: (o) => startAnvil(o, 1), url: (o) => o.anvilUrl },
  'anvil-automine': { start: (o) => startAnvil(o), url: () => undefined },
};

export async function runTarget(name, o) {
  const given = TARGETS[name].url(o);
  const node = given ? { url: given, stop: async () => {} } : await TARGETS[name].start(o);
  try {
    console.log(`${name}: ${node.url}`);
    const r = await workload(name, node.url, o, node.pid);
    console.log(
      `${name} (${r.kind}): ${r.transactions} txs, ${r.sendErrors} send errors, ${r.lost} lost, ${r.failedStatus} failed, ` +
        `${r.balanceErrors} balance errors; ${r.blocks} blocks (${r.evmMineNudges} evm_mine nudges); send ${r.sendSeconds} s (${r.sendTps} tx/s), ` +
        `end to end ${r.endToEndSeconds} s = ${r.endToEndTps} tx/s; RSS idle ${r.rssIdleMiB ?? '-'} MiB, peak ${r.rssPeakMiB ?? '-'} MiB${r.ok ? '' : '  <-- NOT OK'}`,
    );
    return r;
  } finally {
    await node.stop();
  }
}

export function printLoadTable(results) {
  console.log('target          kind      txs     errors  lost  blocks  send tx/s  end-to-end tx/s  RSS idle MiB  RSS peak MiB  ok');
  for (const r of results) {
    console.log(
      `${r.target.padEnd(15)} ${r.kind.padEnd(9)} ${String(r.transactions).padEnd(7)} ${String(r.sendErrors + r.failedStatus + r.balanceErrors).padEnd(7)} ` +
        `${String(r.lost).padEnd(5)} ${String(r.blocks).padEnd(7)} ${String(r.sendTps).padEnd(10)} ${String(r.endToEndTps).padEnd(16)} ` +
        `${String(r.rssIdleMiB ?? '-').padEnd(13)} ${String(r.rssPeakMiB ?? '-').padEnd(13)} ${r.ok}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const o = parseArgs(process.argv.slice(2));
  const results = [];
  for (const name of o.targets) results.push(await runTarget(name, o));
  console.log('');
  printLoadTable(results);
  if (o.json) writeFileSync(o.json, JSON.stringify(results, null, 2));
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}
