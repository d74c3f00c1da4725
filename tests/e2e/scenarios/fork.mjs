// Scenario: `oasis-eth dev --fork-url` against a real anvil (npm @foundry-rs/anvil) on loopback. Three phases, each
// its own run (the test harness starts anvil and restarts the node between them):
//   setup ANVIL_URL OUT.json  gives anvil some state (a funded account; a contract whose constructor stores slots 0
//                             and 5 and whose code stores its calldata word in slot 0), records the fork block, then
//                             changes that state again after it (the fork must not see those changes).
//   check OUT.json            against the forked node: balances, code and storage match anvil's at the fork block;
//                             blocks at and below it are anvil's; local writes (zero included) shadow the remote and
//                             roll back with evm_revert; reads are batched; anvil_reset to another block, back to the
//                             original fork, and a bad URL refused. Writes what a restart must still read.
//   restart OUT.json          against the node restarted on the same data directory with the remote gone: the same
//                             answers from the disk cache, no request sent, a clear error for what was never fetched.
import { readFileSync, writeFileSync } from 'node:fs';
import { ethers } from 'ethers';
import { equal, check, provider, run, rpc, rejects, DEV_KEYS } from '../lib/common.mjs';

const [mode, first, second] = process.argv.slice(2);

// runtime: PUSH1 0 CALLDATALOAD PUSH1 0 SSTORE STOP   (stores its calldata word in slot 0)
const runtime = '600035600055' + '00';
// init: slot 0 = 0x2a, slot 5 = 0xbeef, then return the 7-byte runtime that follows the 23-byte init
const init = '0x602a600055' + '61beef600555' + '6007601760003960076000f3' + runtime;
const FUNDED = '0x00000000000000000000000000000000000000aa';
const word = (n) => ethers.zeroPadValue(ethers.toBeHex(n), 32);
const hex = (n) => '0x' + n.toString(16);

function remote(url) {
  const p = new ethers.JsonRpcProvider(url, undefined, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  p.pollingInterval = 100;
  return p;
}

async function store(p, signer, contract, value) {
  const tx = await signer.sendTransaction({ to: contract, data: word(value), gasLimit: 100_000 });
  const receipt = await tx.wait();
  equal(receipt.status, 1, `stored ${value} in slot 0 (block ${receipt.blockNumber})`);
  return receipt;
}

async function setup(anvilUrl, out) {
  const p = remote(anvilUrl);
  const deployer = new ethers.NonceManager(new ethers.Wallet(DEV_KEYS[0], p));
  await p.send('anvil_setBalance', [FUNDED, hex(5n * 10n ** 18n)]);
  const deploy = await (await deployer.sendTransaction({ data: init, gasLimit: 200_000 })).wait();
  const contract = deploy.contractAddress;
  const earlierBlock = deploy.blockNumber;
  equal(BigInt(await p.getStorage(contract, 0)), 0x2an, 'anvil: the constructor stored 0x2a');
  const forkBlock = (await store(p, deployer, contract, 7n)).blockNumber;
  const forkHeader = await p.send('eth_getBlockByNumber', [hex(BigInt(forkBlock)), false]);
  // After the fork block (anvil edits its pending state, so a block is mined first): the fork must keep reading the
  // values of the fork block, not these.
  await p.send('evm_mine', []);
  await p.send('anvil_setBalance', [FUNDED, hex(9n * 10n ** 18n)]);
  await store(p, deployer, contract, 0x63n);
  await p.send('evm_mine', []);
  writeFileSync(out, JSON.stringify({ anvilUrl, contract, forkBlock, earlierBlock, forkHash: forkHeader.hash, forkParent: forkHeader.parentHash }));
}

/** What both the live fork and the restarted one must answer, read at the node's latest block. */
async function readState(node, s) {
  return {
    funded: (await node.getBalance(FUNDED)).toString(),
    fundedNonce: await node.getTransactionCount(FUNDED),
    code: await node.getCode(s.contract),
    slot0: await node.getStorage(s.contract, 0),
    slot5: await node.getStorage(s.contract, 5),
    slot1: await node.getStorage(s.contract, 1),
    deployerNonce: await node.getTransactionCount(new ethers.Wallet(DEV_KEYS[0]).address),
    blockNumber: await node.getBlockNumber(),
  };
}

async function checkFork(out) {
  const s = JSON.parse(readFileSync(out, 'utf8'));
  const node = provider();
  const anvil = remote(s.anvilUrl);
  const forkTag = hex(BigInt(s.forkBlock));

  equal(await node.getBlockNumber(), s.forkBlock, 'the fork starts at the fork block');
  const status = await rpc('oasis_forkStatus');
  equal(BigInt(status.forkBlockNumber), BigInt(s.forkBlock), 'oasis_forkStatus names the fork block');
  equal(status.forkBlockHash, s.forkHash, 'oasis_forkStatus names the fork block hash');

  // State at the fork block, compared with anvil's at the same block (anvil has moved on since).
  equal((await node.getBalance(FUNDED)).toString(), (await anvil.getBalance(FUNDED, s.forkBlock)).toString(), 'balance equals anvil\'s at the fork block');
  equal(await node.getBalance(FUNDED), 5n * 10n ** 18n, 'balance is the fork block\'s, not anvil\'s latest (9 ETH)');
  equal(await node.getCode(s.contract), await anvil.getCode(s.contract, s.forkBlock), 'code equals anvil\'s');
  equal(await node.getCode(s.contract), '0x' + runtime, 'code is the deployed runtime');
  for (const slot of [0, 1, 5]) {
    equal(await node.getStorage(s.contract, slot), await anvil.getStorage(s.contract, slot, s.forkBlock), `slot ${slot} equals anvil's at the fork block`);
  }
  equal(BigInt(await node.getStorage(s.contract, 0)), 7n, 'slot 0 is the fork block\'s 7, not anvil\'s latest 0x63');
  const deployer = new ethers.Wallet(DEV_KEYS[0]).address;
  equal(await node.getTransactionCount(deployer), await anvil.getTransactionCount(deployer, s.forkBlock), 'the deployer\'s nonce is anvil\'s');
  const nobody = ethers.Wallet.createRandom().address;
  equal(await node.getBalance(nobody), 0n, 'an account anvil lacks reads as empty (balance)');
  equal(await node.getCode(nobody), '0x', 'an account anvil lacks reads as empty (code)');

  // Blocks at and below the fork block are anvil's, proxied.
  const forkBlock = await node.send('eth_getBlockByNumber', [forkTag, false]);
  equal(forkBlock.hash, s.forkHash, 'eth_getBlockByNumber(fork block) is anvil\'s block');
  const before = await node.send('eth_getBlockByNumber', [hex(BigInt(s.earlierBlock)), false]);
  equal(before.hash, (await anvil.send('eth_getBlockByNumber', [hex(BigInt(s.earlierBlock)), false])).hash, 'an earlier block is anvil\'s');
  equal((await node.send('eth_getBlockByHash', [s.forkParent, false])).hash, s.forkParent, 'eth_getBlockByHash of an earlier block is anvil\'s');
  equal(BigInt(await node.getStorage(s.contract, 0, s.earlierBlock)), 0x2an, 'state before the fork block is anvil\'s (proxied)');

  // Local blocks continue from the fork block, and local writes shadow the remote.
  const signer = new ethers.Wallet(DEV_KEYS[1], node);
  const first = await store(node, signer, s.contract, 0x55n);
  equal(first.blockNumber, s.forkBlock + 1, 'the first local block follows the fork block');
  equal((await node.getBlock(first.blockNumber)).parentHash, s.forkHash, 'its parent hash is the fork block\'s hash');
  equal(BigInt(await node.getStorage(s.contract, 0)), 0x55n, 'slot 0 is the local write');
  equal(BigInt(await node.getStorage(s.contract, 5)), 0xbeefn, 'slot 5, never written locally, is still anvil\'s');
  equal(BigInt(await anvil.getStorage(s.contract, 0, s.forkBlock)), 7n, 'anvil is untouched');
  equal(BigInt(await node.getStorage(s.contract, 0, s.forkBlock)), 7n, 'the fork block\'s own state still has 7');

  const snapshot = await node.send('evm_snapshot', []);
  await store(node, signer, s.contract, 0n);
  equal(BigInt(await node.getStorage(s.contract, 0)), 0n, 'a slot set to zero locally reads zero, not anvil\'s value');
  await node.send('evm_revert', [snapshot]);
  equal(BigInt(await node.getStorage(s.contract, 0)), 0x55n, 'evm_revert brings back the earlier local value');

  const payer = new ethers.Wallet(DEV_KEYS[2], node);
  await (await payer.sendTransaction({ to: FUNDED, value: 10n ** 18n })).wait();
  equal(await node.getBalance(FUNDED), 6n * 10n ** 18n, 'a transfer to a remote account adds to anvil\'s balance');

  const after = await rpc('oasis_forkStatus');
  check(after.remoteCalls > after.remoteRequests, `remote reads are batched (${after.remoteCalls} calls in ${after.remoteRequests} HTTP requests)`);

  // anvil_reset: a bad URL is an error and changes nothing.
  const head = await node.getBlockNumber();
  await rejects(rpc('anvil_reset', [{ forking: { jsonRpcUrl: 'http://127.0.0.1:1', blockNumber: 1 } }]), 'anvil_reset to an unreachable node');
  equal(await node.getBlockNumber(), head, 'the refused reset left the chain as it was');
  await rejects(rpc('anvil_reset', [{ forking: { jsonRpcUrl: s.anvilUrl, blockNumber: 1_000_000 } }]), 'anvil_reset to a block anvil does not have');

  // ...to another block of the same node.
  equal(await rpc('anvil_reset', [{ forking: { jsonRpcUrl: s.anvilUrl, blockNumber: s.earlierBlock } }]), null, 'anvil_reset to the earlier block');
  equal(await node.getBlockNumber(), s.earlierBlock, 'the chain is now at the earlier block');
  equal(BigInt(await node.getStorage(s.contract, 0)), 0x2an, 'slot 0 is the earlier block\'s 0x2a');
  // ...and with no parameters back to the fork the node started with, local writes gone.
  equal(await rpc('anvil_reset', []), null, 'anvil_reset with no parameters');
  equal(await node.getBlockNumber(), s.forkBlock, 'back at the original fork block');
  equal(BigInt(await node.getStorage(s.contract, 0)), 7n, 'slot 0 is the fork block\'s again');
  equal(await node.getBalance(FUNDED), 5n * 10n ** 18n, 'the transfer is gone');

  // State for the restart: one local block over the fork, then everything read once (so it is cached).
  await store(node, signer, s.contract, 0x66n);
  const expected = await readState(node, s);
  writeFileSync(out + '.expected.json', JSON.stringify(expected));
}

async function checkRestart(out) {
  const s = JSON.parse(readFileSync(out, 'utf8'));
  const expected = JSON.parse(readFileSync(out + '.expected.json', 'utf8'));
  const node = provider();
  const actual = await readState(node, s);
  for (const k of Object.keys(expected)) equal(actual[k], expected[k], `after the restart: ${k}`);
  const status = await rpc('oasis_forkStatus');
  equal(status.remoteRequests, 0, 'nothing was fetched again (the remote is down, the answers came from the disk cache)');
  const error = await rejects(rpc('eth_getBalance', [ethers.Wallet.createRandom().address, 'latest']), 'a read the cache lacks, with the remote down');
  check(/fork's remote node/.test(error.message), `the error names the fork's remote (${error.message})`);
  equal(await node.getBlockNumber(), expected.blockNumber, 'the node still answers after the remote error');
  // A block built from cached state only.
  const signer = new ethers.Wallet(DEV_KEYS[1], node);
  await store(node, signer, s.contract, 0x77n);
  equal(BigInt(await node.getStorage(s.contract, 0)), 0x77n, 'a new local block over the cached fork');
}

run('fork', async () => {
  if (mode === 'setup') await setup(first, second);
  else if (mode === 'check') await checkFork(first);
  else if (mode === 'restart') await checkRestart(first);
  else throw new Error(`usage: fork.mjs setup ANVIL_URL OUT | check OUT | restart OUT (got ${mode})`);
});
