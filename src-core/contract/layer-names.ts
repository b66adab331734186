/**
 * The names a model spec's layers may carry, as plain constants: the engine reads them at run time, and
 * it must not pull in the spec's zod schemas for that (the engine also runs in the renderer's workers).
 */

export const initializerNames = [
  'auto',
  'zeros',
  'small_normal',
  'uniform',
  'xavier_normal',
  'xavier_uniform',
  'he_normal',
  'he_uniform',
  'lecun_normal',
] as const;
export type InitializerName = (typeof initializerNames)[number];

export const activationNames = [
  'relu',
  'leaky_relu',
  'elu',
  'sigmoid',
  'tanh',
  'swish',
  'gelu',
  'softmax',
  'linear',
] as const;
export type ActivationName = (typeof activationNames)[number];
