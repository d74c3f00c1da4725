// Scenario: solc-js compiles the three test contracts (ERC-20, event emitter with custom errors, CREATE2 factory).
import { compile, solcVersion, EVM_VERSION } from '../lib/compile.mjs';
import { check, run } from '../lib/common.mjs';

run('compile', async () => {
  const a = compile({ useCache: false });
  console.log(`solc ${solcVersion()}, evmVersion ${EVM_VERSION}`);
  for (const name of ['Token', 'Emitter', 'Factory', 'Child']) {
    check(a[name] && a[name].bytecode.length > 100, `${name} has creation bytecode`);
    check(Array.isArray(a[name].abi) && a[name].abi.length > 0, `${name} has an ABI`);
  }
  check(a.Emitter.abi.some((x) => x.type === 'error' && x.name === 'Unauthorized'), 'Emitter ABI declares the custom error');
});
