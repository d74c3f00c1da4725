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
  check(s0.circulating >= 10n * 10_000n * OETH, 'the ten dev accounts are in circulation');

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
  const atGenesis = supplyOf(await rpc('oasis_supply', ['0x0']));
  equal(atGenesis.rewardPool + atGenesis.unclaimed + atGenesis.circulating + atGenesis.burned, TOTAL_SUPPLY, 'genesis figures add up to 21M');
});
