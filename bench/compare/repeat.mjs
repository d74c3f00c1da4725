// Repeated eth_calls against one oasis-eth dev node (issue 17: a compiled-tier eth_call of swap_math/spent once
// answered differently on a repeat in compare.mjs). No anvil and no npm packages: the node is started as compare.mjs
// starts it (the built apphost, DOTNET_* variables of this process passed on), every evmone contract is deployed, and
//   1. each case is called --calls times in a row (as compare.mjs's warm-ups and timed calls are);
//   2. then --rounds rounds call every case once, in order, so each call follows other contracts' calls;
//   3. each case is sent --txs times as a transaction; the receipts after the first must agree on status and gas used
//      (the first may pay more: its storage writes set slots the later ones find set, as snailtracer's do).
// Every answer must equal the case's first, and evmone's expected output where there is one. Exit code 1 otherwise.
//
//   node repeat.mjs [--calls 50] [--rounds 5] [--txs 3] [--cases REGEX] [--oasis-bin PATH] [--oasis-args '...']
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initCode } from './calls.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const shared = process.env.OASISETH_SHARED ?? resolve(repo, '..', 'shared');

const o = { calls: 50, rounds: 5, txs: 3, oasisArgs: ['--disable-block-gas-limit', '--evm-tier', 'compiled'] };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i], v = () => process.argv[++i];
  if (a === '--calls') o.calls = Number(v());
  else if (a === '--rounds') o.rounds = Number(v());
  else if (a === '--txs') o.txs = Number(v());
  else if (a === '--cases') o.cases = new RegExp(v());
  else if (a === '--oasis-bin') o.bin = v();
  else if (a === '--oasis-args') o.oasisArgs = v().split(/\s+/).filter(Boolean);
  else throw new Error(`unknown argument ${a}`);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let id = 0;
function rpc(url, method, params = []) {
  const body = JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params });
  const u = new URL(url);
  return new Promise((ok, fail) => {
    const req = http.request({ host: u.hostname, port: u.port, path: '/', method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}
const result = async (url, method, params) => {
  const r = await rpc(url, method, params);
  if (r.error) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.result;
};

function loadCases() {
  const suite = JSON.parse(readFileSync(join(shared, 'bench', 'evmone', 'benchmarks.json'), 'utf8'));
  const cases = [];
  for (const b of suite.benchmarks) {
    for (const input of b.inputs) {
      const name = `${b.name}/${input.label}`;
      if (o.cases && !o.cases.test(name)) continue;
      cases.push({ name, code: b.code.replace(/^0x/, ''), input: '0x' + input.input.replace(/^0x/, ''), gas: b.gas_limit,
        expected: input.expected_output == null ? null : '0x' + input.expected_output.replace(/^0x/, '').toLowerCase() });
    }
  }
  return cases;
}

async function receipt(url, hash) {
  for (let i = 0; i < 30000; i++) {
    const r = await result(url, 'eth_getTransactionReceipt', [hash]);
    if (r) return r;
    await new Promise((ok) => setTimeout(ok, 10));
  }
  throw new Error(`no receipt for ${hash}`);
}

async function startOasis() {
  const bin = o.bin ?? join(repo, 'runtime/OasisEth.Node/bin/Release/net10.0/linux-x64/oasis-eth');
  const dataDir = mkdtempSync(join(tmpdir(), 'oasis-eth-repeat-'));
  const cmd = bin.endsWith('.dll') ? ['dotnet', [bin]] : [bin, []];
  const child = spawn(cmd[0], [...cmd[1], 'dev', '--http.port', '0', '--datadir', dataDir, ...o.oasisArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ok, fail) => {
    let buffer = '';
    const t = setTimeout(() => fail(new Error(`no "Listening on" line: ${buffer}`)), 120_000);
    child.stdout.on('data', (d) => {
      buffer += d.toString();
      const m = buffer.match(/Listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(t); ok(m[1].replace(/\/$/, '')); buffer = ''; }
    });
  });
  const stop = async () => {
    if (child.exitCode === null) { const e = new Promise((r) => child.once('exit', r)); child.kill('SIGTERM'); await e; }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, stop };
}

const cases = loadCases();
const node = await startOasis();
let mismatches = 0, calls = 0, txs = 0, timeouts = 0;
const fail = (text) => { if (++mismatches <= 20) console.log(`MISMATCH ${text}`); };
try {
  const from = (await result(node.url, 'eth_accounts'))[0];
  const at = new Map();
  for (const code of new Set(cases.map((c) => c.code))) {
    const r = await receipt(node.url, await result(node.url, 'eth_sendTransaction', [{ from, data: initCode(code), gas: '0xe4e1c0' }]));
    if (r.status !== '0x1') throw new Error(`deployment failed: ${JSON.stringify(r)}`);
    at.set(code, r.contractAddress);
  }
  const first = new Map();
  const call = async (c, where) => {
    const r = await rpc(node.url, 'eth_call', [{ to: at.get(c.code), data: c.input, gas: c.gas }, 'latest']);
    calls++;
    const answer = r.error ? `error ${r.error.code}: ${r.error.message}` : r.result;
    // The node's 5 s eth_call limit is wall-clock time: under a slow runtime mode (tier-0 code) and a loaded machine a
    // long case can pass it on one call and not the next. Counted apart, not compared.
    if (/execution aborted \(timeout/.test(answer)) {
      if (++timeouts <= 5) console.log(`TIMEOUT ${c.name} ${where}`);
      return;
    }
    if (!first.has(c.name)) {
      first.set(c.name, answer);
      if (c.expected !== null && answer !== c.expected) fail(`${c.name} ${where}: ${answer} is not evmone's ${c.expected}`);
      else if (!answer.startsWith('0x')) fail(`${c.name} ${where}: ${answer}`);
    } else if (answer !== first.get(c.name)) fail(`${c.name} ${where}: ${answer} vs the first ${first.get(c.name)}`);
  };
  for (const c of cases) for (let i = 0; i < o.calls; i++) await call(c, `call ${i}`);
  for (let round = 0; round < o.rounds; round++) for (const c of cases) await call(c, `round ${round}`);
  for (const c of cases) {
    let seen = null;
    for (let i = 0; i < o.txs; i++) {
      const hash = await result(node.url, 'eth_sendTransaction', [{ from, to: at.get(c.code), data: c.input, gas: c.gas }]);
      const r = await receipt(node.url, hash);
      txs++;
      const got = `status ${r.status} gas ${BigInt(r.gasUsed)}`;
      if (i === 0) continue;
      if (seen === null) seen = got;
      else if (got !== seen) fail(`${c.name} transaction ${i}: ${got} vs the first ${seen}`);
    }
    console.log(`${c.name.padEnd(40)} ${seen ?? ''}`);
  }
} finally {
  await node.stop();
}
console.log(`${cases.length} cases: ${calls} eth_calls (${o.calls} in a row each, then ${o.rounds} rounds), ${txs} transactions; ${timeouts} timed out; ${mismatches} mismatches`);
process.exit(mismatches === 0 ? 0 : 1);
