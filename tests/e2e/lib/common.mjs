// Shared helpers of the end-to-end scenarios: where the node is, the dev keys, small assertion helpers, and a
// runner that turns a scenario into an exit code (0 = passed) with one "ok:" or "FAIL:" line per check.
import { ethers } from 'ethers';

export const RPC_URL = process.env.OASIS_RPC_URL ?? 'http://127.0.0.1:8545';
export const WS_URL = process.env.OASIS_WS_URL ?? RPC_URL.replace(/^http/, 'ws');

// The ten accounts of "test test test test test test test test test test test junk" (m/44'/60'/0'/0/i).
export const DEV_KEYS = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
  '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
  '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e',
  '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356',
  '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97',
  '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6',
];

export const OETH = 10n ** 18n;
export const TOTAL_SUPPLY = 21_000_000n * OETH;

/** A JSON-RPC provider that polls quickly (automine answers in milliseconds; the default 4 s would dominate) and
 * does not cache (ethers reuses an identical answer for 250 ms, which hands out the same pending nonce twice). */
export function provider() {
  const p = new ethers.JsonRpcProvider(RPC_URL, undefined, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  p.pollingInterval = 100;
  return p;
}

/** A wallet for dev account i wrapped in a NonceManager-free signer: scenarios use distinct accounts so their
 * nonces never race. */
export function wallet(i, p) {
  return new ethers.Wallet(DEV_KEYS[i], p);
}

export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`ok: ${message}`);
}

export function equal(actual, expected, message) {
  if (actual !== expected) {
    throw new Error(`check failed: ${message}: expected ${fmt(expected)}, got ${fmt(actual)}`);
  }
  console.log(`ok: ${message} (${fmt(actual)})`);
}

function fmt(v) {
  return typeof v === 'bigint' ? `${v}n` : JSON.stringify(v);
}

/** Awaits a promise that must be rejected; returns the error. */
export async function rejects(promise, message) {
  try {
    await promise;
  } catch (e) {
    console.log(`ok: ${message} rejected (${e.shortMessage ?? e.message})`);
    return e;
  }
  throw new Error(`check failed: ${message}: expected a rejection`);
}

/** Raw JSON-RPC call (for methods ethers does not wrap). */
export async function rpc(method, params = []) {
  const res = await fetch(RPC_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${body.error.code} ${body.error.message}`);
  return body.result;
}

/** Runs a scenario: prints its checks, exits 0 when it finishes, 1 on the first failure. A deadline keeps a hung
 * node from hanging the test run. */
export function run(name, fn, { timeoutMs = 120_000 } = {}) {
  const timer = setTimeout(() => {
    console.error(`FAIL: ${name}: timed out after ${timeoutMs} ms`);
    process.exit(1);
  }, timeoutMs);
  fn().then(
    () => {
      clearTimeout(timer);
      console.log(`PASS: ${name}`);
      process.exit(0);
    },
    (e) => {
      clearTimeout(timer);
      console.error(`FAIL: ${name}: ${e.stack ?? e}`);
      process.exit(1);
    },
  );
}
