/** The training settings form: raw text from the fields, checked before Train is enabled. */
export interface TrainFormFields {
  epochs: string;
  learningRate: string;
  batchSize: string;
  optimizer: OptimizerChoice;
}

export const optimizerChoices = ['adam', 'sgd'] as const;
export type OptimizerChoice = (typeof optimizerChoices)[number];

export interface TrainFormValues {
  epochs: number;
  learningRate: number;
  batchSize: number;
  optimizer: OptimizerChoice;
}

export type TrainFormField = 'epochs' | 'learningRate' | 'batchSize';
export type TrainFormErrors = Partial<Record<TrainFormField, string>>;

export const limits = {
  epochs: { min: 1, max: 100_000 },
  batchSize: { min: 1, max: 65_536 },
  learningRate: { max: 10 },
} as const;

export const messages: Record<TrainFormField, string> = {
  epochs: `Epochs must be a whole number from ${limits.epochs.min} to ${limits.epochs.max}`,
  batchSize: `Batch size must be a whole number from ${limits.batchSize.min} to ${limits.batchSize.max}`,
  learningRate: `Learning rate must be a number above 0 and at most ${limits.learningRate.max}, e.g. 0.01 or 1e-3`,
};

/** The form's values when every field is valid, and a message for each field that is not. */
export function validateTrainForm(fields: TrainFormFields): { values?: TrainFormValues; errors: TrainFormErrors } {
  const errors: TrainFormErrors = {};
  const epochs = parseWhole(fields.epochs, limits.epochs.min, limits.epochs.max);
  if (epochs === undefined) errors.epochs = messages.epochs;
  const batchSize = parseWhole(fields.batchSize, limits.batchSize.min, limits.batchSize.max);
  if (batchSize === undefined) errors.batchSize = messages.batchSize;
  const learningRate = parseRate(fields.learningRate);
  if (learningRate === undefined) errors.learningRate = messages.learningRate;
  if (epochs === undefined || batchSize === undefined || learningRate === undefined) return { errors };
  return { values: { epochs, batchSize, learningRate, optimizer: fields.optimizer }, errors };
}

function parseWhole(text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : undefined;
}

function parseRate(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value > 0 && value <= limits.learningRate.max ? value : undefined;
}
