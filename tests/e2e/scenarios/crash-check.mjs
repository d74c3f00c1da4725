// Crash safety, part 2 (after SIGKILL and a restart on the same data directory): the receipt, its block and
// every balance are exactly as seen before the kill, and the chain goes on from there.
import { readFileSync } from 'node:fs';
import { ethers } from 'ethers';
import { check, equal, provider, run, wallet } from '../lib/common.mjs';

const file = process.argv[2];
if (!file) {
  console.error('usage: crash-check.mjs STATE.json');
  process.exit(2);
}
const state = JSON.parse(readFileSync(file, 'utf8'));

run('crash-check', async () => {
  const p = provider();
  const r = await p.getTransactionReceipt(state.txHash);
  check(r !== null, 'receipt survives the kill');
  equal(r.status, 1, 'receipt status');
  equal(r.blockNumber, state.blockNumber, 'receipt block number');
  equal(r.blockHash, state.blockHash, 'receipt block hash');
  equal(r.gasUsed.toString(), state.gasUsed, 'receipt gasUsed');
  const tx = await p.getTransaction(state.txHash);
  equal(tx?.from, state.from, 'transaction survives the kill');

  const block = await p.getBlock(state.blockNumber);
  equal(block.hash, state.blockHash, 'block hash by number');
  equal(block.stateRoot, state.stateRoot, 'block state root');
  check(block.transactions.includes(state.txHash), 'block lists the transaction');

  const head = await p.getBlockNumber();
  equal(head, state.headNumber, 'head is the block last seen before the kill (automine makes no empty blocks)');
  equal((await p.getBlock(state.headNumber)).hash, state.headHash, 'head hash unchanged');
  for (const [address, balance] of Object.entries(state.balances)) {
    equal((await p.getBalance(address)).toString(), balance, `balance of ${address}`);
  }
  equal(await p.getTransactionCount(state.from), state.nonce, 'sender nonce');

  // The chain goes on: a new transaction is mined on top of the old head.
  const w = wallet(8, p);
  const r2 = await (await w.sendTransaction({ to: state.to, value: 1n })).wait();
  equal(r2.status, 1, 'a new transfer is mined after the restart');
  check(r2.blockNumber > state.headNumber, `new block ${r2.blockNumber} after the old head ${state.headNumber}`);
  const next = await p.getBlock(state.headNumber + 1);
  equal(next.parentHash, state.headHash, 'the next block builds on the old head');
  equal(await p.getBalance(state.to), BigInt(state.balances[state.to]) + 1n, 'recipient balance moved on');
});
