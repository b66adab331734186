import { describe, expect, it } from 'vitest';
import { GateRace, gates, perceptronWorkbench, runGateRace } from '../../../src-core/learn/index';

describe('perceptron vs MLP on the logic gates (core sessions)', () => {
  it('XOR: the perceptron ends below 100 %, the 2-4-1 MLP at 100 %; the boundaries show it', () => {
    const result = runGateRace('xor', 50);
    expect(result.perceptronAccuracy.length).toBe(50);
    expect(result.perceptronAccuracy.at(-1)!).toBeLessThan(1);
    expect(Math.max(...result.perceptronAccuracy)).toBeLessThanOrEqual(0.8);
    expect(result.mlpAccuracy.at(-1)).toBe(1);
    // the MLP's boundary puts the (0,1) corner in class 1 and (0,0) in class 0: grid 40 over [-0.5, 1.5]
    const cls = (grid: typeof result.boundaries.mlp, a: number, b: number) => grid.classes.data[Math.floor((b + 0.5) * 20) * 40 + Math.floor((a + 0.5) * 20)];
    expect([cls(result.boundaries.mlp, 0, 0), cls(result.boundaries.mlp, 0, 1), cls(result.boundaries.mlp, 1, 0), cls(result.boundaries.mlp, 1, 1)]).toEqual([0, 1, 1, 0]);
    const p = result.boundaries.perceptron;
    expect([cls(p, 0, 0), cls(p, 0, 1), cls(p, 1, 0), cls(p, 1, 1)]).not.toEqual([0, 1, 1, 0]);
  });

  it('AND and OR: the perceptron reaches 100 % too', () => {
    for (const gate of ['and', 'or'] as const) {
      const result = runGateRace(gate, 30);
      expect(result.perceptronAccuracy.at(-1), gate).toBe(1);
      expect(result.mlpAccuracy.at(-1), gate).toBe(1);
    }
  });

  it('steps live, one epoch of both at a time, and opens either learner in the workbench', () => {
    const race = new GateRace('xor');
    const first = race.step();
    expect(first.perceptron.epoch).toBe(1);
    expect(first.mlp.epoch).toBe(1);
    expect(race.history.length).toBe(1);
    for (const gate of gates) expect(perceptronWorkbench(gate, 'mlp').datasetId).toBe(gate);
    expect(perceptronWorkbench('xor', 'perceptron').spec.kind).toBe('perceptron');
  });
});
