// The RPC floor over time: both nodes started fresh, a one-byte STOP contract deployed on each (as compare.mjs
// does), then eth_calls to it interleaved in windows of 300 pairs, each window's medians and ratio printed. Shows how
// long the first calls after a client's deployments run above the warm floor (oasis-eth's tiered JIT still
// promoting what the deployments ran) and where the floor settles.
//
//   node floor-windows.mjs [windows (6)] [deployments before the calls (1)]
import http from 'node:http';
import { rpc, startAnvil, startOasis } from './loadtest.mjs';

const o = { oasisArgs: ['--disable-block-gas-limit'], anvilArgs: ['--disable-block-gas-limit'] };
const windows = Number(process.argv[2] ?? 6);
const deployments = Number(process.argv[3] ?? 1);
const PairsPerWindow = 300;
// PUSH1 1; PUSH1 12; PUSH1 0; CODECOPY; PUSH1 1; PUSH1 0; RETURN; then the runtime code: STOP.
const initCode = '0x6001600c60003960016000f300';

function client(url) {
  const u = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return (body) => new Promise((ok, fail) => {
    const t0 = performance.now();
    const req = http.request({ host: u.hostname, port: u.port, path: '/', method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => ok(performance.now() - t0));
    });
    req.on('error', fail);
    req.end(body);
  });
}

async function deploy(url) {
  const from = (await rpc(url, 'eth_accounts'))[0];
  let address;
  for (let d = 0; d < deployments; d++) {
    const hash = await rpc(url, 'eth_sendTransaction', [{ from, data: initCode, gas: '0x100000' }]);
    for (;;) {
      const receipt = await rpc(url, 'eth_getTransactionReceipt', [hash]);
      if (receipt) { address = receipt.contractAddress; break; }
      await new Promise((ok) => setTimeout(ok, 5));
    }
  }
  return address;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const anvil = await startAnvil(o);
const oasis = await startOasis(o);
try {
  const to = { anvil: await deploy(anvil.url), oasis: await deploy(oasis.url) };
  const call = { anvil: client(anvil.url), oasis: client(oasis.url) };
  const body = (who) => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_call', params: [{ to: to[who], data: '0x' }, 'latest'] });
  console.log('calls        anvil ms  oasis ms  oasis/anvil');
  for (let w = 0; w < windows; w++) {
    const t = { anvil: [], oasis: [] };
    for (let i = 0; i < PairsPerWindow; i++) {
      for (const who of i % 2 ? ['oasis', 'anvil'] : ['anvil', 'oasis']) t[who].push(await call[who](body(who)));
    }
    const a = median(t.anvil), b = median(t.oasis);
    console.log(`${String(w * PairsPerWindow).padStart(5)}-${String((w + 1) * PairsPerWindow).padEnd(5)}  ${a.toFixed(3).padStart(8)}  ${b.toFixed(3).padStart(8)}  ${(b / a).toFixed(2).padStart(11)}`);
  }
} finally {
  await anvil.stop();
  await oasis.stop();
}
