// The RPC floor over time: both nodes started fresh, a one-byte STOP contract deployed on each (as compare.mjs
// does), then eth_calls to it interleaved in windows of 300 pairs, each window's medians and ratio printed. Shows how
// long the first calls after a client's deployments run above the warm floor (oasis-eth's tiered JIT still
// promoting what the deployments ran) and where the floor settles.
//
//   node floor-windows.mjs [windows (6)] [deployments before the calls (1)]
import { initCode, median, timedClient } from './calls.mjs';
import { rpc, startAnvil, startOasis } from './loadtest.mjs';

const o = { oasisArgs: ['--disable-block-gas-limit'], anvilArgs: ['--disable-block-gas-limit'] };
const windows = Number(process.argv[2] ?? 6);
const deployments = Number(process.argv[3] ?? 1);
const PairsPerWindow = 300;

async function deploy(url) {
  const from = (await rpc(url, 'eth_accounts'))[0];
  let address;
  for (let d = 0; d < deployments; d++) {
    const hash = await rpc(url, 'eth_sendTransaction', [{ from, data: initCode('00'), gas: '0x100000' }]);
    for (;;) {
      const receipt = await rpc(url, 'eth_getTransactionReceipt', [hash]);
      if (receipt) { address = receipt.contractAddress; break; }
      await new Promise((ok) => setTimeout(ok, 5));
    }
  }
  return address;
}

const anvil = await startAnvil(o);
const oasis = await startOasis(o);
try {
  const to = { anvil: await deploy(anvil.url), oasis: await deploy(oasis.url) };
  const call = { anvil: timedClient(anvil.url), oasis: timedClient(oasis.url) };
  const body = (who) => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_call', params: [{ to: to[who], data: '0x' }, 'latest'] });
  console.log('calls        anvil ms  oasis ms  oasis/anvil');
  for (let w = 0; w < windows; w++) {
    const t = { anvil: [], oasis: [] };
    for (let i = 0; i < PairsPerWindow; i++) {
      for (const who of i % 2 ? ['oasis', 'anvil'] : ['anvil', 'oasis']) t[who].push((await call[who](body(who))).ms);
    }
    const a = median(t.anvil), b = median(t.oasis);
    console.log(`${String(w * PairsPerWindow).padStart(5)}-${String((w + 1) * PairsPerWindow).padEnd(5)}  ${a.toFixed(3).padStart(8)}  ${b.toFixed(3).padStart(8)}  ${(b / a).toFixed(2).padStart(11)}`);
  }
} finally {
  await anvil.stop();
  await oasis.stop();
}
