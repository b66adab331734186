import type { OptimizerConfig, TrainConfig } from '../../../src-core/contract/run-config';
import { optimizerChoices, type OptimizerChoice, type TrainFormValues } from './train-form';

/** The form's optimizer for a draft's: its own type when the form offers it, else the form's current choice. */
export function optimizerChoiceOf(optimizer: OptimizerConfig, current: OptimizerChoice): OptimizerChoice {
  return (optimizerChoices as readonly string[]).includes(optimizer.type) ? (optimizer.type as OptimizerChoice) : current;
}

/**
 * A duplicated run's training settings with the form's edits: epochs, batch size and learning rate replaced;
 * the optimizer keeps its other settings (momentum, betas…) unless the user picked another type. Everything the
 * form does not show (seed, schedule, early stopping, loss) stays as it was.
 */
export function draftTrainConfig(base: TrainConfig, values: TrainFormValues): TrainConfig {
  const sameType = base.optimizer.type === values.optimizer || !(optimizerChoices as readonly string[]).includes(base.optimizer.type);
  const optimizer: OptimizerConfig = sameType
    ? { ...base.optimizer, lr: values.learningRate }
    : { type: values.optimizer, lr: values.learningRate };
  return { ...base, optimizer, epochs: values.epochs, batchSize: values.batchSize };
}

/** `train` with the form's "Pause when it goes bad" (on is the default, so the field is left out). */
export function withAutoPause(train: TrainConfig, on: boolean): TrainConfig {
  const { autoPause: _old, ...rest } = train;
  return on ? rest : { ...rest, autoPause: false };
}
