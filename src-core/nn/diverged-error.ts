/**
 * Training stopped because the loss or a gradient became NaN or infinite. The weights of the session
 * are the last finite ones (the step that would have used the bad gradient was not taken).
 */
export class DivergedError extends Error {
  readonly epoch: number; // 1-based
  readonly batch: number; // 1-based within the epoch
  /** The layer where the first non-finite value was found, when one could be named. */
  readonly layerIndex: number | undefined;

  constructor(message: string, where: { epoch: number; batch: number; layerIndex?: number }) {
    super(message);
    this.name = 'DivergedError';
    this.epoch = where.epoch;
    this.batch = where.batch;
    this.layerIndex = where.layerIndex;
  }
}
