import { tensor, type Tensor } from '../contract/tensor';
import type { AlignedMetric } from './align-by-epoch';
import type { CurveName } from './metric';
import type { SeedBands } from './seed-groups';

/**
 * Curves and bands as `runs.compare` sends them: a typed array per column instead of an object or a JSON number
 * per point, so a 20-run × 1,000-epoch comparison crosses IPC by structured clone and the WebSocket as binary frames
 * (a tenth of the JSON's parse work). Values are float64 (exact), a missing value is NaN (the aligned curves hold
 * only finite values or none).
 */
export interface PackedSeries {
  runId: string;
  name: string;
  values: Tensor<'float64'>;
}

/** `AlignedMetric` packed: the shared epoch axis, and each run's values on it. */
export interface PackedCurve {
  metric: CurveName;
  epochs: Tensor<'int32'>;
  series: PackedSeries[];
}

/** `SeedBands` packed: a column per field of its points. */
export interface PackedBands {
  metric: CurveName;
  epochs: Tensor<'int32'>;
  n: Tensor<'int32'>;
  mean: Tensor<'float64'>;
  std: Tensor<'float64'>;
  min: Tensor<'float64'>;
  max: Tensor<'float64'>;
}

const int32 = (values: readonly number[]): Tensor<'int32'> => tensor('int32', [values.length], Int32Array.from(values));
const float64 = (values: readonly (number | null)[]): Tensor<'float64'> => {
  const data = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = values[i] ?? NaN;
  return tensor('float64', [values.length], data);
};

export function packCurve(curve: AlignedMetric): PackedCurve {
  return { metric: curve.metric, epochs: int32(curve.epochs), series: curve.series.map((s) => ({ runId: s.runId, name: s.name, values: float64(s.values) })) };
}

export function unpackCurve(curve: PackedCurve): AlignedMetric {
  return {
    metric: curve.metric,
    epochs: Array.from(curve.epochs.data),
    series: curve.series.map((s) => ({ runId: s.runId, name: s.name, values: Array.from(s.values.data, (v) => (Number.isNaN(v) ? null : v)) })),
  };
}

export function packBands(bands: SeedBands): PackedBands {
  const column = (field: 'mean' | 'std' | 'min' | 'max'): Tensor<'float64'> => float64(bands.points.map((p) => p[field]));
  return {
    metric: bands.metric,
    epochs: int32(bands.points.map((p) => p.epoch)),
    n: int32(bands.points.map((p) => p.n)),
    mean: column('mean'),
    std: column('std'),
    min: column('min'),
    max: column('max'),
  };
}

export function unpackBands(bands: PackedBands): SeedBands {
  const { epochs, n, mean, std, min, max } = bands;
  return { metric: bands.metric, points: Array.from(epochs.data, (epoch, i) => ({ epoch, n: n.data[i]!, mean: mean.data[i]!, std: std.data[i]!, min: min.data[i]!, max: max.data[i]! })) };
}
