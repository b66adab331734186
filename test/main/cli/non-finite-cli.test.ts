import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvText, nnLab, tempFolder } from './cli-harness';

let tmp: ReturnType<typeof tempFolder>;
beforeEach(() => {
  tmp = tempFolder();
});
afterEach(() => tmp.cleanup());

/** y = 2x + 1 with infinities spelt three ways scattered over the rows (training and validation alike). */
function dataWithInfinities(): string {
  const rows: Array<Array<string | number>> = [];
  for (let i = 0; i < 60; i++) {
    const x = (i / 60).toFixed(3);
    const odd = i % 10 === 7 ? '1e999' : i % 10 === 3 ? 'Infinity' : i % 10 === 5 ? `${'9'.repeat(5000)}` : x;
    rows.push([odd, (2 * Number(x) + 1).toFixed(3)]);
  }
  return csvText(['x', 'y'], rows);
}

describe('nn-lab train on data with infinite values', () => {
  it('reads them as missing and trains with finite losses in training and validation', async () => {
    tmp.write('data.csv', dataWithInfinities());
    tmp.write(
      'run.json',
      JSON.stringify({
        data: { path: 'data.csv', target: 'y', validation: 0.25 },
        model: { input: [1], layers: [{ type: 'dense', units: 1 }] },
        train: { loss: 'mse', optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 8, epochs: 3 },
      }),
    );
    const result = await nnLab(tmp.dir, 'train', '--config', 'run.json');
    expect(result.err).toBe('18 rows of data.csv left out (a missing value or target; first at line 5)\n');
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(/NaN|Infinity/);
    expect(result.out).toMatch(/val_loss \d+\.\d{4}/);
  });

  it('inspect says the infinities were read as missing', async () => {
    tmp.write('data.csv', dataWithInfinities());
    const result = await nnLab(tmp.dir, 'inspect', 'data.csv', '--json');
    const summary = JSON.parse(result.out);
    expect(summary.warnings.find((w: { code: string }) => w.code === 'non_finite')?.message).toMatch(/'x' has 18 infinite values \(such as 1e999\), read as missing/);
  });
});
