/**
 * The settings form's words for what the engine names in code: the element id of each field (the first four kept
 * from the old form, which tests and muscle memory know) and the label of each choice.
 */

const legacyIds: Record<string, string> = { 'optimizer.type': 'optimizer', 'optimizer.lr': 'learning-rate', epochs: 'epochs', batchSize: 'batch-size' };

/** `earlyStopping.minDelta` → `early-stopping-min-delta`. */
export function fieldId(path: string): string {
  return legacyIds[path] ?? path.replace(/[._]/g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const choiceLabels: Record<string, string> = {
  mse: 'Mean squared error (MSE)',
  mae: 'Mean absolute error (MAE)',
  huber: 'Huber',
  bce: 'Binary cross entropy',
  cross_entropy: 'Cross entropy',
  sgd: 'SGD',
  adam: 'Adam',
  adamw: 'AdamW',
  rmsprop: 'RMSprop',
  adagrad: 'Adagrad',
  none: 'None: a fixed rate',
  step: 'Step',
  exponential: 'Exponential',
  cosine: 'Cosine',
  reduce_on_plateau: 'Reduce on plateau',
  warmup: 'Linear warm-up',
  val_loss: 'Validation loss',
  loss: 'Training loss',
  val_accuracy: 'Validation accuracy',
  accuracy: 'Training accuracy',
  auto: 'Auto: by the next activation',
  zeros: 'Zeros',
  small_normal: 'Small normal (std 0.01)',
  uniform: 'Uniform (PyTorch’s default)',
  xavier_normal: 'Xavier (Glorot) normal',
  xavier_uniform: 'Xavier (Glorot) uniform',
  he_normal: 'He (Kaiming) normal',
  he_uniform: 'He (Kaiming) uniform',
  lecun_normal: 'LeCun normal',
};

export function choiceLabel(value: string): string {
  return choiceLabels[value] ?? value;
}
