#!/usr/bin/env node
// The `nn-lab` command. It runs the built CLI (out/main/cli.js), which `npm install` builds.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(`nn-lab: the CLI is not built yet (${cli} is missing). Run 'npm run build' in the project folder.\n`);
  process.exit(1);
}
await import(pathToFileURL(cli).href);
