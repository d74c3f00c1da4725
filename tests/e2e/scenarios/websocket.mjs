// Scenario: a WebSocketProvider gets newHeads (provider.on('block')) and a contract log subscription
// (contract.on(event)) pushed by the node when transactions are mined.
import { ethers } from 'ethers';
import { compile } from '../lib/compile.mjs';
import { check, equal, provider, run, wallet, WS_URL } from '../lib/common.mjs';

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

    // newHeads: blocks arrive as pushes. ethers sets up eth_subscribe asynchronously and says nothing when it is
    // in place, so rather than guess a delay, keep making blocks (one transfer each) until a push arrives.
    let pushed = null;
    ws.on('block', (n) => { pushed ??= n; });
    const mined = [];
    for (let i = 0; i < 40 && pushed === null; i++) {
      const r = await (await w.sendTransaction({ to: ethers.Wallet.createRandom().address, value: 1n })).wait();
      mined.push(r.blockNumber);
      await new Promise((res) => setTimeout(res, 250));
    }
    check(pushed !== null, `a newHeads notification arrived (after ${mined.length} blocks)`);
    check(pushed > head, `notified block ${pushed} after the starting head ${head}`);
    check(mined.includes(pushed), `the notified block ${pushed} is one of ours (${mined.join(',')})`);

    // logs subscription through a contract event listener: same approach, each ping carries its own note.
    const wsEmitter = new ethers.Contract(await emitter.getAddress(), Emitter.abi, ws);
    let got = null;
    await wsEmitter.on('Ping', (sender, count, note, event) => { got ??= { sender, count, note, event }; });
    const sent = new Map();
    for (let i = 0; i < 40 && got === null; i++) {
      const r = await (await emitter.ping(`over ws ${i}`)).wait();
      sent.set(`over ws ${i}`, r.hash);
      await new Promise((res) => setTimeout(res, 250));
    }
    check(got !== null, `a Ping log was pushed (after ${sent.size} pings)`);
    check(sent.has(got.note), `the pushed log carries one of our notes ("${got.note}")`);
    equal(got.sender, w.address, 'indexed arg in the pushed log');
    equal(got.event.log.transactionHash, sent.get(got.note), 'pushed log names the transaction that emitted it');
    equal(got.event.log.address, await emitter.getAddress(), 'pushed log names the contract');

    // Plain requests work over the same socket.
    equal(await ws.getBalance(await emitter.getAddress()), 0n, 'eth_getBalance over WebSocket');
  } finally {
    await ws.destroy();
  }
});
