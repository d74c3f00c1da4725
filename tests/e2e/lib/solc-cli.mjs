#!/usr/bin/env node
// A `solc` command line over solc-js (the pinned npm `solc` package), for tools that run a native compiler binary
// (forge's `--use PATH`): `--version` and `--standard-json` (input on stdin, output on stdout) are what they call.
// Sources arrive with their content in the standard JSON, so no import callback is needed (other flags, such as
// --base-path or --allow-paths, are accepted and ignored). Nothing is downloaded.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const solc = require('solc');
const args = process.argv.slice(2);

if (args.includes('--version')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
} else if (args.includes('--standard-json')) {
  const input = readFileSync(0, 'utf8');
  process.stdout.write(solc.compile(input));
} else {
  process.stderr.write(`solc-cli.mjs: only --version and --standard-json are supported (got: ${args.join(' ')})\n`);
  process.exit(2);
}
