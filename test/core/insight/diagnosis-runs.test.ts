import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import type { EpochMetrics } from '../../../src-core/contract/training';
import { diagnose, inputStats, pauseDecision } from '../../../src-core/insight/index';
import { createTrainingSession, type TrainingDiagnostics } from '../../../src-core/nn/index';
import { moonsTrainingData } from '../../support/moons-data';

/** Trains for real, keeping every epoch's metrics and diagnostics as the store would (here every epoch). */
function train(spec: ModelSpec, config: TrainConfig, seed: number) {
  const data = moonsTrainingData(300, 150, 0.15);
  const session = createTrainingSession({ spec, train: config, data, seed });
  const metrics: EpochMetrics[] = [];
  const diagnostics: TrainingDiagnostics[] = [];
  while (!session.finished) {
    metrics.push(session.runEpoch());
    diagnostics.push(session.diagnostics!()!);
  }
  return { metrics, diagnostics, inputs: inputStats(data.train.x, data.train.rows, ['x1', 'x2']) };
}

describe('diagnosis of real runs', () => {
  it('finds vanishing gradients and a learning rate too high in an 8-layer sigmoid net trained at lr 5', () => {
    const layers: ModelSpec['layers'] = [];
    for (let i = 0; i < 8; i++) layers.push({ type: 'dense', units: 16 }, { type: 'sigmoid' });
    layers.push({ type: 'dense', units: 1 }, { type: 'sigmoid' });
    const run = train({ input: [2], layers }, { loss: 'bce', optimizer: { type: 'sgd', lr: 5 }, batchSize: 16, epochs: 40 }, 3);
    const findings = diagnose(run);
    const vanishing = findings.find((f) => f.kind === 'vanishing_gradients');
    expect(vanishing?.layer).toEqual({ index: 0, type: 'dense' });
    expect(vanishing?.severity).toBe('alarm');
    expect(vanishing?.message).toMatch(/layer 0 \(dense\)/);
    const learningRate = findings.filter((f) => f.kind === 'learning_rate_too_high');
    expect(learningRate.map((f) => f.severity)).toContain('alarm');
    expect(learningRate.every((f) => /learning rate/.test(f.advice))).toBe(true);
  });

  it('finds nothing alarming in a healthy MLP on two moons', () => {
    const spec: ModelSpec = {
      input: [2],
      layers: [{ type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }],
    };
    const run = train(spec, { loss: 'bce', optimizer: { type: 'adam', lr: 0.01 }, batchSize: 32, epochs: 60 }, 3);
    expect(run.metrics.at(-1)!.valAccuracy).toBeGreaterThan(0.95);
    const findings = diagnose(run);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    for (let i = 0; i < run.metrics.length; i++) expect(pauseDecision(run.metrics[i]!, run.diagnostics[i])).toEqual({ pause: false });
  });
});
