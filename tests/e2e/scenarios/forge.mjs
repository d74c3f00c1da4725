// Scenario: Foundry's forge (npm @foundry-rs/forge, native linux-x64 binary) on the project in ../forge, the way its
// users run it: `forge build`, `forge create --broadcast` (a dev key, then the node's account with --unlocked),
// `forge test --fork-url`, `cast run` and `forge script --broadcast` of a deployment script (both signers), checked
// with cast.
// Offline: the project's foundry.toml points forge at lib/solc-cli.mjs (solc-js); no forge-std is needed.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ethers } from 'ethers';
import { check, equal, run, RPC_URL, DEV_KEYS } from '../lib/common.mjs';
import { solcVersion } from '../lib/compile.mjs';

const exec = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const project = join(here, '..', 'forge');
// The platform packages' binaries themselves: the npm wrappers in node_modules/.bin exit 0 even when the tool
// fails (they do not pass the child's exit code on), which would hide a failed send or broadcast.
const bin = (name) => join(here, '..', 'node_modules', '@foundry-rs', `${name}-linux-amd64`, 'bin', name);

const KEY = DEV_KEYS[5];
const SIGNER = new ethers.Wallet(KEY).address;
// Dev account 3 signs on the node (eth_sendTransaction): forge's --unlocked.
const NODE_ACCOUNT = new ethers.Wallet(DEV_KEYS[3]).address;

async function tool(name, args, env = {}) {
  const { stdout, stderr } = await exec(bin(name), args, {
    cwd: project,
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, ...env, NO_COLOR: '1' },
  });
  return { stdout: stdout.trim(), stderr: stderr.trim() };
}
const forge = (args, env) => tool('forge', args, env);
const cast = async (...args) => (await tool('cast', [...args, '--rpc-url', RPC_URL])).stdout;

async function fails(promise, message) {
  try {
    await promise;
  } catch (e) {
    const text = `${e.stdout ?? ''}\n${e.stderr ?? ''}`;
    console.log(`ok: ${message} failed as expected`);
    return text;
  }
  throw new Error(`check failed: ${message}: expected a failure`);
}

function broadcastLog() {
  return JSON.parse(readFileSync(join(project, 'broadcast', 'Deploy.s.sol', '31337', 'run-latest.json'), 'utf8'));
}

run('forge', async () => {
  console.log((await forge(['--version'])).stdout.split('\n')[0]);

  const build = await forge(['build']);
  check(/Compiler run successful|No files changed/.test(build.stdout), `forge build: ${build.stdout.split('\n').pop()}`);
  const artifact = JSON.parse(readFileSync(join(project, 'out', 'Counter.sol', 'Counter.json'), 'utf8'));
  equal(artifact.metadata.compiler.version, solcVersion().replace(/\.Emscripten.*$/, ''), 'artifact compiled by the pinned solc-js');
  equal(artifact.metadata.settings.evmVersion, 'prague', 'artifact evm version');

  // forge create, signed locally.
  const created = JSON.parse((await forge(['create', 'src/Counter.sol:Counter', '--rpc-url', RPC_URL, '--private-key', KEY,
    '--broadcast', '--json', '--constructor-args', '41'])).stdout);
  equal(created.deployer, SIGNER, 'forge create: deployer');
  const counter = created.deployedTo;
  const receipt = JSON.parse(await cast('receipt', created.transactionHash, '--json'));
  equal(receipt.status, '0x1', 'forge create: receipt status');
  equal(receipt.contractAddress, counter.toLowerCase(), 'forge create: receipt contractAddress');
  check((await cast('code', counter)).length > 2, 'deployed code is there');
  equal(await cast('call', counter, 'count()(uint256)'), '41', 'constructor argument stored');
  equal(await cast('call', counter, 'owner()(address)'), SIGNER, 'owner is the deployer');

  // Use it: a state change with an event, then a custom error decoded from the project's artifacts.
  const sent = JSON.parse(await cast('send', counter, 'increment()', '--private-key', KEY, '--json'));
  equal(sent.status, '0x1', 'cast send increment(): status 1');
  equal(sent.logs.length, 1, 'increment() logs one event');
  equal(sent.logs[0].topics[0], ethers.id('Counted(address,uint256)'), 'the event is Counted');
  equal(await cast('call', counter, 'count()(uint256)'), '42', 'count after increment');
  // cast run replays the mined transaction on a fork of the node at its block and prints the trace.
  const replay = await cast('run', sent.transactionHash);
  check(/increment\(\)/.test(replay) && /emit Counted\(by: 0x[0-9a-fA-F]{40}, count: 42\)/.test(replay)
    && /Transaction successfully executed/.test(replay), 'cast run replays increment() with its Counted(42) event');
  const err = await fails(cast('send', counter, 'add(uint256,uint256)', '1000', '10', '--private-key', KEY), 'add over the limit');
  check(err.includes('execution reverted') && err.includes('TooHigh(1042, 10)'), 'the custom error reaches cast and is decoded: TooHigh(1042, 10)');

  // forge test --fork-url: the test EVM reads the counter from the node; the chain keeps its own count.
  const forked = await forge(['test', '--fork-url', RPC_URL], { COUNTER: counter, EXPECTED: '42' });
  check(/\[PASS\] test_readsAndChangesTheForkedChain/.test(forked.stdout), 'forge test --fork-url: the fork test passed');
  equal(await cast('call', counter, 'count()(uint256)'), '42', 'the fork test did not change the chain');

  // forge create with the node's account (eth_sendTransaction).
  const unlocked = JSON.parse((await forge(['create', 'src/Counter.sol:Counter', '--rpc-url', RPC_URL, '--unlocked', '--from', NODE_ACCOUNT,
    '--broadcast', '--json', '--constructor-args', '3'])).stdout);
  equal(unlocked.deployer, NODE_ACCOUNT, 'forge create --unlocked: deployer is the node account');
  equal(await cast('call', unlocked.deployedTo, 'count()(uint256)'), '3', 'forge create --unlocked: constructor argument stored');

  // forge script: deploy + two calls, broadcast and recorded.
  for (const [label, args, start, from] of [
    ['--private-key', ['--private-key', KEY], 100, SIGNER],
    ['--unlocked --sender', ['--unlocked', '--sender', NODE_ACCOUNT], 7, NODE_ACCOUNT],
  ]) {
    const nonceBefore = BigInt(await cast('nonce', from));
    const out = await forge(['script', 'script/Deploy.s.sol:Deploy', '--rpc-url', RPC_URL, ...args, '--broadcast'], { START: String(start) });
    check(/ONCHAIN EXECUTION COMPLETE & SUCCESSFUL/.test(out.stdout), `forge script ${label}: onchain execution complete`);
    const log = broadcastLog();
    equal(log.transactions.length, 3, `forge script ${label}: three transactions broadcast`);
    equal(log.receipts.map((r) => r.status).join(','), '0x1,0x1,0x1', `forge script ${label}: every receipt status 1`);
    const deployed = log.transactions[0].contractAddress;
    equal(log.transactions[0].transactionType, 'CREATE', `forge script ${label}: first transaction creates`);
    equal(ethers.getAddress(log.transactions[0].transaction.from), from, `forge script ${label}: sender`);
    equal(await cast('call', deployed, 'count()(uint256)'), String(start + 6), `forge script ${label}: START + 1 + 5 counted`);
    equal(BigInt(await cast('nonce', from)), nonceBefore + 3n, `forge script ${label}: sender nonce moved by 3`);
    const tx = JSON.parse(await cast('tx', log.receipts[2].transactionHash, '--json'));
    equal(tx.to, deployed.toLowerCase(), `forge script ${label}: last transaction calls the new contract`);
  }
}, { timeoutMs: 180_000 });
