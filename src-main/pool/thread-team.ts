import { Worker } from 'node:worker_threads';
import { TEAM_JOB_WORDS, teamOps, type ThreadTeam } from '../../src-core/nn/kernels/thread-team';

/**
 * The core's ThreadTeam (src-core/nn/kernels/thread-team.ts) on worker_threads: size − 1 helper threads that
 * instantiate the kernel module over the model's shared WebAssembly.Memory (postMessage shares it) and wait on a
 * SharedArrayBuffer of control words with Atomics.wait. The leader (the thread that trains) writes a job's words,
 * sets the pending count, bumps the generation and notifies; each helper runs its block and decrements the pending
 * count with Atomics.sub, the last one notifying: that is the barrier. Both sides spin briefly before they sleep,
 * because a product takes tens of microseconds and waking a sleeping thread costs about as much.
 * Helpers never keep the process alive (unref) and `close` terminates them; a helper's error is written to shared
 * bytes and thrown by the leader's next join, so a run fails with it instead of hanging.
 */
export interface WorkerThreadTeam extends ThreadTeam {
  /** Ends the helpers (idempotent); the team runs no job afterwards. */
  close(): Promise<void>;
}

// The control words (Int32Array indices); a job's words are a Float64Array of their own (addresses and Adam's constants).
const GENERATION = 0;
const PENDING = 1;
const FAILED = 2;
/** A job (op word) that sends the helpers back to their event loop, to take an attach message or to stop. */
const YIELD = 0;
const ERROR_BYTES = 1024;
/** How long the leader waits for helpers to start before it gives up with an error (a worker's start takes ~50 ms). */
const START_TIMEOUT_MS = 30_000;

/**
 * The helper, plain JavaScript run with eval (no file to find in a build, a test or a packaged app). It knows
 * nothing of the kernels: the attach message names the export each op calls and how many arguments it takes.
 */
const helperSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { control, job, errorText, t, spins } = workerData;
const ctrl = new Int32Array(control);
const words = new Float64Array(job);
const text = new Uint8Array(errorText);
let exp = null, ops = null, seen = 0;
function fail(error) {
  if (Atomics.compareExchange(ctrl, ${FAILED}, 0, 1) !== 0) return;
  const bytes = new TextEncoder().encode('helper thread ' + t + ': ' + (error && error.message ? error.message : String(error)));
  text.fill(0);
  text.set(bytes.subarray(0, text.length));
}
function done() {
  if (Atomics.sub(ctrl, ${PENDING}, 1) === 1) Atomics.notify(ctrl, ${PENDING});
}
function loop() {
  for (;;) {
    let n = 0;
    while (Atomics.load(ctrl, ${GENERATION}) === seen) {
      if (++n > spins) Atomics.wait(ctrl, ${GENERATION}, seen);
    }
    seen = Atomics.load(ctrl, ${GENERATION});
    const op = words[0];
    if (op === ${YIELD}) { done(); return; }
    try {
      const { exportName, args } = ops[op];
      const a = Array.prototype.slice.call(words, 1, 1 + args);
      a.push(t);
      exp[exportName].apply(null, a);
    } catch (error) {
      fail(error);
    }
    done();
  }
}
parentPort.on('message', (m) => {
  seen = m.generation;
  try {
    exp = new WebAssembly.Instance(m.module, { env: { memory: m.memory } }).exports;
    ops = m.ops;
  } catch (error) {
    fail(error);
    done();
    return;
  }
  done();
  loop();
});
`;

/** Spins before Atomics.wait (loads of one word, ~1 ns each: tens of microseconds). */
const SPINS = 2000;

/** A team of `size` threads, the caller's own included (size 1: no helper). */
export function createThreadTeam(size: number): WorkerThreadTeam {
  if (!Number.isInteger(size) || size < 1) throw new Error(`a thread team needs a whole number of threads ≥ 1, not ${size}`);
  const control = new SharedArrayBuffer(3 * 4);
  const job = new SharedArrayBuffer(TEAM_JOB_WORDS * 8);
  const words = new Float64Array(job);
  const errorText = new SharedArrayBuffer(ERROR_BYTES);
  const ctrl = new Int32Array(control);
  const helpers: Worker[] = [];
  for (let t = 1; t < size; t++) {
    const worker = new Worker(helperSource, { eval: true, workerData: { control, job, errorText, t, spins: SPINS } });
    worker.unref();
    // A helper that dies outside a job (it cannot inside one: errors there are caught) leaves its error for join.
    worker.on('error', (error) => {
      if (Atomics.compareExchange(ctrl, FAILED, 0, 1) === 0) {
        new Uint8Array(errorText).set(new TextEncoder().encode(`helper thread ${t}: ${error.message}`).subarray(0, ERROR_BYTES));
      }
    });
    helpers.push(worker);
  }
  let attached = false;
  let closed = false;

  /** Waits until every helper has decremented PENDING; throws a helper's error. */
  const join = (timeoutMs = Infinity): void => {
    let n = 0;
    const deadline = Date.now() + timeoutMs;
    for (let pending = Atomics.load(ctrl, PENDING); pending > 0; pending = Atomics.load(ctrl, PENDING)) {
      if (++n <= SPINS) continue;
      if (Atomics.wait(ctrl, PENDING, pending, Math.min(1000, timeoutMs)) === 'timed-out' && Date.now() > deadline) {
        throw new Error(`the thread team's helpers did not answer within ${timeoutMs / 1000} s`);
      }
    }
    if (Atomics.load(ctrl, FAILED) !== 0) {
      const bytes = new Uint8Array(errorText);
      const message = new TextDecoder().decode(bytes.slice(0, bytes.indexOf(0) < 0 ? ERROR_BYTES : bytes.indexOf(0)));
      throw new Error(`a thread of the run's team failed: ${message}`);
    }
  };

  const start = (args: readonly number[]): void => {
    if (closed) throw new Error('the thread team is closed');
    for (let i = 0; i < args.length; i++) words[i] = args[i]!;
    Atomics.store(ctrl, PENDING, size - 1);
    Atomics.add(ctrl, GENERATION, 1);
    Atomics.notify(ctrl, GENERATION);
  };

  return {
    size,
    attach(memory, module) {
      if (size === 1) return;
      if (closed) throw new Error('the thread team is closed');
      if (attached) {
        start([YIELD]); // back to their event loops, where the attach message waits
        join();
      }
      Atomics.store(ctrl, PENDING, size - 1);
      const generation = Atomics.load(ctrl, GENERATION);
      for (const worker of helpers) worker.postMessage({ memory, module, generation, ops: teamOps });
      join(START_TIMEOUT_MS);
      attached = true;
    },
    start(words) {
      if (size > 1) start(words);
    },
    join() {
      if (size > 1) join();
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(helpers.map((worker) => worker.terminate()));
    },
  };
}
