import { afterAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import type { TrainConfig } from '../../../src-core/contract/run-config';
import { Random } from '../../../src-core/data/random';
import { createKernels, kernelThreads, useKernels, type KernelChoice, type ThreadTeam } from '../../../src-core/nn/kernels/gemm';
import { SequentialSession } from '../../../src-core/nn/sequential-session';
import { relaxedSimdKernelBytes, simdKernelBytes } from '../../../src-core/nn/kernels/wasm-bytes';
import { instantiateKernels, kernelModule, wasmSupport } from '../../../src-core/nn/kernels/wasm-kernels';
import { createThreadTeam, type WorkerThreadTeam } from '../../../src-main/pool/thread-team';
import {
  TEAM_ADAM_F32, TEAM_CONV2D_BACKWARD_F32, TEAM_CONV2D_FORWARD_F32, TEAM_GEMM_F32, TEAM_MAXPOOL_FORWARD_F32, TEAM_RELU_BACKWARD_F32, TEAM_RELU_FORWARD_F32,
  TEAM_SQUARES_F32,
  TEAM_SUM_PARTS_F32, type RowsCopy, type SharedRows,
} from '../../../src-core/nn/kernels/thread-team';

/**
 * Several threads for one run: every product large enough is split between a team of real worker threads over the
 * model's shared WebAssembly memory, and the weights after training are the same bytes for 1, 2 and 3 threads.
 */
const teams: WorkerThreadTeam[] = [];
afterAll(async () => {
  useKernels('wasm');
  await Promise.all(teams.map((team) => team.close()));
});

/**
 * A team that counts the jobs it ran (a test must see the split happen, not only equal weights); splitAll splits
 * every product and Adam step however small, so the convolutions' chunked products are split too.
 */
function countingTeam(size: number, splitAll = false): ThreadTeam & { jobs: number; ops: Set<number>; copies: number; readAheads: number } {
  const team = createThreadTeam(size);
  teams.push(team);
  const counted = {
    size,
    splitAll,
    jobs: 0,
    ops: new Set<number>(),
    copies: 0,
    readAheads: 0,
    copiesRows: true,
    attach: (memory: object, module: object) => team.attach(memory, module),
    start: (words: readonly number[], members: number, copy?: RowsCopy) => {
      counted.jobs++;
      counted.ops.add(words[0]!);
      if (copy) counted.copies++;
      team.start(words, members, copy);
    },
    join: (steal?: (t: number) => void) => team.join(steal),
    readAhead: (rows: SharedRows, first: number, count: number, members: number) => {
      counted.readAheads++;
      team.readAhead(rows, first, count, members);
    },
  };
  return counted;
}

/** `array`'s values on a SharedArrayBuffer, as the app's training pool holds a data set. */
function shared<T extends Float32Array | Int32Array>(array: T): T {
  const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(array.byteLength));
  copy.set(array as never);
  return copy;
}

/** A team whose helpers never pick a job up: the leader steals every block (a machine whose other cores are all busy). */
function latecomersTeam(size: number): ThreadTeam & { stolen: number } {
  const team = {
    size,
    splitAll: true,
    stolen: 0,
    attach: () => undefined,
    start: () => undefined,
    join: (steal?: (t: number) => void) => {
      for (let t = 1; t < size; t++) {
        steal!(t);
        team.stolen++;
      }
    },
  };
  return team;
}

function data(rows: number, features: number, classes: number, seed: number) {
  const rng = new Random(seed);
  const x = Float32Array.from({ length: rows * features }, () => rng.next() * 2 - 1);
  const y = Float32Array.from({ length: rows }, () => rng.int(classes));
  return { train: { x, y, rows }, validation: { x: x.subarray(0, 32 * features), y: y.subarray(0, 32), rows: 32 } };
}

/** The params' bytes after `epochs` of training with this backend and team. */
function train(
  choice: KernelChoice, team: ThreadTeam | null, spec: ModelSpec, inputShape: number[], classes: number, train: TrainConfig, sharedData = false,
): Uint8Array {
  useKernels(choice, { team });
  const features = inputShape.reduce((a, b) => a * b, 1);
  const set = data(256, features, classes, 5);
  if (sharedData) set.train = { ...set.train, x: shared(set.train.x) };
  const session = new SequentialSession({
    spec,
    train,
    data: { inputShape, task: 'classification', classCount: classes, ...set },
    seed: 3,
  });
  while (!session.finished) session.runEpoch();
  const params = session.model.params;
  return new Uint8Array(params.buffer.slice(params.byteOffset, params.byteOffset + params.byteLength) as ArrayBuffer);
}

// clipNorm so small that every step is clipped: the gradient's norm (a sum of squares split by chunks) reaches every weight.
const adam: TrainConfig = { loss: 'cross_entropy', optimizer: { type: 'adam' }, batchSize: 64, epochs: 2, clipNorm: 0.01 };
const relu = [TEAM_RELU_FORWARD_F32, TEAM_RELU_BACKWARD_F32];
/** splits: the team ops a run splits at the default thresholds (with splitAll, relu splits in every model that has one). */
const models: { name: string; spec: ModelSpec; inputShape: number[]; classes: number; splits: number[] }[] = [
  {
    name: 'the W3-sized MLP (2-16-16-1 tanh: every product stays on the leader)',
    spec: { input: [2], layers: [{ type: 'dense', units: 16 }, { type: 'tanh' }, { type: 'dense', units: 16 }, { type: 'tanh' }, { type: 'dense', units: 2 }, { type: 'softmax' }] },
    inputShape: [2],
    classes: 2,
    splits: [],
  },
  {
    name: 'an MLP 196-128-64-10 (its first layer\'s products split; its 34 K parameters\' Adam step stays)',
    spec: { input: [196], layers: [{ type: 'dense', units: 128 }, { type: 'relu' }, { type: 'dense', units: 64 }, { type: 'relu' }, { type: 'dense', units: 10 }, { type: 'softmax' }] },
    inputShape: [196],
    classes: 10,
    splits: [TEAM_GEMM_F32],
  },
  {
    name: 'a W1-shaped MLP 784-128-64-10 (its relu at batch 64 stays on the leader unless everything splits)',
    spec: { input: [784], layers: [{ type: 'dense', units: 128 }, { type: 'relu' }, { type: 'dense', units: 64 }, { type: 'relu' }, { type: 'dense', units: 10 }, { type: 'softmax' }] },
    inputShape: [784],
    classes: 10,
    splits: [TEAM_GEMM_F32, TEAM_ADAM_F32, TEAM_SQUARES_F32],
  },
  {
    name: 'a small CNN (conv 8 → pool → conv 16 → pool → dense 64 → dense)',
    spec: {
      input: [1, 28, 28],
      layers: [
        { type: 'conv2d', filters: 8, kernel: 3, padding: 1 }, { type: 'relu' }, { type: 'maxpool2d', size: 2 },
        { type: 'conv2d', filters: 16, kernel: 3, padding: 1 }, { type: 'relu' }, { type: 'maxpool2d', size: 2 },
        { type: 'flatten' }, { type: 'dense', units: 64 }, { type: 'relu' }, { type: 'dense', units: 10 }, { type: 'softmax' },
      ],
    },
    inputShape: [1, 28, 28],
    classes: 10,
    // Its convolutions by chunks (each member whole chunks), its first relu (64 × 8 × 28 × 28 values), its max
    // pooling by planes and its dense product.
    splits: [TEAM_GEMM_F32, ...relu, TEAM_CONV2D_FORWARD_F32, TEAM_CONV2D_BACKWARD_F32, TEAM_MAXPOOL_FORWARD_F32],
  },
];

describe('a thread team of worker threads', () => {
  for (const model of models) {
    it(`gives bit-identical weights with 1, 2 and 3 threads on wasm: ${model.name}`, () => {
      const one = train('wasm', null, model.spec, model.inputShape, model.classes, adam);
      for (const size of [2, 3]) {
        const team = countingTeam(size);
        const many = train('wasm', team, model.spec, model.inputShape, model.classes, adam);
        expect(kernelThreads()).toBe(size);
        expect([...team.ops].sort(), `${size} threads: the ops split`).toEqual([...model.splits].sort());
        expect(Buffer.compare(many, one), `${size} threads`).toBe(0);
        // Every product and Adam step split, the convolutions' and W3's small ones too: still the same bytes.
        const everything = countingTeam(size, true);
        expect(Buffer.compare(train('wasm', everything, model.spec, model.inputShape, model.classes, adam), one), `${size} threads, all split`).toBe(0);
        expect(everything.jobs).toBeGreaterThan(team.jobs);
        if (model.spec.layers.some((l) => l.type === 'relu')) expect([...everything.ops]).toEqual(expect.arrayContaining(relu));
        // The weight gradient's partials are summed over the team too when everything splits.
        if (model.spec.layers.some((l) => l.type === 'conv2d')) expect([...everything.ops]).toContain(TEAM_SUM_PARTS_F32);
        // The gradient's sum of squares by chunks wherever it has more than one (the 196-128-64-10's 34 K values too).
        if (model.inputShape[0]! >= 196) expect([...everything.ops]).toContain(TEAM_SQUARES_F32);
        // Every block computed by the leader, stolen from helpers that never came: the same bytes again.
        const late = latecomersTeam(size);
        expect(Buffer.compare(train('wasm', late, model.spec, model.inputShape, model.classes, adam), one), `${size} threads, all stolen`).toBe(0);
        expect(late.stolen).toBeGreaterThan(0);
      }
    });
  }

  it("sums a gradient's squares by chunks over the team, the partials added in chunk order: the same bits", () => {
    const n = 7 * 16384 + 5; // W1's 109 K parameters: 7 chunks and a short last one
    const sum = (team: ThreadTeam | null): number => {
      useKernels('wasm', { team });
      const k = createKernels(team);
      const rng = new Random(13);
      const a = k.alloc(Float32Array, n);
      // Magnitudes from 1e-4 to 1e3: a sum in another order rounds differently.
      for (let j = 0; j < n; j++) a[j] = (rng.next() * 2 - 1) * 10 ** (rng.int(8) - 4);
      return k.sumOfSquares(a);
    };
    const one = sum(null);
    for (const size of [2, 3]) {
      for (const splitAll of [false, true]) {
        const team = countingTeam(size, splitAll);
        expect(sum(team), `${size} threads`).toBe(one);
        expect([...team.ops]).toEqual([TEAM_SQUARES_F32]);
      }
    }
  });

  it("runs the caller's other work (the next batch's input) while the helpers take the Adam step's chunks: the same bits", () => {
    const n = 32 * 2048 + 7; // enough to split; chunks of 2048 values, and a last one that is not a multiple of 4
    const constants = { beta1: 0.9, beta2: 0.999, c1: 0.1, c2: 0.001, stepSize: 1e-3, invBc2Sqrt: 30, eps: 1e-8, coupledWd: 0, decay: 1 };
    const step = (team: ThreadTeam | null, run: () => void): Float32Array[] => {
      useKernels('wasm', { team });
      const k = createKernels(team);
      const rng = new Random(11);
      const arrays = [0, 1, 2, 3].map((i) => {
        const a = k.alloc(Float32Array, n);
        for (let j = 0; j < n; j++) a[j] = i === 3 ? rng.next() : rng.next() * 2 - 1; // v ≥ 0
        return a;
      });
      expect(k.adamStep(arrays[0]!, arrays[1]!, arrays[2]!, arrays[3]!, constants, { run })).toBe(true);
      return arrays;
    };
    let ran = 0;
    const one = step(null, () => ran++);
    expect(ran).toBe(1);
    for (const size of [2, 3]) {
      const team = countingTeam(size);
      let jobsBefore = -1;
      const many = step(team, () => {
        jobsBefore = team.jobs;
        ran++;
      });
      expect(jobsBefore, 'the step had started when the other work ran').toBe(1);
      expect(ran).toBe(size);
      for (let i = 0; i < 3; i++) expect(Buffer.compare(Buffer.from(many[i]!.slice().buffer), Buffer.from(one[i]!.slice().buffer)), `${size} threads, array ${i}`).toBe(0);
      expect(Buffer.compare(Buffer.from(many[3]!.slice().buffer), Buffer.from(one[3]!.slice().buffer))).toBe(0);
    }
  });

  it("has a helper read the next batch's rows during the batch and copy them during the step: the same weights for 1, 2 and 3 threads", () => {
    const w1 = models.find((m) => m.inputShape[0] === 784)!;
    const one = train('wasm', null, w1.spec, w1.inputShape, 10, adam, true);
    expect(Buffer.compare(one, train('wasm', null, w1.spec, w1.inputShape, 10, adam)), 'shared data, one thread').toBe(0);
    for (const size of [2, 3]) {
      const team = countingTeam(size);
      const many = train('wasm', team, w1.spec, w1.inputShape, 10, adam, true);
      // 256 rows: 4 batches an epoch, 3 of them with a next batch to read ahead and to copy, over 2 epochs.
      expect([team.readAheads, team.copies], `${size} threads`).toEqual([6, 6]);
      expect(Buffer.compare(many, one), `${size} threads`).toBe(0);
    }
    // Data on ordinary memory: the helpers cannot see it, so the leader copies it, as before.
    const team = countingTeam(2);
    expect(Buffer.compare(train('wasm', team, w1.spec, w1.inputShape, 10, adam), one)).toBe(0);
    expect([team.readAheads, team.copies]).toEqual([0, 0]);
    // Rows too small to be worth a helper's wake-up (W3's two features): none read ahead.
    const [w3] = models;
    const small = countingTeam(2);
    train('wasm', small, w3!.spec, w3!.inputShape, w3!.classes, adam, true);
    expect(small.readAheads).toBe(0);
  });

  it("copies the next batch's rows on the leader when it computes helper 1's share of the step itself: the same weights", () => {
    const w1 = models.find((m) => m.inputShape[0] === 784)!;
    const one = train('wasm', null, w1.spec, w1.inputShape, 10, adam, true);
    let copies = 0;
    const late = Object.assign(latecomersTeam(2), {
      copiesRows: true,
      readAhead: () => undefined,
      start: (_words: readonly number[], _size: number, copy?: RowsCopy) => void (copy && copies++),
    });
    expect(Buffer.compare(train('wasm', late, w1.spec, w1.inputShape, 10, adam, true), one)).toBe(0);
    expect(copies).toBe(6);
    expect(late.stolen).toBeGreaterThan(0);
  });

  it('runs every job right after a read-ahead it has not finished, and survives rows it cannot read', () => {
    const team = createThreadTeam(2);
    teams.push(team);
    const rows: SharedRows = { x: shared(Float32Array.from({ length: 1000 * 784 }, (_, i) => i % 7)), order: shared(Int32Array.from({ length: 1000 }, (_, i) => 999 - i)), length: 784 };
    // Rows past x's end, negative and beyond the order are skipped, not read.
    const broken: SharedRows = { ...rows, order: shared(Int32Array.from([5, -3, 2000, 1 << 30, 7])) };
    useKernels('wasm', { team });
    const k = createKernels(team);
    const a = k.alloc(Float32Array, 64 * 256), b = k.alloc(Float32Array, 256 * 64), c = k.alloc(Float32Array, 64 * 64);
    for (let i = 0; i < a.length; i++) a[i] = ((i * 7) % 13) - 6;
    for (let i = 0; i < b.length; i++) b[i] = ((i * 5) % 11) - 5;
    const expected = new Float32Array(64 * 64);
    for (let i = 0; i < 64; i++) for (let j = 0; j < 64; j++) {
      let sum = 0;
      for (let p = 0; p < 256; p++) sum += a[i * 256 + p]! * b[p * 64 + j]!;
      expected[i * 64 + j] = sum;
    }
    for (let round = 0; round < 300; round++) {
      k.readAhead!(round % 3 === 2 ? broken : rows, (round * 64) % 1000, round % 5 === 4 ? 5000 : 64);
      c.fill(0);
      k.gemmNN(c, a, b, 64, 256, 64, c, 0, 0, 0); // split between the leader and a helper maybe still reading
      expect(Array.from(c), `round ${round}`).toEqual(Array.from(expected));
    }
    team.dropRows();
  });

  it('is ignored by the js backend: the same weights, one thread', () => {
    const [, mlp] = models;
    const one = train('js', null, mlp!.spec, mlp!.inputShape, mlp!.classes, adam);
    const team = countingTeam(2);
    const two = train('js', team, mlp!.spec, mlp!.inputShape, mlp!.classes, adam);
    expect(kernelThreads()).toBe(1);
    expect(team.jobs).toBe(0);
    expect(Buffer.compare(two, one)).toBe(0);
  });

  it('gives the same weights when the team shrinks and grows between epochs (a pool lending helpers back)', () => {
    const [, mlp, , cnn] = models;
    for (const model of [mlp!, cnn!]) {
      const reference = train('wasm', null, model.spec, model.inputShape, model.classes, { ...adam, epochs: 3 });
      const team = createThreadTeam(3);
      teams.push(team);
      const sizes = [3, 1, 2];
      useKernels('wasm', { team });
      const features = model.inputShape.reduce((a, b) => a * b, 1);
      const session = new SequentialSession({
        spec: model.spec,
        train: { ...adam, epochs: 3 },
        data: { inputShape: model.inputShape, task: 'classification', classCount: model.classes, ...data(256, features, model.classes, 5) },
        seed: 3,
      });
      for (let epoch = 0; !session.finished; epoch++) {
        team.resize(sizes[epoch]!);
        session.runEpoch();
      }
      const params = session.model.params;
      const bytes = new Uint8Array(params.buffer.slice(params.byteOffset, params.byteOffset + params.byteLength) as ArrayBuffer);
      expect(Buffer.compare(bytes, reference), model.name).toBe(0);
      expect(() => team.resize(4)).toThrow('a team of at most 3 threads cannot use 4');
    }
  });

  it('warm() starts and attaches every helper before the first product (the benchmark starts its clock after it)', async () => {
    const team = createThreadTeam(3);
    teams.push(team);
    team.attach({}, {});
    // The helpers instantiate the module at warm(), not at the first job: a module they cannot take fails here.
    expect(() => team.warm()).toThrow(/a thread of the run's team failed: helper thread \d: .*WebAssembly/);
    await team.close();
    expect(() => team.warm()).toThrow(/closed/);
  });

  it('warm() before any memory returns with the helpers running, and they take the memory a session attaches as it starts', () => {
    const real = createThreadTeam(3);
    teams.push(real);
    real.warm();
    // A team that records when it is attached and what it runs: the session hands it its memory in its constructor.
    const events: string[] = [];
    const team: ThreadTeam = {
      get size() {
        return real.size;
      },
      attach: (memory, module) => {
        events.push('attach');
        real.attach(memory, module);
      },
      start: (words, members) => {
        events.push('start');
        real.start(words, members);
      },
      join: (steal) => real.join(steal),
    };
    useKernels('wasm', { team });
    const w1 = models.find((m) => m.inputShape[0] === 784)!;
    const session = new SequentialSession({ spec: w1.spec, train: adam, data: { inputShape: w1.inputShape, task: 'classification', classCount: 10, ...data(256, 784, 10, 5) }, seed: 3 });
    expect(events).toEqual(['attach']);
    while (!session.finished) session.runEpoch();
    expect(events.filter((e) => e === 'attach')).toHaveLength(1);
    expect(events.filter((e) => e === 'start').length).toBeGreaterThan(0);
    const params = session.model.params;
    const bytes = new Uint8Array(params.buffer.slice(params.byteOffset, params.byteOffset + params.byteLength) as ArrayBuffer);
    expect(Buffer.compare(bytes, train('wasm', null, w1.spec, w1.inputShape, 10, adam))).toBe(0);
  });

  it("surfaces a helper's error on the run and closes without hanging", async () => {
    const team = createThreadTeam(2);
    teams.push(team);
    // A module the helpers cannot instantiate over this memory: the first job, which starts the helper, fails with its message.
    team.attach({}, {});
    expect(() => team.start([1], 2)).toThrow(/a thread of the run's team failed: helper thread 1: .*WebAssembly/);
    await team.close();
    expect(() => team.start([1], 2)).toThrow(/closed/);

    // A job that traps in a helper (its block of C lies past the memory's end) fails the leader's join, not hangs.
    const bytes = wasmSupport().relaxedSimd ? relaxedSimdKernelBytes : simdKernelBytes;
    const exports = instantiateKernels(bytes);
    const trapping = createThreadTeam(2);
    teams.push(trapping);
    trapping.attach(exports.memory, kernelModule(bytes));
    trapping.start([1, 1 << 30, 0, 0, 64, 64, 64, 64, 1, 64, 1, 2, 1024], 2);
    expect(() => trapping.join()).toThrow(/a thread of the run's team failed: helper thread 1: .*out of bounds/);
  });
});
