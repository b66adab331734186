import type { FloatArray } from './float-array';
import type { Kernels, Meanwhile } from './kernels/model-kernels';
import type { SharedRows } from './kernels/thread-team';

/**
 * Copies a batch's training rows, in the epoch's order, into the model's input (one block copy a row). One per
 * session, so that `next`, which the optimizer's step is given (the next batch's rows, copied while a thread team's
 * helpers start on the step), is the same object every epoch: a new closure each epoch made V8 deoptimize Adam's
 * step at the start of every epoch (a call target it had not seen) and compile it again, ~15 ms of a compiler
 * thread that a run on two threads takes from its own cores.
 *
 * Where the data set and the order lie on shared memory (the app's pool shares every data set), a thread team's
 * helper reads the next batch's rows during the batch (readAheadNext) and copies them during the step (takeRows):
 * the leader neither waits for them from memory nor copies them (docs/ARCHITECTURE.md, Threads).
 */
export class BatchInput {
  /** The start of the batch the input holds (-1: none this epoch). */
  private copied = -1;
  /** The start of the batch `next` copies. */
  private upcoming = 0;
  /** The values copy's first pass read, kept so that the compiler cannot drop those reads as unused. */
  private touched = 0;

  /** The rows on shared memory, for a team's helpers to read and copy; null where x or the order is not shared. */
  private readonly rows: SharedRows | null;

  /** The batch after the one taken last, for the optimizer's step: copied by `run`, or by a team's helper. */
  readonly next: Meanwhile = {
    run: () => this.copy(this.upcoming),
    takeRows: () => {
      if (!this.rows) return null;
      this.copied = this.upcoming;
      return { rows: this.rows, first: this.upcoming, count: this.countAt(this.upcoming), into: this.input };
    },
  };

  constructor(
    private readonly input: FloatArray,
    private readonly x: FloatArray,
    private readonly order: Int32Array,
    private readonly inSize: number,
    private readonly batchSize: number,
    private readonly kernels: Pick<Kernels, 'readAhead'> | null = null,
  ) {
    const shared = typeof SharedArrayBuffer === 'function' && x instanceof Float32Array && x.buffer instanceof SharedArrayBuffer && order.buffer instanceof SharedArrayBuffer;
    this.rows = shared && kernels?.readAhead ? { x: x as Float32Array, order, length: inSize } : null;
  }

  /**
   * Has a team's helpers read the next batch's rows into their caches now, while the leader works on this batch
   * (its loss and backward pass), so that the copy finds them there instead of in memory. No value changes.
   */
  readAheadNext(): void {
    if (this.rows && this.upcoming < this.order.length) this.kernels!.readAhead!(this.rows, this.upcoming, this.countAt(this.upcoming));
  }

  private countAt(start: number): number {
    return Math.min(this.batchSize, this.order.length - start);
  }

  /** A new epoch: the order has changed, so no batch is copied yet. */
  restart(): void {
    this.copied = -1;
  }

  /** Makes the input hold the n rows from `start` (copied unless `next` did it), and the next batch `next`'s. */
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
    const n = this.countAt(start);
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
