/** A dense row-major array with its shape, the form every insight grid and image is handed to a view in. */
export interface Tensor {
  shape: number[];
  data: Float32Array;
}

/** The forward pass insight needs: a Predictor, or a training session between epochs. */
export interface Forward {
  /** (rows, outputWidth) outputs in eval mode. */
  predict(x: Float32Array, rows: number): Float32Array;
}

/** A Forward that also hands out intermediate outputs (Predictor.activations). */
export interface ActivationSource extends Forward {
  activations(x: Float32Array, rows: number, layers: readonly number[]): Float32Array[];
}
