// Scenario: balances in OETH (18 decimals) move exactly by value + gasUsed * effectiveGasPrice, and the
// oasis_supply figures add up to the fixed 21,000,000 OETH.
import { ethers } from 'ethers';
import { check, equal, provider, rpc, run, wallet, OETH, TOTAL_SUPPLY } from '../lib/common.mjs';

function supplyOf(s) {
  const out = {};
  for (const k of ['rewardPool', 'unclaimed', 'circulating', 'burned', 'total']) {
    check(typeof s[k] === 'string' && /^0x[0-9a-f]+$/.test(s[k]), `oasis_supply.${k} is a hex quantity (${s[k]})`);
    out[k] = BigInt(s[k]);
  }
  return out;
}

run('supply', async () => {
  const p = provider();
  const w = wallet(5, p);
  const to = ethers.Wallet.createRandom().address;

  const s0 = supplyOf(await rpc('oasis_supply', ['latest']));
  equal(s0.total, TOTAL_SUPPLY, 'total is 21,000,000 OETH');
  equal(s0.rewardPool + s0.unclaimed + s0.circulating + s0.burned, s0.total, 'rewardPool + unclaimed + circulating + burned = total');
  // At genesis the ten dev accounts (10,000 OETH each) are all that circulates; the rest is in the reward pool.
  const g = supplyOf(await rpc('oasis_supply', ['0x0']));
  equal(g.circulating, 10n * 10_000n * OETH, 'genesis circulating = 10 x 10,000 OETH');
  equal(g.rewardPool, TOTAL_SUPPLY - 10n * 10_000n * OETH, 'genesis reward pool = 21M - 100,000 OETH');
  equal(g.burned + g.unclaimed, 0n, 'nothing burned or unclaimed at genesis');

  // Dev accounts start with 10,000 OETH; this one is not used by other scenarios, so it still has them all.
  const before = await p.getBalance(w.address);
  equal(before, 10_000n * OETH, 'dev account 5 holds 10,000 OETH');
  equal(ethers.formatEther(before), '10000.0', 'formatted as OETH');

  const value = ethers.parseEther('1.5');
  const tx = await w.sendTransaction({ to, value });
  const r = await tx.wait();
  equal(r.status, 1, 'transfer mined');
  const after = await p.getBalance(w.address);
  equal(await p.getBalance(to), value, 'recipient got exactly 1.5 OETH');
  equal(before - after, value + r.gasUsed * r.gasPrice, 'sender paid value + gasUsed * effectiveGasPrice');
  equal(r.gasUsed, 21000n, 'a plain transfer uses 21000 gas');
  const block = await p.getBlock(r.blockNumber);
  check(r.gasPrice >= block.baseFeePerGas, `effective gas price ${r.gasPrice} >= base fee ${block.baseFeePerGas}`);
  equal(await p.getBalance(w.address, r.blockNumber - 1), before, 'balance at the parent block (historical state)');

  const s1 = supplyOf(await rpc('oasis_supply', ['latest']));
  equal(s1.total, TOTAL_SUPPLY, 'total unchanged after a transaction');
  equal(s1.rewardPool + s1.unclaimed + s1.circulating + s1.burned, TOTAL_SUPPLY, 'figures still add up to 21M');
  check(s1.burned >= s0.burned, 'burned never decreases');
  // The fee leaves the balances (base fee burned, tip to the operators' unclaimed rewards); nothing else moved
  // between the two readings, and reward releases only move pool -> unclaimed.
  equal(s0.circulating - s1.circulating, r.gasUsed * r.gasPrice, 'circulating fell by exactly the fee paid');
  equal(s1.burned - s0.burned, r.gasUsed * block.baseFeePerGas, 'burned grew by gasUsed x base fee');
  const atBlock = supplyOf(await rpc('oasis_supply', [ethers.toQuantity(r.blockNumber)]));
  equal(atBlock.circulating, s1.circulating, 'oasis_supply at the transfer block = latest');
});
