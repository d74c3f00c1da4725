// Scenario: Foundry's cast (npm @foundry-rs/cast, native linux-x64 binary) against the node: block-number,
// balance, send (signed with a dev key), receipt, call.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ethers } from 'ethers';
import { check, equal, provider, run, RPC_URL, DEV_KEYS } from '../lib/common.mjs';

const exec = promisify(execFile);
// The native binary, not the npm wrapper in node_modules/.bin: the wrapper exits 0 even when cast fails.
const castBin = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '@foundry-rs', 'cast-linux-amd64', 'bin', 'cast');

async function cast(...args) {
  const { stdout } = await exec(castBin, [...args, '--rpc-url', RPC_URL], { timeout: 60_000 });
  return stdout.trim();
}

run('cast', async () => {
  const p = provider();
  const version = (await exec(castBin, ['--version'])).stdout.split('\n')[0];
  console.log(version);

  const n = BigInt(await cast('block-number'));
  check(n === BigInt(await p.getBlockNumber()), `cast block-number = eth_blockNumber (${n})`);
  equal(await cast('chain-id'), (await p.getNetwork()).chainId.toString(), 'cast chain-id');

  const from = new ethers.Wallet(DEV_KEYS[7]).address;
  const to = ethers.Wallet.createRandom().address;
  equal(await cast('balance', from), (await p.getBalance(from)).toString(), 'cast balance (wei) = eth_getBalance');
  equal(await cast('balance', to), '0', 'cast balance of a new address is 0');

  const sendOut = await cast('send', '--private-key', DEV_KEYS[7], to, '--value', '0.25ether', '--json');
  const sent = JSON.parse(sendOut);
  check(/^0x[0-9a-f]{64}$/.test(sent.transactionHash), `cast send returned a receipt for ${sent.transactionHash}`);
  equal(sent.status, '0x1', 'cast send: status 1');

  const receipt = JSON.parse(await cast('receipt', sent.transactionHash, '--json'));
  equal(receipt.transactionHash, sent.transactionHash, 'cast receipt finds the transaction');
  equal(receipt.status, '0x1', 'cast receipt status');
  equal(receipt.to, to.toLowerCase(), 'cast receipt recipient');
  equal(await cast('balance', to), (25n * 10n ** 16n).toString(), 'recipient balance after cast send');
  equal(await cast('balance', '--ether', to), '0.250000000000000000', 'cast balance --ether');
  check(BigInt(await cast('block-number')) >= BigInt(receipt.blockNumber), 'cast block-number moved on');

  const tx = JSON.parse(await cast('tx', sent.transactionHash, '--json'));
  equal(tx.from, from.toLowerCase(), 'cast tx: from');
  const nonce = await cast('nonce', from);
  equal(BigInt(nonce), BigInt(await p.getTransactionCount(from)), 'cast nonce');
});
