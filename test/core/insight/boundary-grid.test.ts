import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src-core/contract/model-spec';
import { inferColumns } from '../../../src-core/data/columns/infer-columns';
import { parseCsv } from '../../../src-core/data/csv/parse-csv';
import { applyPreprocessor } from '../../../src-core/data/preprocess/apply-preprocessor';
import { buildDataset } from '../../../src-core/data/preprocess/build-dataset';
import {
  boundaryGrid,
  cellCentre,
  featurePlane,
  fittedCurve,
  fromPlane,
  pca2,
  planeBounds,
  principalPlane,
  toPlane,
} from '../../../src-core/insight/index';
import { createPredictor, createTrainingSession } from '../../../src-core/nn/index';
import { moonsTrainingData } from '../../support/moons-data';

const read = (text: string, fileName = 'houses.csv') => parseCsv(new Uint8Array(Buffer.from(text)), { fileName });

/** 40 rows: area in m² (50…245), rooms (1…4), a colour, and a label that is 'big' above 150 m². */
function housesCsv(): string {
  const lines = ['area,rooms,colour,label'];
  for (let i = 0; i < 40; i++) lines.push(`${50 + i * 5},${1 + (i % 4)},${['red', 'blue', 'blue'][i % 3]},${50 + i * 5 > 150 ? 'big' : 'small'}`);
  return lines.join('\n') + '\n';
}

describe('plane', () => {
  it('maps raw feature values through the run\'s own preprocessing, the other inputs at their median or most frequent category', () => {
    const table = read(housesCsv());
    const built = buildDataset(table, inferColumns(table), { seed: 1, validation: 0.25 });
    const { x, rows } = built.training.train;
    const names = built.preprocessor.featureNames;
    expect(names).toEqual(['area', 'rooms', 'colour=blue', 'colour=red']);
    const plane = featurePlane({ features: [0, 1], x, rows, preprocessor: built.preprocessor });
    expect(plane.labels).toEqual(['area', 'rooms']);
    // A point of the plane goes into the model exactly as a CSV row with those raw values would.
    const input = new Float32Array(4);
    fromPlane(plane, [180, 3], 1, input);
    const row = applyPreprocessor(built.preprocessor, read('area,rooms,colour\n180,3,blue\n'), { withTarget: false });
    Array.from(row.data.x).forEach((v, i) => expect(input[i]).toBeCloseTo(v, 5));
    // And back: the training rows' plane coordinates are their raw values.
    const coords = toPlane(plane, x, rows);
    const trainAreas = Array.from(built.split.train, (r) => table.columns[0]!.values[r] as number);
    trainAreas.forEach((area, r) => expect(coords[r * 2]).toBeCloseTo(area, 3));
    const bounds = planeBounds(coords, rows, 2, 0.1);
    const span = Math.max(...trainAreas) - Math.min(...trainAreas);
    expect(bounds.min[0]).toBeCloseTo(Math.min(...trainAreas) - 0.1 * span, 3);
  });

  it('holds the other columns at the training median for generated data without a preprocessor', () => {
    const x = new Float32Array([0, 10, 100, 1, 20, 300, 2, 30, 200]); // (3, 3)
    const plane = featurePlane({ features: [2], x, rows: 3 });
    expect(Array.from(plane.origin)).toEqual([1, 20, 0]);
    expect(plane.labels).toEqual(['x3']);
    expect(() => featurePlane({ features: [1, 1], x, rows: 3 })).toThrow('the two features are the same (1)');
    expect(() => featurePlane({ features: [3], x, rows: 3 })).toThrow('feature 3 is outside 0..2');
  });

  it('spans the first two principal components: plane coordinates are the PCA scores, and map back onto the rows', () => {
    const { x, rows } = moonsTrainingData(50, 10, 0.1).train;
    const x3 = new Float32Array(rows * 3); // a third column, 2·x1 − x2: the data lies in a plane of R³
    for (let r = 0; r < rows; r++) x3.set([x[r * 2]!, x[r * 2 + 1]!, 2 * x[r * 2]! - x[r * 2 + 1]!], r * 3);
    const plane = principalPlane(x3, rows);
    const coords = toPlane(plane, x3, rows);
    const scores = pca2(x3, rows, 3).projected;
    coords.forEach((v, i) => expect(v).toBeCloseTo(scores[i]!, 4));
    const back = new Float32Array(rows * 3);
    fromPlane(plane, coords, rows, back);
    back.forEach((v, i) => expect(v).toBeCloseTo(x3[i]!, 4));
  });
});

describe('boundaryGrid', () => {
  it('gives the predicted class and its probability at every cell centre, row 0 at the lowest v', () => {
    // logits (0, u − v): class 1 above the diagonal's right side, p = sigmoid(u − v)
    const spec: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 2 }, { type: 'softmax' }] };
    const predictor = createPredictor(spec, {
      '0.weight': { shape: [2, 2], data: [0, 0, 1, -1] },
      '0.bias': { shape: [2], data: [0, 0] },
    });
    const plane = featurePlane({ features: [0, 1], x: new Float32Array([0, 0]), rows: 1 });
    const grid = boundaryGrid(predictor, plane, { bounds: { min: [-2, -1], max: [2, 1] }, resolution: [8, 4], chunkRows: 5 });
    expect(grid.classes.shape).toEqual([4, 8]);
    for (let j = 0; j < 4; j++) {
      for (let i = 0; i < 8; i++) {
        const u = cellCentre(-2, 2, 8, i);
        const v = cellCentre(-1, 1, 4, j);
        const p1 = 1 / (1 + Math.exp(-(u - v)));
        expect(grid.classes.data[j * 8 + i]).toBe(p1 > 0.5 ? 1 : 0);
        expect(grid.confidence.data[j * 8 + i]).toBeCloseTo(Math.max(p1, 1 - p1), 6);
      }
    }
    expect(grid.classes.data[0]).toBe(0); // (u, v) = (−1.75, −0.75)
  });

  it('agrees with the predictor row by row for a trained moons MLP, and costs little for 100 × 100', () => {
    const data = moonsTrainingData(200, 50, 0.1);
    const spec: ModelSpec = { input: [2], layers: [{ type: 'dense', units: 16 }, { type: 'relu' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] };
    const session = createTrainingSession({ spec, train: { loss: 'bce', optimizer: { type: 'adam', lr: 0.02 }, batchSize: 32, epochs: 20 }, data, seed: 1 });
    while (!session.finished) session.runEpoch();
    const { x, rows } = data.train;
    const plane = featurePlane({ features: [0, 1], x, rows });
    const bounds = planeBounds(toPlane(plane, x, rows), rows, 2);
    const grid = boundaryGrid(session, plane, { bounds });
    boundaryGrid(session, plane, { bounds }); // warm
    const started = performance.now();
    boundaryGrid(session, plane, { bounds });
    const ms = performance.now() - started;
    expect(grid.classes.data).toHaveLength(10_000);
    const cells = [0, 4321, 9999];
    const points = new Float32Array(cells.flatMap((c) => [cellCentre(bounds.min[0]!, bounds.max[0]!, 100, c % 100), cellCentre(bounds.min[1]!, bounds.max[1]!, 100, Math.floor(c / 100))]));
    const p = session.predict(points, 3);
    cells.forEach((c, k) => {
      expect(grid.classes.data[c]).toBe(p[k]! >= 0.5 ? 1 : 0);
      expect(grid.confidence.data[c]).toBeCloseTo(Math.max(p[k]!, 1 - p[k]!), 6);
    });
    // Both classes appear: the boundary crosses the plane.
    expect(new Set(grid.classes.data)).toEqual(new Set([0, 1]));
    console.log(`100 × 100 boundary grid of a 2-16-1 MLP (warm): ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(200);
  });

  it('draws the fitted curve of a regression on one feature in raw units', () => {
    const lines = ['area,price'];
    for (let i = 0; i < 21; i++) lines.push(`${50 + i * 5},${1000 + i}`); // area 50…150: standard scaling, mean 100
    const table = read(lines.join('\n') + '\n');
    const built = buildDataset(table, inferColumns(table), { seed: 1 });
    const area = built.preprocessor.features[0] as { offset: number; scale: number };
    expect(area.offset).toBeCloseTo(100, 6);
    // price = 3·input + 1, input = (area − 100) / scale
    const predictor = createPredictor({ input: [1], layers: [{ type: 'dense', units: 1 }] }, { '0.weight': { shape: [1, 1], data: [3] }, '0.bias': { shape: [1], data: [1] } });
    const plane = featurePlane({ features: [0], x: built.training.train.x, rows: built.training.train.rows, preprocessor: built.preprocessor });
    const curve = fittedCurve(predictor, plane, { min: [0], max: [200] }, 5);
    expect(Array.from(curve.u)).toEqual([0, 50, 100, 150, 200]);
    expect(curve.outputs.shape).toEqual([5, 1]);
    Array.from(curve.outputs.data).forEach((y, i) => expect(y).toBeCloseTo(3 * ((curve.u[i]! - area.offset) / area.scale) + 1, 5));
  });
});
