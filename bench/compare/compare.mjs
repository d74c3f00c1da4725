// Side by side, oasis-eth dev vs anvil, through JSON-RPC on loopback, in one run:
//   1. the evmone cases (shared/bench/evmone/benchmarks.json): each contract deployed on both nodes, then every
//      case's eth_call interleaved (anvil, ours, ours, anvil, …) after warm-ups; outputs must agree with each other
//      and with evmone's expected output where there is one. Table: case, anvil median, ours median, ratio; the
//      geometric mean of the ratios over the cases that are not JUMPDEST micro cases, and over those apart;
//      each node's RPC floor (eth_call to a one-byte STOP contract).
//   2. start-up: process start to the first eth_blockNumber answer, cold starts alternated, median.
//   3. load (loadtest.mjs): 10 senders × 1,000 transfers and an ERC-20 transfer load, oasis-eth (automine) then
//      anvil (1 s blocks), with RSS idle and peak.
// The table is also drawn as an SVG chart (--svg).
//
//   node compare.mjs [--repeats 9] [--max-repeats 41] [--budget-ms 1500] [--warmup 3] [--floor-repeats 300] [--cases REGEX] [--svg FILE] [--json FILE]
//                    [--startups 5] [--no-calls] [--no-startup] [--no-load] [--per-sender 1000] [--erc20-per-sender 500]
//                    [--oasis-bin PATH (apphost or .dll)] [--oasis-args '--disable-block-gas-limit'] [--label TEXT]
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initCode, median, timedClient } from './calls.mjs';
import { anvilBin, freePort, oasisCommand, printLoadTable, rpc, runTarget, startAnvil, startOasis } from './loadtest.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const shared = process.env.OASISETH_SHARED ?? resolve(repo, '..', 'shared');

// JUMPDEST micro cases: kept out of the main geometric mean (they time code analysis of a 24 KiB JUMPDEST run,
// not execution).
const JUMPDEST_CASES = new Set(['JUMPDEST_n0/empty', 'loop_with_many_jumpdests/empty']);

function parseArgs(argv) {
  const o = {
    repeats: 9, maxRepeats: 41, budgetMs: 1500, warmup: 3, floorRepeats: 300, startups: 5, perSender: 1000, erc20PerSender: 500, senders: 10, concurrency: 32,
    calls: true, startup: true, load: true, oasisArgs: ['--disable-block-gas-limit'], anvilArgs: ['--disable-block-gas-limit'],
    receiptTimeoutS: 600, stallTimeoutS: 30, label: '',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--repeats': o.repeats = Number(v()); break;
      case '--max-repeats': o.maxRepeats = Number(v()); break;
      case '--budget-ms': o.budgetMs = Number(v()); break;
      case '--warmup': o.warmup = Number(v()); break;
      case '--floor-repeats': o.floorRepeats = Number(v()); break;
      case '--startups': o.startups = Number(v()); break;
      case '--cases': o.cases = new RegExp(v()); break;
      case '--svg': o.svg = v(); break;
      case '--json': o.json = v(); break;
      case '--label': o.label = v(); break;
      case '--per-sender': o.perSender = Number(v()); break;
      case '--erc20-per-sender': o.erc20PerSender = Number(v()); break;
      case '--oasis-bin': o.oasisBin = v(); break;
      case '--oasis-args': o.oasisArgs = v().split(/\s+/).filter(Boolean); break;
      case '--no-calls': o.calls = false; break;
      case '--no-startup': o.startup = false; break;
      case '--no-load': o.load = false; break;
      default: throw new Error(`unknown argument ${a}`);
    }
  }
  return o;
}

const geomean = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');

async function deploy(url, from, runtime) {
  const hash = await rpc(url, 'eth_sendTransaction', [{ from, data: initCode(runtime), gas: '0xe4e1c0' }]); // 15M
  for (let i = 0; i < 3000; i++) {
    const r = await rpc(url, 'eth_getTransactionReceipt', [hash]);
    if (r) {
      if (r.status !== '0x1' || !r.contractAddress) throw new Error(`deploy on ${url} failed: ${JSON.stringify(r)}`);
      const code = await rpc(url, 'eth_getCode', [r.contractAddress, 'latest']);
      if (code.replace(/^0x/, '') !== runtime) throw new Error(`deployed code differs on ${url}`);
      return r.contractAddress;
    }
    await new Promise((ok) => setTimeout(ok, 10));
  }
  throw new Error(`no receipt for the deployment ${hash} on ${url}`);
}

function loadCases(filter) {
  const suite = JSON.parse(readFileSync(join(shared, 'bench', 'evmone', 'benchmarks.json'), 'utf8'));
  const cases = [];
  for (const b of suite.benchmarks) {
    for (const input of b.inputs) {
      const name = `${b.name}/${input.label}`;
      if (filter && !filter.test(name)) continue;
      cases.push({ name, bench: b.name, code: b.code.replace(/^0x/, ''), input: '0x' + input.input.replace(/^0x/, ''),
        expected: input.expected_output == null ? null : input.expected_output.replace(/^0x/, '').toLowerCase(),
        gas: b.gas_limit, jumpdest: JUMPDEST_CASES.has(name) });
    }
  }
  return cases;
}

// One case on both nodes: warm-ups, then timed pairs whose order alternates: at least `repeats`, and for quick cases
// as many more as fit in `budgetMs` (up to `maxRepeats`), so a sub-millisecond median rests on more than a few
// samples on a noisy machine.
async function timeInterleaved(clients, bodies, warmup, repeats, budgetMs = 0, maxRepeats = repeats) {
  const times = { anvil: [], oasis: [] };
  const answers = { anvil: null, oasis: null };
  const one = async (who, record) => {
    const { ms, json } = await clients[who](bodies[who]);
    const answer = json.error ? `error ${json.error.code}: ${json.error.message}` : json.result;
    if (answers[who] === null) answers[who] = answer;
    else if (answers[who] !== answer) throw new Error(`${who} answered differently on a repeat: ${answers[who]} vs ${answer}`);
    if (record) times[who].push(ms);
  };
  const w0 = performance.now();
  for (let i = 0; i < warmup; i++) {
    await one('anvil', false);
    await one('oasis', false);
  }
  const pairMs = warmup > 0 ? (performance.now() - w0) / warmup : Infinity;
  const n = Math.max(repeats, Math.min(maxRepeats, Math.floor(budgetMs / pairMs)));
  for (let i = 0; i < n; i++) {
    const order = i % 2 === 0 ? ['anvil', 'oasis'] : ['oasis', 'anvil'];
    for (const who of order) await one(who, true);
  }
  return { times, answers };
}

async function callsTable(o) {
  const cases = loadCases(o.cases);
  const anvil = await startAnvil(o, undefined, o.anvilArgs);
  const oasis = await startOasis(o, undefined, o.oasisArgs);
  try {
    const urls = { anvil: anvil.url, oasis: oasis.url };
    const from = {};
    for (const who of ['anvil', 'oasis']) from[who] = (await rpc(urls[who], 'eth_accounts'))[0];
    const clients = { anvil: timedClient(anvil.url), oasis: timedClient(oasis.url) };

    // Deploy every distinct code (and the one-byte STOP) on both.
    const addresses = { anvil: new Map(), oasis: new Map() };
    const codes = ['00', ...new Set(cases.map((c) => c.code))];
    for (const code of codes) {
      for (const who of ['anvil', 'oasis']) addresses[who].set(code, await deploy(urls[who], from[who], code));
    }
    const body = (who, to, data, gas) => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_call', params: [{ to, data, ...(gas ? { gas } : {}) }, 'latest'] });

    // RPC floor: eth_call to the STOP contract, twice: right after the deployments (the node's tiered JIT is still
    // promoting what the deployments ran) and once both nodes are warm, after the cases.
    const floorBodies = { anvil: body('anvil', addresses.anvil.get('00'), '0x'), oasis: body('oasis', addresses.oasis.get('00'), '0x') };
    const measureFloor = async (label) => {
      const run = await timeInterleaved(clients, floorBodies, 50, o.floorRepeats);
      const f = { anvil: median(run.times.anvil), oasis: median(run.times.oasis) };
      console.log(`RPC floor ${label} (eth_call to a STOP contract, ${o.floorRepeats} interleaved): anvil ${fmt(f.anvil, 3)} ms, oasis-eth ${fmt(f.oasis, 3)} ms, ratio ${fmt(f.oasis / f.anvil)}`);
      return f;
    };
    const floorEarly = await measureFloor('right after the deployments');

    const rows = [];
    for (const c of cases) {
      // The state test's own gas limit (1e9): the nodes run with the block gas limit disabled, so snailtracer's
      // 165M gas fits; a node that caps the call lower answers out of gas and the row says so.
      const bodies = { anvil: body('anvil', addresses.anvil.get(c.code), c.input, c.gas), oasis: body('oasis', addresses.oasis.get(c.code), c.input, c.gas) };
      const { times, answers } = await timeInterleaved(clients, bodies, o.warmup, o.repeats, o.budgetMs, o.maxRepeats);
      const ok = { anvil: typeof answers.anvil === 'string' && answers.anvil.startsWith('0x'), oasis: typeof answers.oasis === 'string' && answers.oasis.startsWith('0x') };
      let check;
      if (!ok.anvil || !ok.oasis) check = `FAIL: ${!ok.oasis ? 'oasis ' + answers.oasis : ''}${!ok.anvil ? ' anvil ' + answers.anvil : ''}`;
      else if (answers.anvil !== answers.oasis) check = 'FAIL: outputs differ';
      else if (c.expected !== null && answers.oasis.slice(2).toLowerCase() !== c.expected) check = 'FAIL: not the expected output';
      else check = c.expected !== null ? 'agree, = expected' : 'agree';
      const row = {
        name: c.name, jumpdest: c.jumpdest, check, ok: check.startsWith('agree'),
        anvil: median(times.anvil), oasis: median(times.oasis),
        anvilMin: Math.min(...times.anvil), oasisMin: Math.min(...times.oasis),
      };
      row.ratio = row.ok ? row.oasis / row.anvil : NaN;
      rows.push(row);
      console.log(`${c.name.padEnd(40)} anvil ${fmt(row.anvil, 3).padStart(9)}  ours ${fmt(row.oasis, 3).padStart(9)}  ratio ${fmt(row.ratio).padStart(5)}  ${check}`);
    }
    const floor = await measureFloor('warm, after the cases');
    return { rows, floor, floorEarly };
  } finally {
    await oasis.stop();
    await anvil.stop();
  }
}

function printCallsTable(t) {
  console.log('');
  console.log('| case | anvil ms (median) | ours ms (median) | ours/anvil | check |');
  console.log('|---|---:|---:|---:|---|');
  for (const r of t.rows) console.log(`| ${r.name}${r.jumpdest ? ' (JUMPDEST)' : ''} | ${fmt(r.anvil, 3)} | ${fmt(r.oasis, 3)} | ${fmt(r.ratio)} | ${r.check} |`);
  const main = t.rows.filter((r) => !r.jumpdest && r.ok).map((r) => r.ratio);
  const jd = t.rows.filter((r) => r.jumpdest && r.ok).map((r) => r.ratio);
  t.geomean = main.length ? geomean(main) : NaN;
  t.geomeanJumpdest = jd.length ? geomean(jd) : NaN;
  t.mainCount = main.length;
  t.failed = t.rows.filter((r) => !r.ok).map((r) => r.name);
  console.log(`| geometric mean, ${main.length} cases without the JUMPDEST micro cases | | | **${fmt(t.geomean)}** | |`);
  console.log(`| geometric mean, JUMPDEST micro cases (${jd.length}) | | | ${fmt(t.geomeanJumpdest)} | |`);
  console.log(`| RPC floor: eth_call to a one-byte STOP contract, warm (after the cases) | ${fmt(t.floor.anvil, 3)} | ${fmt(t.floor.oasis, 3)} | ${fmt(t.floor.oasis / t.floor.anvil)} | |`);
  console.log(`| RPC floor, right after the deployments | ${fmt(t.floorEarly.anvil, 3)} | ${fmt(t.floorEarly.oasis, 3)} | ${fmt(t.floorEarly.oasis / t.floorEarly.anvil)} | |`);
  if (t.failed.length) console.log(`failed cases (not in the means): ${t.failed.join(', ')}`);
}

// ---- SVG chart: per case, anvil and ours as bars on a log scale of milliseconds, the ratio at the right ----

function escapeXml(s) {
  return String(s).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);
}

function svgChart(t, meta) {
  const rows = [...t.rows, { name: 'RPC floor (STOP)', anvil: t.floor.anvil, oasis: t.floor.oasis, ratio: t.floor.oasis / t.floor.anvil, ok: true }];
  const rowH = 22, top = 72, left = 250, width = 560, right = 80;
  const H = top + rows.length * rowH + 60, W = left + width + right;
  const values = rows.flatMap((r) => [r.anvil, r.oasis]).filter((x) => Number.isFinite(x) && x > 0);
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...values)))), hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...values))));
  const x = (v) => left + (Math.log10(v / lo) / Math.log10(hi / lo)) * width;
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="100%" height="100%" fill="white"/>`);
  out.push(`<text x="10" y="20" font-size="15" font-weight="bold">eth_call through JSON-RPC: oasis-eth dev vs anvil 1.7.1 (median ms, log scale)</text>`);
  out.push(`<text x="10" y="38">${escapeXml(`geometric mean ours/anvil ${fmt(t.geomean)} over ${t.mainCount} cases (JUMPDEST micro cases ${fmt(t.geomeanJumpdest)}); RPC floor ${fmt(t.floor.oasis, 3)} vs ${fmt(t.floor.anvil, 3)} ms`)}</text>`);
  out.push(`<text x="10" y="54" fill="#555">${escapeXml(meta)}</text>`);
  for (let v = lo; v <= hi * 1.0001; v *= 10) {
    out.push(`<line x1="${x(v).toFixed(1)}" y1="${top - 6}" x2="${x(v).toFixed(1)}" y2="${top + rows.length * rowH}" stroke="#ddd"/>`);
    out.push(`<text x="${x(v).toFixed(1)}" y="${top + rows.length * rowH + 14}" text-anchor="middle" fill="#555">${v >= 1 ? v : v.toPrecision(1)} ms</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    out.push(`<text x="${left - 6}" y="${y + 14}" text-anchor="end">${escapeXml(r.name + (r.jumpdest ? ' *' : ''))}</text>`);
    for (const [k, color, dy] of [['anvil', '#999', 2], ['oasis', '#2a6fdb', 11]]) {
      const v = r[k];
      if (Number.isFinite(v) && v > 0) out.push(`<rect x="${left}" y="${y + dy}" width="${Math.max(1, x(v) - left).toFixed(1)}" height="8" fill="${color}"/>`);
    }
    const ratio = r.ok ? fmt(r.ratio) : 'failed';
    out.push(`<text x="${left + width + 8}" y="${y + 14}" fill="${r.ok && r.ratio > 1 ? '#b33' : '#262'}">${ratio}</text>`);
  });
  const ly = top + rows.length * rowH + 34;
  out.push(`<rect x="${left}" y="${ly - 9}" width="12" height="8" fill="#999"/><text x="${left + 16}" y="${ly}">anvil 1.7.1</text>`);
  out.push(`<rect x="${left + 110}" y="${ly - 9}" width="12" height="8" fill="#2a6fdb"/><text x="${left + 126}" y="${ly}">oasis-eth dev</text>`);
  out.push(`<text x="${left + 240}" y="${ly}">right: ours/anvil; * JUMPDEST micro case</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

// ---- start-up: spawn → first eth_blockNumber answer ----

async function firstAnswer(url, child, deadlineMs = 60_000) {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] });
  const end = performance.now() + deadlineMs;
  const u = new URL(url);
  while (performance.now() < end) {
    if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before answering`);
    const answered = await new Promise((ok) => {
      const req = http.request({ host: u.hostname, port: u.port, path: '/', method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          try {
            ok(JSON.parse(Buffer.concat(chunks).toString('utf8')).result !== undefined);
          } catch {
            ok(false);
          }
        });
      });
      req.on('error', () => ok(false));
      req.end(body);
    });
    if (answered) return;
    await new Promise((ok) => setTimeout(ok, 2));
  }
  throw new Error('no answer');
}

async function startOnce(who, o) {
  const port = await freePort();
  let file, args, dataDir;
  if (who === 'oasis') {
    const cmd = oasisCommand(o);
    dataDir = mkdtempSync(join(tmpdir(), 'oasis-eth-start-'));
    file = cmd.file;
    args = [...cmd.args, 'dev', '--http.port', String(port), '--datadir', dataDir];
  } else {
    file = anvilBin;
    args = ['--port', String(port), '--host', '127.0.0.1'];
  }
  const t0 = performance.now();
  const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await firstAnswer(`http://127.0.0.1:${port}`, child);
    const ms = performance.now() - t0;
    await new Promise((ok) => setTimeout(ok, 1000));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rss = Number(status.match(/^VmRSS:\s+(\d+) kB/m)[1]) / 1024;
    return { ms, rssIdle: rss };
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function startupTable(o) {
  const runs = { anvil: [], oasis: [] };
  for (let i = 0; i < o.startups; i++) {
    for (const who of i % 2 === 0 ? ['oasis', 'anvil'] : ['anvil', 'oasis']) runs[who].push(await startOnce(who, o));
  }
  const s = {};
  for (const who of ['anvil', 'oasis']) {
    s[who] = { ms: median(runs[who].map((r) => r.ms)), all: runs[who].map((r) => +r.ms.toFixed(0)), rssIdle: median(runs[who].map((r) => r.rssIdle)) };
  }
  console.log('');
  console.log(`| start-up (spawn → first eth_blockNumber answer, ${o.startups} cold starts, alternated) | median ms | runs ms | idle RSS 1 s after, MiB (median) |`);
  console.log('|---|---:|---|---:|');
  console.log(`| anvil 1.7.1 | ${fmt(s.anvil.ms, 0)} | ${s.anvil.all.join(', ')} | ${fmt(s.anvil.rssIdle, 1)} |`);
  console.log(`| oasis-eth dev (${oasisCommand(o).file === 'dotnet' ? 'dotnet + dll' : 'apphost'}) | ${fmt(s.oasis.ms, 0)} | ${s.oasis.all.join(', ')} | ${fmt(s.oasis.rssIdle, 1)} |`);
  return s;
}

// ---- main ----

const o = parseArgs(process.argv.slice(2));
const meta = `${new Date().toISOString().slice(0, 16)}Z, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}${o.label ? ', ' + o.label : ''}`;
console.log(`compare: ${meta}; oasis-eth: ${[oasisCommand(o).file, ...oasisCommand(o).args].join(' ')} ${o.oasisArgs.join(' ')}; anvil ${o.anvilArgs.join(' ')}`);
const report = { meta };
if (o.calls) {
  report.calls = await callsTable(o);
  printCallsTable(report.calls);
  if (o.svg) {
    writeFileSync(o.svg, svgChart(report.calls, meta));
    console.log(`chart: ${o.svg}`);
  }
}
if (o.startup) report.startup = await startupTable(o);
if (o.load) {
  report.load = [];
  for (const [kind, perSender] of [['transfer', o.perSender], ['erc20', o.erc20PerSender]]) {
    for (const target of ['oasis', 'anvil']) {
      report.load.push(await runTarget(target, { ...o, kind, perSender, oasisArgs: [], anvilArgs: [] }));
    }
  }
  console.log('');
  printLoadTable(report.load);
}
console.log(`\nload average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (o.json) writeFileSync(o.json, JSON.stringify(report, null, 2));
const ok = (!report.calls || report.calls.failed.length === 0) && (!report.load || report.load.every((r) => r.ok));
process.exit(ok ? 0 : 1);
