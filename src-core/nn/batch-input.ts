import type { FloatArray } from './float-array';

/**
 * Copies a batch's training rows, in the epoch's order, into the model's input (one block copy a row). One per
 * session, so that `copyNext`, which the optimizer's step calls meanwhile (the next batch's rows, while a thread
 * team's helpers start on the step), is the same function every epoch: a new closure each epoch made V8 deoptimize
 * Adam's step at the start of every epoch (a call target it had not seen) and compile it again, ~15 ms of a
 * compiler thread that a run on two threads takes from its own cores.
 */
export class BatchInput {
  /** The start of the batch the input holds (-1: none this epoch). */
  private copied = -1;
  /** The start of the batch copyNext copies. */
  private upcoming = 0;
  /** The values copy's first pass read, kept so that the compiler cannot drop those reads as unused. */
  private touched = 0;

  /** Copies the batch after the one taken last. */
  readonly copyNext = (): void => this.copy(this.upcoming);

  constructor(
    private readonly input: FloatArray,
    private readonly x: FloatArray,
    private readonly order: Int32Array,
    private readonly inSize: number,
    private readonly batchSize: number,
  ) {}

  /** A new epoch: the order has changed, so no batch is copied yet. */
  restart(): void {
    this.copied = -1;
  }

  /** Makes the input hold the n rows from `start` (copied unless copyNext did it), and the next batch copyNext's. */
  take(start: number, n: number): void {
    if (this.copied !== start) this.copy(start);
    this.upcoming = start + n;
  }

  /**
   * First reads each row's first and last value (its page or two, and their first lines), then copies the rows.
   * The reads are independent, so the CPU has the batch's scattered rows on their way from memory all at once,
   * where a row's block copy alone waits for its own first miss and address translation before the next row's
   * begins: W1's 64 rows of 784 values, shuffled over 188 MB, 64–70 → 48–52 µs a batch (a probe timing each call of the
   * third epoch, one thread; docs/ARCHITECTURE.md). The copy is the same either way.
   */
  private copy(start: number): void {
    const { input, x, order, inSize } = this;
    const n = Math.min(this.batchSize, order.length - start);
    let touched = 0;
    for (let i = 0; i < n; i++) {
      const src = order[start + i]! * inSize;
      touched += x[src]! + x[src + inSize - 1]!;
    }
    this.touched = touched;
    for (let i = 0; i < n; i++) {
      const src = order[start + i]! * inSize;
      input.set(x.subarray(src, src + inSize), i * inSize); // a block copy, well worth the small view
    }
    this.copied = start;
  }
}
