import { describe, expect, it } from 'vitest';
import { confirmWinnerPlan, confirmWinnerReport } from '../../../src-core/compare/confirm-winner';
import { freshSeeds, pairedAB, repeatWithSeeds } from '../../../src-core/compare/seed-plans';
import { configKey } from '../../../src-core/compare/seed-groups';
import { verifyRepeats, verifyRuns } from '../../../src-core/compare/verify-runs';
import { epochs, makeRun, train } from './run-fixtures';

const draft = { name: 'adam', datasetId: 'two-moons', spec: { input: [2] }, train: { ...train, seed: 7 } };

describe('seed plans', () => {
  it('draws distinct, deterministic 32-bit seeds that skip the ones already used', () => {
    const seeds = freshSeeds(50, 7);
    expect(new Set(seeds).size).toBe(50);
    expect(seeds.every((s) => Number.isInteger(s) && s >= 0 && s <= 2 ** 32 - 1)).toBe(true);
    expect(freshSeeds(50, 7)).toEqual(seeds);
    expect(freshSeeds(3, 8)).not.toEqual(seeds.slice(0, 3));
    expect(freshSeeds(3, 7, [seeds[0]!])).toEqual(seeds.slice(1, 4));
  });

  it('"Repeat with N seeds": N copies that differ from the original and from each other only by seed', () => {
    const copies = repeatWithSeeds(draft, 4);
    expect(copies).toHaveLength(4);
    expect(new Set(copies.map((c) => c.train.seed)).size).toBe(4);
    expect(copies.map((c) => c.train.seed)).not.toContain(7);
    for (const c of copies) {
      expect({ ...c, name: draft.name, train: { ...c.train, seed: 7 } }).toEqual(draft);
      expect(c.name).toBe(`adam · seed ${c.train.seed}`);
    }
    expect(draft.train.seed).toBe(7); // the original is left alone
  });

  it('paired A/B gives both arms the same seeds in the same order', () => {
    const b = { ...draft, name: 'sgd', train: { ...train, seed: 7, optimizer: { type: 'sgd' as const, lr: 0.1 } } };
    const plan = pairedAB(draft, b, 5, [1, 2]);
    expect(plan.a.map((c) => c.train.seed)).toEqual(plan.seeds);
    expect(plan.b.map((c) => c.train.seed)).toEqual(plan.seeds);
    expect(plan.b[0]!.train.optimizer.type).toBe('sgd');
  });
});

describe('confirm the winner', () => {
  const point = (lr: number, seed: number, acc: number) =>
    makeRun({ id: `lr${lr}-${seed}`, name: `lr ${lr}`, seed, train: { ...train, optimizer: { type: 'adam', lr } }, metrics: epochs([1], { valAccuracy: [acc] }) });
  const sweep = [point(0.1, 1, 0.8), point(0.01, 1, 0.93), point(0.001, 1, 0.91), point(0.03, 1, 0.9)];

  it('plans the best k points on fresh seeds none of the sweep used', () => {
    const plan = confirmWinnerPlan(sweep, 'valAccuracy', { k: 2, seeds: 3 });
    expect(plan.map((p) => [p.label, p.sweepScore])).toEqual([
      ['lr=0.01', 93],
      ['lr=0.001', 91],
    ]);
    expect(plan[0]!.seeds).toHaveLength(3);
    expect(plan[0]!.seeds).not.toContain(1);
    expect(plan[0]!.template.id).toBe('lr0.01-1');
  });

  it('reports how much the lucky winner drops and whether it is still the best', () => {
    const plan = confirmWinnerPlan(sweep, 'valAccuracy', { k: 2, seeds: 3 });
    const reruns = [
      ...[0.9, 0.89, 0.91].map((acc, i) => point(0.01, plan[0]!.seeds[i]!, acc)),
      ...[0.905, 0.91, 0.915].map((acc, i) => point(0.001, plan[1]!.seeds[i]!, acc)),
    ];
    const report = confirmWinnerReport(plan, reruns, 'valAccuracy');
    expect(report.points[0]).toMatchObject({ label: 'lr=0.01', n: 3, rerunMean: expect.closeTo(90, 9), rerunStd: expect.closeTo(1, 9), drop: expect.closeTo(3, 9) });
    expect(report.sweepWinner).toBe(configKey(sweep[1]!));
    expect(report.confirmedWinner).toBe(configKey(sweep[2]!));
    expect(report.sentence).toBe(
      "The sweep's best point, lr=0.01, scored 93 on validation accuracy; on 3 fresh seeds it scores 90 ± 1, a drop of 3 points. The best on fresh seeds is lr=0.001 (91).",
    );
  });
});

describe('verify', () => {
  const run = (id: string, loss: number[], seconds = [1, 1, 1]) => makeRun({ id, name: id, metrics: epochs(loss, { seconds }) });

  it('calls runs identical when every metric has the same bits, whatever the wall-clock time', () => {
    const v = verifyRuns(run('a', [0.5, 0.4, NaN]), run('b', [0.5, 0.4, NaN], [2, 3, 4]));
    expect(v).toMatchObject({ identical: true, epochs: 3, firstDifference: null });
    expect(v.sentence).toBe('Bit-identical: all 3 epochs of a and b have the same metrics (wall-clock time aside).');
  });

  it('names the first epoch and field that differ, down to the last bit', () => {
    const v = verifyRuns(run('a', [0.5, 0.4, 0.3]), run('b', [0.5, 0.4 + 2 ** -54, 0.3]));
    expect(v.firstDifference).toEqual({ epoch: 2, field: 'loss', a: 0.4, b: 0.4 + 2 ** -54 });
    expect(v.sentence).toMatch(/^Not identical: at epoch 2, loss is 0\.4 in a and 0\.4000000000000001 in b\.$/);
    expect(verifyRuns(run('a', [0.5, 0.4]), run('b', [0.5, 0.4, 0.3])).sentence).toBe('Not identical: a has 2 epochs and b has 3.');
  });

  it('verifies each run against the first with the same config and seed, and no others', () => {
    const seeded = (id: string, seed: number, loss: number[], lr = 0.01) => makeRun({ id, name: id, seed, train: { ...train, optimizer: { type: 'adam', lr } }, metrics: epochs(loss) });
    const checks = verifyRepeats([
      seeded('a', 1, [0.5, 0.4]),
      seeded('b', 2, [0.6, 0.5]),
      seeded('a2', 1, [0.5, 0.4]),
      seeded('other-lr', 1, [0.5, 0.4], 0.1),
      seeded('a3', 1, [0.5, 0.41]),
    ]);
    expect(checks.map((c) => [c.a, c.b, c.identical])).toEqual([
      ['a', 'a2', true],
      ['a', 'a3', false],
    ]);
  });
});
