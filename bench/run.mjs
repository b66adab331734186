#!/usr/bin/env node
// Launches the TypeScript harness (bench/run.ts) under tsx, passing every argument on:
// `npm run bench -- --quick` works with the current package.json script; `tsx bench/run.ts` is the same run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const harness = fileURLToPath(new URL('./run.ts', import.meta.url));
const result = spawnSync(process.execPath, ['--import', 'tsx', harness, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
