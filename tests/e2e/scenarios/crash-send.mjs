// Crash safety, part 1 (before the kill): send a transfer, wait for its receipt, and write what a user has seen
// (receipt, block, balances, head) to the JSON file named by the first argument. The test kills the node with
// SIGKILL as soon as this script exits, then restarts it and runs crash-check.mjs.
import { writeFileSync } from 'node:fs';
import { ethers } from 'ethers';
import { DEV_KEYS, check, equal, provider, run, wallet } from '../lib/common.mjs';

const out = process.argv[2];
if (!out) {
  console.error('usage: crash-send.mjs STATE.json');
  process.exit(2);
}

run('crash-send', async () => {
  const p = provider();
  const w = wallet(8, p);
  const to = ethers.Wallet.createRandom().address;
  const tx = await w.sendTransaction({ to, value: ethers.parseEther('3') });
  const r = await tx.wait();
  equal(r.status, 1, 'transfer mined');
  const block = await p.getBlock(r.blockNumber);
  const head = await p.getBlock('latest');
  const addresses = [to, ...DEV_KEYS.map((k) => new ethers.Wallet(k).address)];
  const balances = {};
  for (const a of addresses) balances[a] = (await p.getBalance(a)).toString();
  check(BigInt(balances[to]) === ethers.parseEther('3'), 'recipient has 3 OETH before the kill');
  const state = {
    txHash: r.hash,
    from: w.address,
    to,
    blockNumber: r.blockNumber,
    blockHash: r.blockHash,
    stateRoot: block.stateRoot,
    gasUsed: r.gasUsed.toString(),
    headNumber: head.number,
    headHash: head.hash,
    nonce: await p.getTransactionCount(w.address),
    balances,
  };
  writeFileSync(out, JSON.stringify(state, null, 2));
  console.log(`state written to ${out}`);
});
