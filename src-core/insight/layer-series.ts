import type { LayerType } from '../contract/model-spec';
import type { TrainingDiagnostics } from '../nn/diagnostics';

/**
 * Per-layer statistics over time from a run's diagnostics snapshots, one series per layer that has
 * something to show; each array has one entry per snapshot (NaN where a snapshot lacks the value).
 */
export interface LayerSeries {
  index: number;
  type: LayerType;
  weightNorm: Float64Array;
  gradNorm: Float64Array;
  updateRatio: Float64Array;
  deadFraction: Float64Array;
  saturatedFraction: Float64Array;
}

export interface LayerSeriesSet {
  epochs: Int32Array; // (snapshots)
  layers: LayerSeries[];
}

const fields = ['weightNorm', 'gradNorm', 'updateRatio', 'deadFraction', 'saturatedFraction'] as const;

/** Snapshots in any order (a repeated epoch keeps the last); layers without any statistic are left out. */
export function layerSeries(snapshots: readonly TrainingDiagnostics[]): LayerSeriesSet {
  const byEpoch = new Map<number, TrainingDiagnostics>();
  for (const s of snapshots) byEpoch.set(s.epoch, s);
  const ordered = [...byEpoch.values()].sort((a, b) => a.epoch - b.epoch);
  const series = new Map<number, LayerSeries>();
  ordered.forEach((snapshot, t) => {
    for (const layer of snapshot.layers) {
      if (!fields.some((f) => layer[f] !== undefined)) continue;
      let s = series.get(layer.index);
      if (!s) {
        const empty = (): Float64Array => new Float64Array(ordered.length).fill(NaN);
        s = { index: layer.index, type: layer.type, weightNorm: empty(), gradNorm: empty(), updateRatio: empty(), deadFraction: empty(), saturatedFraction: empty() };
        series.set(layer.index, s);
      }
      for (const f of fields) if (layer[f] !== undefined) s[f][t] = layer[f];
    }
  });
  return { epochs: Int32Array.from(ordered, (s) => s.epoch), layers: [...series.values()].sort((a, b) => a.index - b.index) };
}

/** Gradient flow at one snapshot: the gradient norm of each layer with parameters, input side first. */
export function gradientFlow(snapshot: TrainingDiagnostics): { index: number; type: LayerType; gradNorm: number }[] {
  return snapshot.layers.filter((l) => l.gradNorm !== undefined).map((l) => ({ index: l.index, type: l.type, gradNorm: l.gradNorm! }));
}
