// Scenario: the node's state equals what EXPECTED.json recorded (written by anvil-dump.mjs file mode): balances,
// nonces, code and the watched slots of every account in it. Usage: check-state.mjs EXPECTED.json
import { readFileSync } from 'node:fs';
import { equal, provider, run } from '../lib/common.mjs';

run('check-state', async () => {
  const expected = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const p = provider();
  for (const [a, e] of Object.entries(expected)) {
    equal((await p.getBalance(a)).toString(), e.balance, `${a}: balance`);
    equal(await p.getTransactionCount(a), e.nonce, `${a}: nonce`);
    equal(await p.getCode(a), e.code, `${a}: code`);
    for (const [s, v] of Object.entries(e.storage)) equal(await p.getStorage(a, BigInt(s)), v, `${a}: slot ${s}`);
  }
});
