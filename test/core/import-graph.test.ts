import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build-entry';

/** src-core's files and the src-core files each imports (types included), by path from the project root. */
function importGraph(): Map<string, string[]> {
  const root = join(projectRoot, 'src-core');
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) files.push(path);
    }
  };
  walk(root);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:import|export)[^;]*?from '(\.[^']+)'/g)) {
      const target = resolve(dirname(file), match[1]!);
      const found = [`${target}.ts`, join(target, 'index.ts')].find((candidate) => known.has(candidate));
      if (found) targets.push(relative(projectRoot, found));
    }
    graph.set(relative(projectRoot, file), targets);
  }
  return graph;
}

/** One import cycle, as a list of files, or undefined when there is none. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    path.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of graph.keys()) {
    if (!state.has(file)) {
      const cycle = visit(file);
      if (cycle) return cycle;
    }
  }
  return undefined;
}

describe('src-core import graph', () => {
  const graph = importGraph();

  it('has no import cycle (nn/model.ts and the layer binding used to import each other)', () => {
    expect(findCycle(graph)?.join(" → ")).toBeUndefined();
  });

  it('keeps src-core/data below src-core/nn: nn reads data, data never nn', () => {
    const upward = [...graph].flatMap(([file, targets]) => (file.startsWith('src-core/data/') ? targets.filter((t) => t.startsWith('src-core/nn/')).map((t) => `${file} → ${t}`) : []));
    expect(upward).toEqual([]);
  });
});
