// Scenario: a WebSocketProvider gets newHeads (provider.on('block')) and a contract log subscription
// (contract.on(event)) pushed by the node when transactions are mined.
import { ethers } from 'ethers';
import { compile } from '../lib/compile.mjs';
import { check, equal, provider, run, wallet, WS_URL } from '../lib/common.mjs';

function waitFor(register, label, ms = 30_000) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out waiting for ${label}`)), ms);
    register((v) => {
      clearTimeout(t);
      resolve(v);
    });
  });
}

run('websocket', async () => {
  const { Emitter } = compile();
  const http = provider();
  const w = wallet(6, http);
  const emitter = await new ethers.ContractFactory(Emitter.abi, Emitter.bytecode, w).deploy();
  await emitter.waitForDeployment();

  const ws = new ethers.WebSocketProvider(WS_URL);
  try {
    equal((await ws.getNetwork()).chainId, (await http.getNetwork()).chainId, 'same chain id over WebSocket');
    const head = await ws.getBlockNumber();

    // newHeads: the next block arrives as a push.
    const blockSeen = waitFor((done) => ws.once('block', done), 'a new block');
    // Subscriptions are set up asynchronously; give eth_subscribe a round trip before sending.
    await ws.send('net_version', []);
    await new Promise((r) => setTimeout(r, 300));
    const r1 = await (await w.sendTransaction({ to: ethers.Wallet.createRandom().address, value: 1n })).wait();
    const seen = await blockSeen;
    check(seen > head, `block notification ${seen} after head ${head}`);
    check(seen <= r1.blockNumber, `notified block ${seen} <= the transfer's block ${r1.blockNumber}`);

    // logs subscription through a contract event listener.
    const wsEmitter = new ethers.Contract(await emitter.getAddress(), Emitter.abi, ws);
    const pingSeen = waitFor((done) => wsEmitter.on('Ping', (sender, count, note, event) => done({ sender, count, note, event })), 'a Ping log');
    await new Promise((r) => setTimeout(r, 500));
    const r2 = await (await emitter.ping('over ws')).wait();
    const got = await pingSeen;
    equal(got.note, 'over ws', 'log pushed with its data');
    equal(got.sender, w.address, 'indexed arg in the pushed log');
    equal(got.event.log.transactionHash, r2.hash, 'pushed log names its transaction');

    // Plain requests work over the same socket.
    equal(await ws.getBalance(await emitter.getAddress()), 0n, 'eth_getBalance over WebSocket');
  } finally {
    await ws.destroy();
  }
});
