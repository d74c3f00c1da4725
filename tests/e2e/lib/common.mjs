// Shared helpers of the end-to-end scenarios: where the node is, the dev keys, small assertion helpers, and a
// runner that turns a scenario into an exit code (0 = passed) with one "ok:" or "FAIL:" line per check.
import { ethers } from 'ethers';

export const RPC_URL = process.env.OASIS_RPC_URL ?? 'http://127.0.0.1:8545';
export const WS_URL = process.env.OASIS_WS_URL ?? RPC_URL.replace(/^http/, 'ws');

import { DEV_KEYS } from './dev-keys.mjs';
export { DEV_KEYS };

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
