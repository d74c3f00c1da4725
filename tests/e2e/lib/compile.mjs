// Compiles tests/e2e/contracts/*.sol with solc-js (the npm `solc` package, pinned in package.json) and caches the
// result in the system temp folder, keyed by the sources and compiler version, so every scenario can call
// compile() without paying for the compiler each time.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const contractsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'contracts');

// Prague is the runtime's default fork; name it so a newer compiler default cannot emit newer opcodes.
export const EVM_VERSION = 'prague';

export function sources() {
  const out = {};
  for (const f of readdirSync(contractsDir).filter((f) => f.endsWith('.sol')).sort()) {
    out[f] = { content: readFileSync(join(contractsDir, f), 'utf8') };
  }
  return out;
}

/** Returns { ContractName: { abi, bytecode } } for every contract in every source file. */
export function compile({ useCache = true } = {}) {
  const input = {
    language: 'Solidity',
    sources: sources(),
    settings: {
      evmVersion: EVM_VERSION,
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const key = createHash('sha256').update(solc.version()).update(JSON.stringify(input)).digest('hex').slice(0, 16);
  const cacheFile = join(tmpdir(), `oasis-eth-e2e-${key}.json`);
  if (useCache && existsSync(cacheFile)) {
    return JSON.parse(readFileSync(cacheFile, 'utf8'));
  }

  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    throw new Error('solc errors:\n' + errors.map((e) => e.formattedMessage).join('\n'));
  }
  const artifacts = {};
  for (const [file, contracts] of Object.entries(output.contracts)) {
    for (const [name, c] of Object.entries(contracts)) {
      artifacts[name] = {
        source: file,
        abi: c.abi,
        bytecode: '0x' + c.evm.bytecode.object,
        deployedBytecode: '0x' + c.evm.deployedBytecode.object,
      };
    }
  }
  // Write then rename: scenarios may compile at the same time and must never read half a file.
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(artifacts));
  renameSync(tmp, cacheFile);
  return artifacts;
}

export const solcVersion = () => solc.version();
