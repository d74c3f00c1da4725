// The Ewasm test contracts for the end-to-end scenarios: the C sources of tests/OasisEth.Ewasm.Tests/Contracts built
// by their own build.sh (clang's wasm32 target and wasm-ld, as the Ewasm tests build them), and the init code that
// deploys one: a small wasm module whose main hands the contract back through `finish`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const contractsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'OasisEth.Ewasm.Tests', 'Contracts');

/** Builds the C contracts; returns { name: Uint8Array } of runtime code (token, relay, sha1). */
export function buildContracts() {
  const out = mkdtempSync(join(tmpdir(), 'oasis-eth-e2e-ewasm-'));
  try {
    execFileSync('bash', [join(contractsDir, 'build.sh'), out], { stdio: ['ignore', 'inherit', 'inherit'] });
    const built = {};
    for (const name of ['token', 'relay', 'sha1']) built[name] = new Uint8Array(readFileSync(join(out, `${name}.wasm`)));
    return built;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Unsigned LEB128 (wasm's encoding of sizes, counts and indexes). */
function u32(n) {
  const bytes = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    bytes.push(b);
  } while (n !== 0);
  return bytes;
}

/** Signed LEB128 of a non-negative i32 (an i32.const operand): done once the rest is zero and the sign bit clear. */
function i32(n) {
  const bytes = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if (n === 0 && (b & 0x40) === 0) {
      bytes.push(b);
      return bytes;
    }
    bytes.push(b | 0x80);
  }
}

const name = (s) => [...u32(s.length), ...Buffer.from(s, 'ascii')];
const section = (id, body) => [id, ...u32(body.length), ...body];
const vector = (items) => [...u32(items.length), ...items.flat()];

/**
 * Init code deploying `runtime`: a WebAssembly 1.0 module importing only ethereum.finish, exporting main and memory,
 * whose data segment holds the contract at address 0 and whose main finishes with it. The chain checks the returned
 * module when it is stored (the creation fails if it is not a valid contract).
 */
export function deployCode(runtime) {
  const pages = Math.max(1, Math.ceil(runtime.length / 65536));
  const finishType = [0x60, 0x02, 0x7f, 0x7f, 0x00]; // (i32, i32) -> ()
  const mainType = [0x60, 0x00, 0x00]; // () -> ()
  const body = [0x00, 0x41, ...i32(0), 0x41, ...i32(runtime.length), 0x10, ...u32(0), 0x0b]; // no locals; finish(0, len)
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([finishType, mainType])),
    ...section(2, vector([[...name('ethereum'), ...name('finish'), 0x00, ...u32(0)]])),
    ...section(3, vector([u32(1)])),
    ...section(5, vector([[0x00, ...u32(pages)]])),
    ...section(7, vector([[...name('main'), 0x00, ...u32(1)], [...name('memory'), 0x02, ...u32(0)]])),
    ...section(10, vector([[...u32(body.length), ...body]])),
    ...section(11, vector([[0x00, 0x41, ...i32(0), 0x0b, ...u32(runtime.length), ...runtime]])),
  ];
  return '0x' + Buffer.from(bytes).toString('hex');
}

/** The C token's interface (tests/OasisEth.Ewasm.Tests/Contracts/token.c): the ERC-20 subset it answers, and mint. */
export const TOKEN_ABI = [
  'function balanceOf(address holder) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
  'function transfer(address to, uint256 amount) returns (bool)',
  'function mint(uint256 amount) returns (bool)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
];
