// Scenario: viem's public and wallet clients over HTTP and WebSocket — chain id, balances, a signed transfer and
// its receipt, a block with full transactions, fee history and fee estimation, a deployment, eth_call, and a
// newHeads subscription (watchBlockNumber on the webSocket transport).
import { createPublicClient, createWalletClient, http, webSocket, parseEther, defineChain } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { check, equal, run, DEV_KEYS, RPC_URL, WS_URL } from '../lib/common.mjs';

run('viem', async () => {
  const transport = http(RPC_URL);
  const probe = createPublicClient({ transport });
  const chainId = await probe.getChainId();
  const chain = defineChain({ id: chainId, name: 'oasis-eth dev', nativeCurrency: { name: 'OETH', symbol: 'OETH', decimals: 18 },
    rpcUrls: { default: { http: [RPC_URL], webSocket: [WS_URL] } } });
  const pub = createPublicClient({ chain, transport });
  const account = privateKeyToAccount(DEV_KEYS[9]);
  const wallet = createWalletClient({ chain, transport, account });
  const to = '0x00000000000000000000000000000000000b1e55';

  const before = await pub.getBalance({ address: account.address });
  const toBefore = await pub.getBalance({ address: to });
  const hash = await wallet.sendTransaction({ to, value: parseEther('1.5') });
  const receipt = await pub.waitForTransactionReceipt({ hash });
  equal(receipt.status, 'success', 'transfer receipt status');
  equal(receipt.gasUsed, 21000n, 'transfer gas');
  equal(await pub.getBalance({ address: to }), toBefore + parseEther('1.5'), 'recipient balance');
  equal(await pub.getBalance({ address: account.address }), before - parseEther('1.5') - receipt.gasUsed * receipt.effectiveGasPrice,
    'sender paid value + gasUsed x effectiveGasPrice');

  const block = await pub.getBlock({ blockNumber: receipt.blockNumber, includeTransactions: true });
  equal(block.hash, receipt.blockHash, 'block hash matches the receipt');
  check(block.transactions.some((t) => t.hash === hash), 'the block lists the transaction');
  check(block.baseFeePerGas > 0n, 'block has a base fee');

  const history = await pub.getFeeHistory({ blockCount: 2, rewardPercentiles: [25, 75] });
  equal(history.baseFeePerGas.length, 3, 'fee history: blockCount + 1 base fees');
  equal(history.reward.length, 2, 'fee history: one reward row per block');
  const fees = await pub.estimateFeesPerGas();
  check(fees.maxFeePerGas >= fees.maxPriorityFeePerGas && fees.maxFeePerGas > 0n, 'fee estimate');

  // Init code that deploys a runtime returning the word 42.
  const deploy = await wallet.deployContract({ abi: [], bytecode: '0x600a600c600039600a6000f3602a60005260206000f3' });
  const deployed = await pub.waitForTransactionReceipt({ hash: deploy });
  check(deployed.contractAddress, 'deployment receipt has the contract address');
  equal(await pub.getBytecode({ address: deployed.contractAddress }), '0x602a60005260206000f3', 'deployed code');
  const { data } = await pub.call({ to: deployed.contractAddress });
  equal(BigInt(data), 42n, 'eth_call result');

  const ws = createPublicClient({ chain, transport: webSocket(WS_URL) });
  let pushed = null;
  const unwatch = ws.watchBlockNumber({ onBlockNumber: (n) => { pushed ??= n; } });
  try {
    const mined = [];
    for (let i = 0; i < 40 && pushed === null; i++) {
      const h = await wallet.sendTransaction({ to, value: 1n });
      mined.push((await pub.waitForTransactionReceipt({ hash: h })).blockNumber);
      await new Promise((res) => setTimeout(res, 250));
    }
    check(pushed !== null, `a newHeads push arrived over viem's webSocket transport (after ${mined.length} blocks)`);
  } finally {
    unwatch();
    await (await ws.transport.getRpcClient()).close();
  }
});
