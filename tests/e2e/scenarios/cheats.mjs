// Scenario: anvil's and Hardhat's cheats through real clients — cast rpc anvil_setBalance / anvil_impersonateAccount
// then `cast send --unlocked --from` an address without a key; ethers' provider.send of hardhat_setBalance,
// hardhat_setCode, hardhat_setStorageAt, hardhat_setNonce (read back before any block is mined, then mined); viem's
// test client (mode 'anvil': setBalance, impersonateAccount, sendTransaction from the impersonated account,
// stopImpersonatingAccount); and the OETH supply figures showing what the edits created.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ethers } from 'ethers';
import { createTestClient, createPublicClient, createWalletClient, http, parseEther, defineChain } from 'viem';
import { check, equal, provider, rejects, rpc, run, RPC_URL } from '../lib/common.mjs';

const exec = promisify(execFile);
const castBin = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '@foundry-rs', 'cast-linux-amd64', 'bin', 'cast');

async function cast(...args) {
  const { stdout } = await exec(castBin, [...args, '--rpc-url', RPC_URL], { timeout: 60_000 });
  return stdout.trim();
}

run('cheats', async () => {
  const p = provider();
  const supplyBefore = await rpc('oasis_supply', ['latest']);

  // cast: a whale without a key.
  const whale = ethers.Wallet.createRandom().address;
  const to = ethers.Wallet.createRandom().address;
  await cast('rpc', 'anvil_setBalance', whale, '0x56bc75e2d63100000'); // 100 OETH
  equal(await cast('balance', whale), (100n * 10n ** 18n).toString(), 'cast rpc anvil_setBalance: visible at once');
  await cast('rpc', 'anvil_impersonateAccount', whale);
  const sent = JSON.parse(await cast('send', '--unlocked', '--from', whale, to, '--value', '1ether', '--json'));
  equal(sent.status, '0x1', 'cast send --unlocked --from an impersonated address: status 1');
  equal(sent.from, whale.toLowerCase(), 'the receipt names the impersonated sender');
  equal(await cast('balance', to), (10n ** 18n).toString(), 'the recipient got the value');
  const tx = JSON.parse(await cast('tx', sent.transactionHash, '--json'));
  equal(tx.from, whale.toLowerCase(), 'cast tx: from is the impersonated address');
  await cast('rpc', 'anvil_stopImpersonatingAccount', whale);
  await rejects(cast('send', '--unlocked', '--from', whale, to, '--value', '1'), 'cast send --unlocked after stopImpersonatingAccount');

  // ethers: hardhat_* names, visible before mining, then in the next block.
  const target = ethers.Wallet.createRandom().address;
  const head = await p.getBlockNumber();
  equal(await p.send('hardhat_setBalance', [target, '0x1234']), true, 'hardhat_setBalance answers true');
  // A contract returning 42: PUSH1 42 PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN.
  equal(await p.send('hardhat_setCode', [target, '0x602a60005260206000f3']), true, 'hardhat_setCode');
  equal(await p.send('hardhat_setStorageAt', [target, '0x2', ethers.zeroPadValue('0x99', 32)]), true, 'hardhat_setStorageAt');
  equal(await p.send('hardhat_setNonce', [target, '0x5']), true, 'hardhat_setNonce');
  equal(await p.getBlockNumber(), head, 'no block was mined by the edits');
  equal(await p.getBalance(target), 0x1234n, 'ethers getBalance sees the edit');
  equal(await p.getCode(target), '0x602a60005260206000f3', 'ethers getCode sees the edit');
  equal(await p.getStorage(target, 2), ethers.zeroPadValue('0x99', 32), 'ethers getStorage sees the edit');
  equal(await p.getTransactionCount(target, 'pending'), 5, 'pending nonce sees the edit');
  equal(BigInt(await p.call({ to: target })), 42n, 'eth_call runs the edited code');
  await p.send('evm_mine', []);
  const mined = await p.getBlockNumber();
  equal(mined, head + 1, 'evm_mine');
  equal(await p.getBalance(target, mined), 0x1234n, 'the next block holds the edited balance');
  equal(await p.getStorage(target, 2, mined), ethers.zeroPadValue('0x99', 32), 'the next block holds the edited slot');

  // viem's test client, as anvil users write it.
  const chainId = Number((await p.getNetwork()).chainId);
  const chain = defineChain({ id: chainId, name: 'oasis-eth dev', nativeCurrency: { name: 'OETH', symbol: 'OETH', decimals: 18 },
    rpcUrls: { default: { http: [RPC_URL] } } });
  const test = createTestClient({ chain, mode: 'anvil', transport: http(RPC_URL) });
  const pub = createPublicClient({ chain, transport: http(RPC_URL) });
  const vip = '0x00000000000000000000000000000000000c0ffe';
  await test.setBalance({ address: vip, value: parseEther('5') });
  equal(await pub.getBalance({ address: vip }), parseEther('5'), 'viem testClient.setBalance');
  await test.impersonateAccount({ address: vip });
  const wallet = createWalletClient({ chain, transport: http(RPC_URL), account: vip });
  const hash = await wallet.sendTransaction({ to: target, value: 7n });
  const receipt = await pub.waitForTransactionReceipt({ hash });
  equal(receipt.status, 'success', 'viem sendTransaction from the impersonated account');
  equal(receipt.from, vip, 'viem receipt.from');
  await test.stopImpersonatingAccount({ address: vip });
  await rejects(wallet.sendTransaction({ to: target, value: 1n }), 'viem send after stopImpersonatingAccount');
  await test.setNonce({ address: vip, nonce: 50 });
  equal(await pub.getTransactionCount({ address: vip }), 50, 'viem testClient.setNonce');

  // The supply figures account for every OETH the edits created.
  const supply = await rpc('oasis_supply', ['latest']);
  const minted = BigInt(supply.devMinted) - BigInt(supplyBefore.devMinted);
  equal(minted, 100n * 10n ** 18n + 0x1234n + parseEther('5'), 'oasis_supply devMinted counts the balance edits');
  equal(BigInt(supply.total), 21_000_000n * 10n ** 18n + BigInt(supply.devMinted) - BigInt(supply.devDestroyed),
    'total = 21M OETH + devMinted - devDestroyed');
  check(BigInt(supply.rewardPool) + BigInt(supply.unclaimed) + BigInt(supply.circulating) + BigInt(supply.burned) === BigInt(supply.total),
    'the figures add up to the total');
});
