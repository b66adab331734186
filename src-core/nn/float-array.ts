/**
 * The engine's buffer types. Training runs in Float32Array; the gradient check builds the same model
 * over Float64Array, because a numerical Jacobian in float32 is too noisy to catch a wrong term.
 */
export type FloatArray = Float32Array | Float64Array;
export type FloatArrayConstructor = Float32ArrayConstructor | Float64ArrayConstructor;
