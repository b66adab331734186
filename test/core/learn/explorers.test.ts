import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../../src-core/contract/api';
import { findBundledDataset } from '../../../src-core/data/datasets/index';
import {
  activationWorkbench, approximationWorkbench, batchNormWorkbench, batchWorkbench, checklistWorkbench, explorers, gradientCheckWorkbench,
  initDepthWorkbench, learningRateWorkbench, optimizerWorkbench, perceptronWorkbench, regularisationWorkbench,
} from '../../../src-core/learn/index';
import { analyzeSpec } from '../../../src-core/nn/index';

describe('the Learn explorers', () => {
  it('every explorer has a short explanation', () => {
    expect(explorers.length).toBe(11);
    expect(new Set(explorers.map((e) => e.id)).size).toBe(11);
    for (const { explanation } of explorers) {
      expect(explanation.title.length).toBeGreaterThan(0);
      const sentences = explanation.text.split(/[.:;] /).length;
      expect(sentences).toBeGreaterThanOrEqual(2);
      expect(explanation.text.length).toBeLessThan(700);
    }
  });

  it('every "open in the workbench" set-up is a valid run draft on a bundled dataset whose shape fits the spec', () => {
    const setups = [
      activationWorkbench('gelu'), optimizerWorkbench(), initDepthWorkbench({ activation: 'sigmoid', init: 'small_normal', depth: 12 }),
      perceptronWorkbench('and', 'perceptron'), perceptronWorkbench('xor', 'mlp'), batchWorkbench('mini'), learningRateWorkbench(0.5),
      regularisationWorkbench('early_stopping'), batchNormWorkbench(0.3, true), approximationWorkbench(12), gradientCheckWorkbench(),
      checklistWorkbench('wrong_labels'),
    ];
    for (const setup of setups) {
      expect(requestSchemas['runs.start'].safeParse(setup).success, setup.name).toBe(true);
      const dataset = findBundledDataset(setup.datasetId);
      expect(dataset, setup.name).toBeDefined();
      expect(setup.spec.input, setup.name).toEqual(dataset!.info.inputShape);
      expect(() => analyzeSpec(setup.spec, { loss: setup.train.loss }), setup.name).not.toThrow();
    }
  });
});
