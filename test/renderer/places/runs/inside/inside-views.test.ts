import { describe, expect, it } from 'vitest';
import type { RunSnapshot, SnapshotFrame } from '../../../../../src-core/contract/snapshots';
import { tensor } from '../../../../../src-core/contract/tensor';
import { boundaryPixels, boundaryPoints, gridSignature, hexRgb, pickedPoints, planeToPixel } from '../../../../../src-renderer/places/runs/inside/boundary-image';
import { cellRows, cellShare, greyPixels, misclassifiedRows, snapshotConfusion } from '../../../../../src-renderer/places/runs/inside/confusion-view';
import { buildCurveOption } from '../../../../../src-renderer/places/runs/inside/curve-option';
import { buildHiddenOption } from '../../../../../src-renderer/places/runs/inside/hidden-option';
import { mergeSnapshots, scrubEpochs, scrubIndex, snapshotAt } from '../../../../../src-renderer/places/runs/inside/snapshot-replay';
import { lightPalette } from '../../../../../src-renderer/shared/charts/chart-palette';

/** Four validation rows of two features: classes 0, 0, 1, 1; predicted 0, 1, 1, 0 with confidences. */
function frame(): SnapshotFrame {
  return {
    task: 'classification',
    split: 'validation',
    splitRows: 10,
    classes: 2,
    classNames: ['no', 'yes'],
    rows: tensor('int32', [4], Int32Array.of(0, 1, 2, 3)),
    actual: tensor('int32', [4], Int32Array.of(0, 0, 1, 1)),
    plane: {
      kind: 'features',
      labels: ['a', 'b'],
      bounds: { min: [0, 0], max: [2, 4] },
      resolution: [2, 2],
      points: tensor('float32', [4, 2], Float32Array.of(0, 0, 1, 1, 2, 4, 1, 2)),
      trainPoints: tensor('float32', [1, 2], Float32Array.of(2, 0)),
      trainLabels: tensor('float32', [1], Float32Array.of(1)),
    },
    view: { kind: 'table', columns: ['a', 'b'], values: tensor('float32', [4, 2], Float32Array.of(0, 0, 1, 1, 2, 4, 1, 2)) },
    plan: tensor('int32', [2], Int32Array.of(1, 5)),
    budget: 1000,
  };
}

const snapshot = (epoch: number): RunSnapshot => ({
  epoch,
  predicted: tensor('uint8', [4], Uint8Array.of(0, 1, 1, 0)),
  confidence: tensor('uint8', [4], Uint8Array.of(255, 204, 153, 230)),
  boundary: { classes: tensor('uint8', [2, 2], Uint8Array.of(0, 1, 1, 1)), confidence: tensor('uint8', [2, 2], Uint8Array.of(255, 128, 255, 255)) },
  hidden: { layer: 1, points: tensor('float32', [4, 2], Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8)), varianceRatio: [0.75, 0.25] },
});

describe('snapshot replay', () => {
  it('shows the latest stored snapshot at or before the scrubbed epoch; two runs share one scrubber', () => {
    const a = [snapshot(1), snapshot(2), snapshot(5)];
    const b = [snapshot(1), snapshot(3)];
    expect(snapshotAt(a, 4)!.epoch).toBe(2);
    expect(snapshotAt(a, 5)!.epoch).toBe(5);
    expect(snapshotAt(a, 0)!.epoch).toBe(1);
    expect(snapshotAt([], 3)).toBeUndefined();
    expect(scrubEpochs(a, b)).toEqual([1, 2, 3, 5]);
    expect(scrubIndex([1, 2, 3, 5], 4)).toBe(2);
    expect(mergeSnapshots(b, [snapshot(2), snapshot(3)]).map((s) => s.epoch)).toEqual([1, 2, 3]);
  });
});

describe('boundary image', () => {
  it('draws row 0 (the lowest v) at the bottom; a sure cell near its class colour, a chance cell the background', () => {
    const blue = hexRgb('#0000ff');
    const red = hexRgb('#ff0000');
    const white = hexRgb('#ffffff');
    const px = boundaryPixels(snapshot(1).boundary!, 2, [blue, red], white, 1);
    // Bottom-left pixel (row 1 of the image) is stored cell 0: class 0 at confidence 1 → blue.
    expect(Array.from(px.subarray(8, 12))).toEqual([0, 0, 255, 255]);
    // Stored cell 1 (class 1, confidence 128/255 ≈ chance) → nearly white.
    expect(px[12]).toBe(255);
    expect(px[13]).toBeGreaterThan(250);
    expect(planeToPixel({ min: [0, 0], max: [2, 4] }, 2, 0, 100, 50)).toEqual([100, 50]);
    const points = boundaryPoints(frame());
    expect(points).toHaveLength(5);
    expect(points[0]).toEqual({ u: 2, v: 0, cls: 1, split: 'train' });
    expect(points[3]).toEqual({ u: 2, v: 4, cls: 1, split: 'validation' });
    // Two picked features: the probe rows' raw values of those columns.
    expect(pickedPoints(frame(), [1, 0])[2]).toEqual({ u: 4, v: 2, cls: 1, split: 'validation' });
    expect(gridSignature(snapshot(1).boundary!)).toBe('1/3:893');
  });
});

describe('confusion view', () => {
  it('counts the stored predictions against the true classes; a cell lists exactly its rows with their values', () => {
    const detail = snapshotConfusion(frame(), snapshot(5))!;
    expect(Array.from(detail.matrix)).toEqual([1, 1, 1, 1]);
    expect(detail.report.macro.f1).toBeCloseTo(0.5, 6);
    const rows = cellRows(frame(), detail, 1, 0);
    expect(rows).toEqual([{ row: 3, actual: 1, predicted: 0, confidence: Math.fround(230 / 255), values: [1, 2] }]);
    expect(cellShare(detail, 0, 0)).toBe(0.5);
    // Most confidently wrong first: row 3 (0.90), then row 1 (0.80).
    expect(misclassifiedRows(frame(), detail).map((r) => r.row)).toEqual([3, 1]);
    expect(snapshotConfusion(frame(), { epoch: 1 })).toBeUndefined();
  });
});

describe('option builders', () => {
  it('hidden projection: one series per class with the variance shares on the axes', () => {
    const option = buildHiddenOption(frame(), snapshot(1), lightPalette) as { series: { name: string; data: number[][] }[]; xAxis: { name: string }; title: { show: boolean } };
    expect(option.series.map((s) => s.name)).toEqual(['no', 'yes']);
    expect(option.series[0]!.data).toEqual([[1, 2], [3, 4]]);
    expect(option.xAxis.name).toBe('PC1 (75.0% of variance)');
    expect(option.title.show).toBe(false);
    expect((buildHiddenOption(frame(), { epoch: 1 }, lightPalette) as { title: { show: boolean } }).title.show).toBe(true);
  });

  it('regression curve: the network output across the bounds over the training and validation points', () => {
    const f: SnapshotFrame = {
      ...frame(),
      task: 'regression',
      classes: 0,
      plane: {
        kind: 'features',
        labels: ['x'],
        bounds: { min: [-1], max: [1] },
        resolution: [3],
        points: tensor('float32', [2, 1], Float32Array.of(0, 0.5)),
        trainPoints: tensor('float32', [1, 1], Float32Array.of(-0.5)),
        trainLabels: tensor('float32', [1], Float32Array.of(2)),
        targets: tensor('float32', [2], Float32Array.of(1, 3)),
      },
    };
    const option = buildCurveOption(f, { epoch: 1, curve: tensor('float32', [3], Float32Array.of(5, 6, 7)) }, lightPalette) as { series: { id: string; data: number[][] }[] };
    expect(option.series.find((s) => s.id === 'fit')!.data).toEqual([[-1, 5], [0, 6], [1, 7]]);
    expect(option.series.find((s) => s.id === 'validation')!.data).toEqual([[0, 1], [0.5, 3]]);
    expect(option.series.find((s) => s.id === 'train')!.data).toEqual([[-0.5, 2]]);
  });
});

describe('image rows', () => {
  it('a cell of image data lists each row with its grey pixels, for the gallery', () => {
    const f: SnapshotFrame = { ...frame(), view: { kind: 'image', height: 1, width: 2, pixels: tensor('uint8', [4, 2], Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7)) } };
    const detail = snapshotConfusion(f, snapshot(1))!;
    const [row] = cellRows(f, detail, 0, 1);
    expect(row!.row).toBe(1);
    expect(Array.from(row!.pixels!)).toEqual([2, 3]);
    expect(row!.values).toBeUndefined();
    expect(Array.from(greyPixels(Uint8Array.of(9)))).toEqual([9, 9, 9, 255]);
  });
});
