// Scenario: web3.js v4 — chain id, node accounts, a locally signed EIP-1559 transfer, an eth_sendTransaction from a
// node account, transaction and block reads, gas price and estimate, and getPastLogs on a range.
import { Web3 } from 'web3';
import { check, equal, run, DEV_KEYS, RPC_URL } from '../lib/common.mjs';

run('web3', async () => {
  const web3 = new Web3(RPC_URL);
  const account = web3.eth.accounts.privateKeyToAccount(DEV_KEYS[9]);
  const chainId = await web3.eth.getChainId();
  const nodeAccounts = await web3.eth.getAccounts();
  equal(nodeAccounts.length, 10, 'eth_accounts lists the ten dev accounts');

  const to = '0x000000000000000000000000000000000000c0de';
  const toBefore = await web3.eth.getBalance(to);
  const signed = await account.signTransaction({
    from: account.address, to, value: web3.utils.toWei('0.25', 'ether'), gas: 21000n,
    maxFeePerGas: 50_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n,
    nonce: await web3.eth.getTransactionCount(account.address, 'pending'), chainId,
  });
  const receipt = await web3.eth.sendSignedTransaction(signed.rawTransaction);
  equal(receipt.status, 1n, 'signed transfer status');
  equal(receipt.type, 2n, 'receipt type');
  equal(await web3.eth.getBalance(to), toBefore + 250_000_000_000_000_000n, 'recipient balance');

  const unlocked = await web3.eth.sendTransaction({ from: nodeAccounts[2], to, value: 5n });
  equal(unlocked.status, 1n, 'eth_sendTransaction from a node account');

  const tx = await web3.eth.getTransaction(receipt.transactionHash);
  equal(tx.from.toLowerCase(), account.address.toLowerCase(), 'transaction sender');
  equal(tx.blockNumber, receipt.blockNumber, 'transaction block number');
  const block = await web3.eth.getBlock(receipt.blockNumber, true);
  check(block.transactions.some((t) => t.hash === receipt.transactionHash), 'block lists the transaction');
  check((await web3.eth.getGasPrice()) > 0n, 'gas price');
  equal(await web3.eth.estimateGas({ from: account.address, to, value: 1n }), 21000n, 'transfer estimate');
  const logs = await web3.eth.getPastLogs({ fromBlock: receipt.blockNumber, toBlock: 'latest' });
  check(Array.isArray(logs), 'getPastLogs answers a list');
});
