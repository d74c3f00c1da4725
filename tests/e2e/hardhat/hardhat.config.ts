// Hardhat 3 project over tests/e2e/contracts, pointed at `oasis-eth dev` (OASIS_RPC_URL). Two networks, one per
// way a Hardhat user signs: `oasis` asks the node for its accounts (eth_accounts, eth_sendTransaction) and `oasisKeys`
// signs locally with dev keys (eth_sendRawTransaction). Offline: the compiler is solc-js's soljson.js from the pinned
// `solc` package (Hardhat takes a non-binary `path` as a WebAssembly build), so no compiler list or binary is fetched.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'hardhat/config';
import hardhatEthers from '@nomicfoundation/hardhat-ethers';
import hardhatEthersChaiMatchers from '@nomicfoundation/hardhat-ethers-chai-matchers';
import hardhatMocha from '@nomicfoundation/hardhat-mocha';
import hardhatNetworkHelpers from '@nomicfoundation/hardhat-network-helpers';
import { DEV_KEYS } from '../lib/dev-keys.mjs';

const require = createRequire(import.meta.url);
const solcPackage: { version: string } = require('solc/package.json');
// Hardhat takes the nearest package.json's folder (tests/e2e) as the project root, so the paths of this project
// are spelled out from this file's folder.
const here = dirname(fileURLToPath(import.meta.url));
const url = process.env.OASIS_RPC_URL ?? 'http://127.0.0.1:8545';

export default defineConfig({
  plugins: [hardhatEthers, hardhatEthersChaiMatchers, hardhatMocha, hardhatNetworkHelpers],
  solidity: {
    version: solcPackage.version,
    path: require.resolve('solc/soljson.js'),
    // The same settings as lib/compile.mjs: Prague is the runtime's default fork.
    settings: { evmVersion: 'prague', optimizer: { enabled: true, runs: 200 } },
  },
  paths: {
    sources: join(here, '..', 'contracts'),
    tests: { mocha: join(here, 'test'), solidity: join(here, 'test') },
    cache: join(here, 'cache'),
    artifacts: join(here, 'artifacts'),
  },
  // Mocha's default 2 s per test is too tight when CI runs every test project at once on two cores.
  test: { mocha: { timeout: 60_000 } },
  networks: {
    oasis: { type: 'http', chainType: 'l1', url, chainId: 31337, accounts: 'remote' },
    // Dev accounts 2 and 4 (the other scenarios' accounts do not matter: this project gets its own node).
    oasisKeys: { type: 'http', chainType: 'l1', url, chainId: 31337, accounts: [DEV_KEYS[2], DEV_KEYS[4]] },
  },
});
