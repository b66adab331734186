import { join } from 'node:path';
import type { OutputChunk, RolldownOutput } from 'rolldown';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/build-entry';

/** Bundles `entry` for the browser as the renderer's build would, and returns the one chunk. */
async function browserBundle(entry: string): Promise<OutputChunk> {
  const result = (await build({
    configFile: false,
    logLevel: 'silent',
    root: projectRoot,
    build: { write: false, minify: false, lib: { entry: join(projectRoot, entry), formats: ['es'], fileName: 'engine' } },
  })) as RolldownOutput | RolldownOutput[];
  const outputs = Array.isArray(result) ? result : [result];
  const chunks = outputs.flatMap((o) => o.output).filter((o): o is OutputChunk => o.type === 'chunk');
  expect(chunks).toHaveLength(1);
  return chunks[0]!;
}

describe('the engine in a browser', () => {
  it('src-core/nn bundles for the browser without zod and without Node', async () => {
    const chunk = await browserBundle('src-core/nn/index.ts');
    // The bundler's own helpers (virtual modules such as '\0rolldown/runtime.js', for namespace objects) are neither
    // packages nor Node: only real files count.
    const modules = chunk.moduleIds.filter((id) => !id.startsWith('\0')).map((id) => id.replace(`${projectRoot}/`, ''));
    expect(modules).toContain('src-core/nn/sequential-session.ts');
    expect(modules.filter((id) => id.includes('node_modules'))).toEqual([]);
    expect(modules.every((id) => id.startsWith('src-core/'))).toBe(true);
    // Nothing left to import at run time: no node: built-ins, no packages.
    expect(chunk.imports).toEqual([]);
    expect(chunk.code).not.toMatch(/from\s+["'](node:|zod)/);
  }, 60_000);
});
