// Scenario: which of anvil's JSON-RPC methods the node answers. A real anvil 1.7.1 is asked every name of
// lib/anvil-method-names.mjs with no parameters; a name it answers with anything but -32601 (method not found) is one
// of its methods. The node is asked the same. The names anvil answers and the node does not must be exactly the ones
// docs/json-rpc.md lists under "anvil methods not answered" (so the list there stays true), and every name the doc
// lists must really be unanswered. Usage: anvil-methods.mjs [--print] (prints the full table).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, equal, run, RPC_URL } from '../lib/common.mjs';
import { ANVIL_METHOD_NAMES } from '../lib/anvil-method-names.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const anvilBin = join(here, '..', 'node_modules', '@foundry-rs', 'anvil-linux-amd64', 'bin', 'anvil');
const docPath = join(here, '..', '..', '..', 'docs', 'json-rpc.md');

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function call(url, method) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [] }),
  });
  return await res.json();
}

/** True unless the node says it has no such method. Calls with no parameters: a method that needs some answers
 * -32602, one that needs none may act (anvil_reset, evm_mine): both nodes here are throw-away. */
async function answers(url, method) {
  const body = await call(url, method);
  return !(body.error && body.error.code === -32601);
}

/** The backquoted method names of the doc's "anvil methods not answered" section (up to the next heading). */
function documentedUnanswered() {
  const doc = readFileSync(docPath, 'utf8');
  const start = doc.indexOf('### anvil methods not answered');
  if (start < 0) throw new Error('docs/json-rpc.md has no "### anvil methods not answered" section');
  const rest = doc.slice(start + 3);
  const end = rest.search(/\n#{2,3} /);
  const section = end < 0 ? rest : rest.slice(0, end);
  return new Set([...section.matchAll(/^\| `([A-Za-z0-9_]+)`/gm)].map((m) => m[1]));
}

run('anvil-methods', async () => {
  const port = await freePort();
  const anvil = spawn(anvilBin, ['--port', String(port), '--silent'], { stdio: 'ignore' });
  const anvilUrl = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try { await call(anvilUrl, 'eth_chainId'); break; } catch (e) { if (i > 100) throw e; await new Promise((r) => setTimeout(r, 100)); }
    }
    const rows = [];
    for (const name of ANVIL_METHOD_NAMES) {
      // anvil first: a name answered by both is asked of each before anything else changes.
      const a = await answers(anvilUrl, name);
      const o = await answers(RPC_URL, name);
      rows.push({ name, anvil: a, ours: o });
    }
    const anvils = rows.filter((r) => r.anvil);
    const missing = anvils.filter((r) => !r.ours).map((r) => r.name);
    if (process.argv.includes('--print')) {
      for (const r of rows) console.log(`${r.name}\tanvil=${r.anvil}\tours=${r.ours}`);
    }
    check(anvils.length > 150, `anvil 1.7.1 answers ${anvils.length} of the ${rows.length} names`);
    console.log(`ok: the node answers ${anvils.length - missing.length} of anvil's ${anvils.length} methods`);
    const documented = documentedUnanswered();
    const undocumented = missing.filter((n) => !documented.has(n));
    const wrong = [...documented].filter((n) => !missing.includes(n));
    equal(undocumented.join(' '), '', 'every anvil method the node does not answer is listed in docs/json-rpc.md');
    equal(wrong.join(' '), '', 'every method docs/json-rpc.md lists as not answered is indeed not answered (and is anvil\'s)');
  } finally {
    anvil.kill('SIGKILL');
  }
}, { timeoutMs: 180_000 });
