import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src-main/cli/run-cli';

/** Runs `nn-lab ...args` in-process with a captured io, in `cwd`. */
export async function nnLab(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

/** A fresh temporary folder; `cleanup` removes it. */
export function tempFolder(): { dir: string; write: (name: string, text: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'nn-lab-cli-'));
  return {
    dir,
    write: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A CSV text from a header and rows. */
export function csvText(header: string[], rows: Array<Array<string | number>>): string {
  return `${[header.join(','), ...rows.map((r) => r.join(','))].join('\n')}\n`;
}
