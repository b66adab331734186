import { Worker } from 'node:worker_threads';
import { TEAM_JOB_WORDS, teamOps, type RowsCopy, type SharedRows, type ThreadTeam } from '../../src-core/nn/kernels/thread-team';

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
  /** The most members it can use: its helpers and the leader. */
  readonly maxSize: number;
  /**
   * Uses the first n members from the next job on (1 ≤ n ≤ maxSize); the others sleep, woken by nothing. The
   * results do not change.
   */
  resize(n: number): void;
  /**
   * Takes its size from cell[0] (clamped to 1 .. maxSize) at every job from now on, or again from resize (null):
   * the training pool writes the cell to lend a run's helpers to another run and to give them back.
   */
  follow(cell: Int32Array | null): void;
  /**
   * The threads a run trained on, since the last call (which resets it): the size most of its products saw, or 1
   * if no product was large enough to split. Most, not the largest: a run that shared the pool for most of its life
   * and trained alone for its last epochs says 1.
   */
  takeThreadsUsed(): number;
  /**
   * Starts every helper now (and hands it the attached memory) and returns when they run, instead of at the first
   * product that needs it (~50 ms a thread): for a caller that times its products from the first, as the benchmark does.
   */
  warm(): void;
  readonly copiesRows: true;
  readAhead(rows: SharedRows, first: number, count: number, size: number): void;
  /** Lets go of the rows the helpers hold (a data set's memory), as a run ends; the next readAhead or copy shares anew. */
  dropRows(): void;
  /** Ends the helpers (idempotent); the team runs no job afterwards. */
  close(): Promise<void>;
}

// The control words (Int32Array indices): the barrier's count, the failure flag, then each helper's own generation
// (so a job wakes only the members in use), then each helper's claim on the job (0 open, 1 the helper's, 2 taken by
// the leader). A job's words are a Float64Array of their own (addresses, Adam's constants).
const PENDING = 0;
const FAILED = 1;
/** readAhead's rows: the first row's index in the order and how many (helpers split them). */
const AHEAD_START = 2;
const AHEAD_COUNT = 3;
/** readAhead's members: its rows go to helpers 1 .. members − 1. */
const AHEAD_MEMBERS = 4;
/** A job's rows for helper 1 to copy into the memory before its block (start's copy): count (0: none), first, byte address. */
const COPY_COUNT = 5;
const COPY_FIRST = 6;
const COPY_AT = 7;
const GENERATIONS = 8;
/** A job (op word) that sends the helpers back to their event loop, to take an attach message or to stop. */
const YIELD = 0;
/** A job (op word) that has the helpers read rows ahead of the leader (readAhead): no barrier, nothing to claim. */
const READ_AHEAD = -1;
/**
 * A helper's claim word meaning "nothing to claim" (a read-ahead, a yield): a helper that read an earlier job's op
 * cannot claim these as that job, and a job's words are never run half written.
 */
const NO_CLAIM = 3;
const ERROR_BYTES = 1024;
/** How long the leader waits for helpers to start before it gives up with an error (a worker's start takes ~50 ms). */
const START_TIMEOUT_MS = 30_000;

/**
 * The helper, plain JavaScript run with eval (no file to find in a build, a test or a packaged app). It knows
 * nothing of the kernels: the attach message names the export each op calls and how many arguments it takes.
 */
const helperSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { control, job, errorText, t, spinMs } = workerData;
const ctrl = new Int32Array(control);
const GENERATION = ${GENERATIONS - 1} + t;
const CLAIM = GENERATION + workerData.helpersMax;
const words = new Float64Array(job);
const text = new Uint8Array(errorText);
let calls = null, seen = 0, rows = null, sink = 0, memory = null;
function fail(error) {
  if (Atomics.compareExchange(ctrl, ${FAILED}, 0, 1) !== 0) return;
  const bytes = new TextEncoder().encode('helper thread ' + t + ': ' + (error && error.message ? error.message : String(error)));
  text.fill(0);
  text.set(bytes.subarray(0, text.length));
}
function done() {
  if (Atomics.sub(ctrl, ${PENDING}, 1) === 1) Atomics.notify(ctrl, ${PENDING});
}
// Each op's call, made once at attach: the export with the job's words as arguments and t last. No array a job, one
// call site per op: small functions that V8 optimizes once, not a loop it recompiles for each new export it calls.
function callsOf(exports, ops) {
  const list = [];
  for (const op of Object.keys(ops)) {
    const { exportName, args } = ops[op];
    const words = Array.from({ length: args }, (_, i) => 'w[' + (i + 1) + ']').join(', ');
    list[Number(op)] = new Function('f', 't', 'return (w) => f(' + words + ', t);')(exports[exportName], t);
  }
  return list;
}
// Returns when the leader starts a job for this helper: spins for \`spin\` ms (checking the clock every 256 loads), then
// sleeps, since the next product usually comes sooner. The clock is read at once and the first wait after an attach
// spins 0 ms, so that V8, which optimizes this loop early, has seen both calls: one it had never seen made it
// deoptimize and compile the loop again, four times a cold epoch.
function awaitJob(spin) {
  let n = 0, until = 0;
  while (Atomics.load(ctrl, GENERATION) === seen) {
    if ((n++ & 255) !== 0) continue;
    const now = performance.now();
    if (until === 0) until = now + spin;
    else if (now > until) Atomics.wait(ctrl, GENERATION, seen);
  }
  seen = Atomics.load(ctrl, GENERATION);
}
// Runs the job unless the leader has taken it (then the leader counts it done).
function runJob() {
  if (Atomics.compareExchange(ctrl, CLAIM, 0, 1) !== 0) return;
  try {
    if (t === 1 && Atomics.load(ctrl, ${COPY_COUNT}) > 0) copyRows();
    calls[words[0]](words);
  } catch (error) {
    fail(error);
  }
  done();
}
// Reads this helper's share of the rows order[start .. start + count) of the shared rows, a load every 64-byte line,
// so that they are in this core's caches (and their pages in its TLB's walk caches) when the leader copies them.
function readAhead() {
  const start = Atomics.load(ctrl, ${AHEAD_START}), count = Math.min(Atomics.load(ctrl, ${AHEAD_COUNT}), 4096);
  if (rows === null || !(count > 0)) return;
  const { x, order, length } = rows;
  const helpers = Math.max(1, Atomics.load(ctrl, ${AHEAD_MEMBERS}) - 1), mine = t - 1;
  if (mine >= helpers) return;
  const end = Math.min(order.length, start + Math.floor(count * (mine + 1) / helpers));
  let s = 0;
  for (let i = start + Math.floor(count * mine / helpers); i < end; i++) {
    const at = order[i] * length;
    if (!(at >= 0 && at + length <= x.length)) continue;
    for (let p = at, last = at + length - 1; p < last; p += 16) s += x[p];
    s += x[at + length - 1];
  }
  sink = s;
}
// Copies rows order[first .. first + count) of the shared rows into the memory from the job's byte address, one
// after another (start's copy: the leader shared these rows before it started the job).
function copyRows() {
  const count = Atomics.load(ctrl, ${COPY_COUNT}), first = Atomics.load(ctrl, ${COPY_FIRST}), at = Atomics.load(ctrl, ${COPY_AT});
  if (rows === null || memory === null) throw new Error('no rows to copy: the team has none shared');
  const { x, order, length } = rows;
  const into = new Float32Array(memory.buffer, at, count * length);
  for (let i = 0; i < count; i++) {
    const src = order[first + i] * length;
    into.set(x.subarray(src, src + length), i * length);
  }
}
function loop() {
  for (let spin = 0; ; spin = spinMs) {
    awaitJob(spin);
    const op = words[0];
    if (op === ${YIELD}) { done(); return; }
    if (op === ${READ_AHEAD}) readAhead();
    else runJob();
  }
}
// Started by warm(): say so at once, so that warm returns with every helper running (the leader waits on PENDING).
if (workerData.announce) done();
parentPort.on('message', (m) => {
  seen = m.generation;
  if (m.rows !== undefined) rows = m.rows;
  if (m.memory) memory = m.memory;
  if (m.module) {
    try {
      calls = callsOf(new WebAssembly.Instance(m.module, { env: { memory: m.memory } }).exports, m.ops);
    } catch (error) {
      fail(error);
      done();
      return;
    }
  }
  done();
  loop();
});
`;

/**
 * How long a helper spins for the next job before it sleeps, ms. Waking a sleeping thread took 80–120 µs here (a
 * 64 × 784 × 128 product: 254 µs on one thread, 278 µs on two with the helper asleep, 140 µs with it spinning), and
 * the products worth splitting come a batch's other work apart (W1: ~0.3–0.9 ms), so a shorter spin (50 µs) slept
 * through nearly all of them and two threads ran W1 no faster than one on a quiet machine (1-epoch medians 0.92 s
 * vs 1.01 s; with 2 ms: 0.94 s vs 0.80 s, W2 0.74 s vs 0.50 s). The price: on a machine busier than its cores a
 * spinning helper takes time its leader needs; the pool only lends threads that are idle, as OpenMP's active wait does.
 */
const SPIN_MS = 2;
/**
 * How long the leader spins on the barrier before it sleeps, ms. Its helpers usually finish a few µs after it, and
 * waking the leader costs ~100 µs: with 2 000 loads (~2 µs) it slept through most of W1's 64 × 128 × 64 products,
 * whose blocks take ~10 µs. Not the helpers' 2 ms: on a machine busier than its cores, a leader that spins holds the
 * core its late helper needs.
 */
const LEADER_SPIN_MS = 0.1;

/** A team of up to `maxSize` threads, the caller's own included (1: no helper), all in use at first. */
export function createThreadTeam(maxSize: number): WorkerThreadTeam {
  if (!Number.isInteger(maxSize) || maxSize < 1) throw new Error(`a thread team needs a whole number of threads ≥ 1, not ${maxSize}`);
  let size = maxSize;
  let sizeCell: Int32Array | null = null;
  let mostUsed = 1;
  /** How many products saw each size (index: the size). */
  const seen = new Array<number>(maxSize + 1).fill(0);
  const control = new SharedArrayBuffer((GENERATIONS + 2 * (maxSize - 1)) * 4);
  const claim = (t: number): number => GENERATIONS + maxSize - 1 + t - 1;
  const job = new SharedArrayBuffer(TEAM_JOB_WORDS * 8);
  const words = new Float64Array(job);
  const errorText = new SharedArrayBuffer(ERROR_BYTES);
  const ctrl = new Int32Array(control);
  /** Helper t is helpers[t − 1]; started when a job first needs it (an idle thread costs ~10 MB). */
  const helpers: Worker[] = [];
  /** The memory and module the helpers run over (the last attach), for helpers started later. */
  let attachedTo: { memory: object; module: object } | null = null;
  /** The rows the helpers hold (readAhead, start's copy), for helpers started later too. */
  let sharedRows: SharedRows | null = null;
  let closed = false;

  /** Waits until every helper has decremented PENDING; throws a helper's error. */
  const join = (timeoutMs = Infinity): void => {
    let n = 0;
    let until = 0;
    const deadline = Date.now() + timeoutMs;
    for (let pending = Atomics.load(ctrl, PENDING); pending > 0; pending = Atomics.load(ctrl, PENDING)) {
      // Spin for LEADER_SPIN_MS (checking the clock every 64 loads), then sleep.
      if ((++n & 63) !== 0) continue;
      const now = performance.now();
      if (until === 0) until = now + LEADER_SPIN_MS;
      if (now <= until) continue;
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

  /** Hands the memory and module to helpers[from ..] and waits until they have instantiated the module. */
  const attachHelpers = (from: number): void => {
    Atomics.store(ctrl, PENDING, helpers.length - from);
    for (let i = from; i < helpers.length; i++) {
      helpers[i]!.postMessage({ ...attachedTo, generation: Atomics.load(ctrl, GENERATIONS + i), ops: teamOps, rows: sharedRows });
    }
    join(START_TIMEOUT_MS);
  };

  /**
   * Starts helpers up to helper members − 1, over the attached memory. With `wait` (warm) it returns once they run
   * even without memory to attach, so that their start (~50 ms a thread) is not paid by the first job.
   */
  const startHelpers = (members: number, wait = false): void => {
    const from = helpers.length;
    const announce = wait && !attachedTo;
    if (announce) Atomics.store(ctrl, PENDING, members - 1 - from);
    for (let t = from + 1; t < members; t++) {
      const worker = new Worker(helperSource, { eval: true, workerData: { control, job, errorText, t, spinMs: SPIN_MS, helpersMax: maxSize - 1, announce } });
      worker.unref();
      // A helper that dies outside a job (it cannot inside one: errors there are caught) leaves its error for join.
      worker.on('error', (error) => {
        if (Atomics.compareExchange(ctrl, FAILED, 0, 1) === 0) {
          new Uint8Array(errorText).set(new TextEncoder().encode(`helper thread ${t}: ${error.message}`).subarray(0, ERROR_BYTES));
        }
      });
      helpers.push(worker);
    }
    if (attachedTo) attachHelpers(from);
    else if (announce) join(START_TIMEOUT_MS);
  };

  /**
   * Hands every started helper these rows (null: none) in its event loop, as an attach does; helpers started later
   * take them with their attach. Between jobs only: no helper is then inside one (a read-ahead ends first).
   */
  const shareRows = (rows: SharedRows | null): void => {
    sharedRows = rows;
    if (!attachedTo || helpers.length === 0) return;
    start([YIELD], helpers.length + 1);
    join();
    Atomics.store(ctrl, PENDING, helpers.length);
    for (let i = 0; i < helpers.length; i++) helpers[i]!.postMessage({ generation: Atomics.load(ctrl, GENERATIONS + i), rows });
    join(START_TIMEOUT_MS);
  };

  /** The members of the job started last. */
  let lastMembers = 1;

  /** Starts a job on helpers 1 .. members − 1. */
  const start = (args: readonly number[], members: number, copy?: RowsCopy): void => {
    if (closed) throw new Error('the thread team is closed');
    lastMembers = members;
    for (let i = 0; i < args.length; i++) words[i] = args[i]!;
    Atomics.store(ctrl, COPY_COUNT, copy ? copy.count : 0);
    if (copy) {
      Atomics.store(ctrl, COPY_FIRST, copy.first);
      Atomics.store(ctrl, COPY_AT, copy.at);
    }
    Atomics.store(ctrl, PENDING, members - 1);
    // A yield has nothing to claim: a helper that read an earlier job's op, and reaches its claim only now, must not
    // take this one as that job (it would run op 0); it sees the yield at its next look instead.
    const open = args[0] === YIELD ? NO_CLAIM : 0;
    for (let t = 1; t < members; t++) Atomics.store(ctrl, claim(t), open);
    for (let t = 1; t < members; t++) {
      Atomics.add(ctrl, GENERATIONS + t - 1, 1);
      Atomics.notify(ctrl, GENERATIONS + t - 1);
    }
  };

  return {
    get size() {
      const now = sizeCell ? Math.min(maxSize, Math.max(1, Atomics.load(sizeCell, 0))) : size;
      seen[now]!++;
      return now;
    },
    maxSize,
    resize(n) {
      if (!Number.isInteger(n) || n < 1 || n > maxSize) throw new Error(`a team of at most ${maxSize} threads cannot use ${n}`);
      size = n;
      sizeCell = null;
    },
    follow(cell) {
      sizeCell = cell;
    },
    takeThreadsUsed() {
      let used = 1;
      if (mostUsed > 1) for (let n = 2; n <= maxSize; n++) if (seen[n]! >= seen[used]!) used = n;
      mostUsed = 1;
      seen.fill(0);
      return used;
    },
    attach(memory, module) {
      if (maxSize === 1) return;
      if (closed) throw new Error('the thread team is closed');
      // Every started helper, in use or not, takes the memory: a later resize may call on it.
      if (attachedTo && helpers.length > 0) {
        start([YIELD], helpers.length + 1); // back to their event loops, where the attach message waits
        join();
      }
      attachedTo = { memory, module };
      if (helpers.length > 0) attachHelpers(0);
    },
    start(words, members, copy) {
      if (members < 2) return;
      if (closed) throw new Error('the thread team is closed');
      if (members > maxSize) throw new Error(`a team of at most ${maxSize} threads cannot start ${members}`);
      if (!attachedTo) throw new Error('the thread team has no memory to work on: attach it first');
      if (members > helpers.length + 1) startHelpers(members);
      if (copy && copy.rows !== sharedRows) shareRows(copy.rows);
      mostUsed = Math.max(mostUsed, members);
      start(words, members, copy);
    },
    copiesRows: true,
    readAhead(rows, first, count, members) {
      if (closed || !attachedTo || members < 2 || members > helpers.length + 1) return;
      if (rows !== sharedRows) shareRows(rows);
      Atomics.store(ctrl, AHEAD_START, first);
      Atomics.store(ctrl, AHEAD_COUNT, count);
      Atomics.store(ctrl, AHEAD_MEMBERS, members);
      for (let t = 1; t < members; t++) Atomics.store(ctrl, claim(t), NO_CLAIM); // so no claim is open while the op word changes
      words[0] = READ_AHEAD;
      for (let t = 1; t < members; t++) {
        Atomics.add(ctrl, GENERATIONS + t - 1, 1);
        Atomics.notify(ctrl, GENERATIONS + t - 1);
      }
    },
    dropRows() {
      if (sharedRows === null || closed) return;
      try {
        shareRows(null);
      } catch {
        // A helper that failed: that error was already the run's own (its join threw it).
      }
    },
    warm() {
      if (closed) throw new Error('the thread team is closed');
      if (helpers.length + 1 < maxSize) startHelpers(maxSize, true);
    },
    join(steal) {
      if (maxSize === 1) return;
      let failure: unknown;
      // The blocks no helper has picked up yet are the leader's: it computes them rather than wait for a wake-up.
      if (steal && Atomics.load(ctrl, FAILED) === 0) {
        for (let t = 1; t < lastMembers; t++) {
          if (failure !== undefined || Atomics.compareExchange(ctrl, claim(t), 0, 2) !== 0) continue;
          try {
            steal(t);
          } catch (error) {
            failure = error;
          }
          Atomics.sub(ctrl, PENDING, 1);
        }
      }
      join();
      if (failure !== undefined) throw failure;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(helpers.map((worker) => worker.terminate()));
    },
  };
}
