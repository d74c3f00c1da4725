// Scenario: a state dump taken from a real anvil (npm @foundry-rs/anvil 1.7.1) loads into oasis-eth dev. anvil gets a
// deployed contract (a real CREATE), a set balance, set code and set storage; its anvil_dumpState (and, with
// `file` mode, its --dump-state file) is loaded into the node with anvil_loadState; every account's balance, nonce,
// code and storage read back equal on both. Usage: anvil-dump.mjs [rpc | file DUMP.json]
//   rpc: dump over RPC and load over RPC; file DUMP.json: start anvil with --dump-state DUMP.json, stop it, and
//   leave the file for the caller (which starts the node with --load-state) after recording what anvil had in
//   DUMP.json.expected.json.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ethers } from 'ethers';
import { equal, check, provider, run, DEV_KEYS } from '../lib/common.mjs';

const anvilBin = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '@foundry-rs', 'anvil-linux-amd64', 'bin', 'anvil');
const mode = process.argv[2] ?? 'rpc';
const dumpFile = process.argv[3];

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startAnvil(args) {
  const port = await freePort();
  const child = spawn(anvilBin, ['--port', String(port), '--silent', ...args], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const p = new ethers.JsonRpcProvider(url, undefined, { staticNetwork: true, cacheTimeout: -1 });
  p.pollingInterval = 100;
  for (let i = 0; i < 100; i++) {
    try {
      await p.send('eth_chainId', []);
      return { child, p };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('anvil did not start');
}

// A contract whose constructor stores 0x2a at slot 0 and 0xbeef at slot 5, and whose code returns slot 0:
// runtime  PUSH1 0 SLOAD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
const runtime = '0x60005460005260206000f3';
const init = '0x602a600055' + '61beef600555' + '600b6017600039600b6000f3' + runtime.slice(2);

const watched = ['0x00000000000000000000000000000000000000aa'];
const slots = [0n, 1n, 5n];

async function snapshot(p, addresses) {
  const out = {};
  for (const a of addresses) {
    const storage = {};
    for (const s of slots) storage[s.toString()] = await p.getStorage(a, s);
    out[a.toLowerCase()] = { balance: (await p.getBalance(a)).toString(), nonce: await p.getTransactionCount(a), code: await p.getCode(a), storage };
  }
  return out;
}

run('anvil-dump', async () => {
  const { child, p } = await startAnvil(mode === 'file' ? ['--dump-state', dumpFile] : []);
  let addresses;
  try {
    const version = await p.send('web3_clientVersion', []);
    console.log(`anvil: ${version}`);
    const deployer = new ethers.Wallet(DEV_KEYS[0], p);
    const tx = await deployer.sendTransaction({ data: init });
    const receipt = await tx.wait();
    const contract = receipt.contractAddress;
    equal(BigInt(await p.call({ to: contract })), 0x2an, 'anvil: the contract answers its slot 0');
    await p.send('anvil_setBalance', [watched[0], '0x1234']);
    await p.send('anvil_setCode', [watched[0], '0x602a60005260206000f3']);
    await p.send('anvil_setStorageAt', [watched[0], '0x1', ethers.zeroPadValue('0xabcd', 32)]);
    await p.send('anvil_setNonce', [watched[0], '0x7']);
    await p.send('evm_mine', []);
    addresses = [contract, watched[0], deployer.address];
    const expected = await snapshot(p, addresses);

    if (mode === 'file') {
      writeFileSync(dumpFile + '.expected.json', JSON.stringify(expected));
      child.kill('SIGTERM');
      for (let i = 0; i < 100 && !existsSync(dumpFile); i++) await new Promise((r) => setTimeout(r, 100));
      check(existsSync(dumpFile), `anvil wrote ${dumpFile} on exit`);
      return;
    }

    const dump = await p.send('anvil_dumpState', []);
    check(dump.startsWith('0x1f8b'), 'anvil_dumpState answered gzip hex');
    const node = provider();
    equal(await node.send('anvil_loadState', [dump]), true, 'oasis-eth dev: anvil_loadState of anvil\'s dump');
    const actual = await snapshot(node, addresses);
    for (const a of addresses) {
      const k = a.toLowerCase();
      equal(actual[k].balance, expected[k].balance, `${k}: balance`);
      equal(actual[k].nonce, expected[k].nonce, `${k}: nonce`);
      equal(actual[k].code, expected[k].code, `${k}: code`);
      for (const s of slots) equal(actual[k].storage[s.toString()], expected[k].storage[s.toString()], `${k}: slot ${s}`);
    }
    equal(BigInt(await node.call({ to: contract })), 0x2an, 'oasis-eth dev runs the loaded contract');
    await node.send('evm_mine', []);
    const mined = await snapshot(node, addresses);
    equal(JSON.stringify(mined), JSON.stringify(actual), 'the next block holds the loaded state');
  } finally {
    if (mode !== 'file') child.kill('SIGTERM');
  }
});
