import { activationExplanation } from './activation-functions';
import { batchNormExplanation } from './batch-norm';
import { batchExplanation } from './batch-size';
import { checklistExplanation } from './debugging-checklist';
import type { Explanation } from './explainer';
import { gradientCheckExplanation } from './gradient-checking';
import { initDepthExplanation } from './init-depth';
import { learningRateExplanation } from './learning-rate';
import { optimizerExplanation } from './optimizer-paths';
import { perceptronExplanation } from './perceptron-vs-mlp';
import { regularisationExplanation } from './regularisation';
import { approximationExplanation } from './universal-approximation';

/** The Learn place's table of contents, in the textbooks' order: an id for the URL and each explorer's text. */
export const explorers: ReadonlyArray<{ id: string; explanation: Explanation }> = [
  { id: 'activations', explanation: activationExplanation },
  { id: 'optimizers', explanation: optimizerExplanation },
  { id: 'initialisation', explanation: initDepthExplanation },
  { id: 'xor', explanation: perceptronExplanation },
  { id: 'batch-size', explanation: batchExplanation },
  { id: 'learning-rate', explanation: learningRateExplanation },
  { id: 'regularisation', explanation: regularisationExplanation },
  { id: 'batch-norm', explanation: batchNormExplanation },
  { id: 'universal-approximation', explanation: approximationExplanation },
  { id: 'gradient-check', explanation: gradientCheckExplanation },
  { id: 'debugging', explanation: checklistExplanation },
];
