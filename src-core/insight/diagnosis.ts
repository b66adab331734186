import type { LayerType } from '../contract/model-spec';
import type { EpochMetrics } from '../contract/training';
import type { TrainingDiagnostics } from '../nn/diagnostics';
import type { InputStats } from './input-stats';

/**
 * A run's health in plain words: rules over its epoch metrics and diagnostics snapshots, each finding
 * naming the epoch (and the layer, where one is to blame) and what to try. 'alarm' and 'warning' say
 * something is wrong; 'info' says something worth knowing.
 */
export type FindingKind =
  | 'vanishing_gradients'
  | 'exploding_gradients'
  | 'dead_relu'
  | 'saturated_units'
  | 'learning_rate_too_high'
  | 'plateau'
  | 'overfitting'
  | 'unscaled_inputs';

export interface Finding {
  kind: FindingKind;
  severity: 'alarm' | 'warning' | 'info';
  epoch: number;
  layer?: { index: number; type: LayerType };
  /** What was seen, with the numbers. */
  message: string;
  /** What to try. */
  advice: string;
}


export const THRESHOLDS = {
  /** First layer's gradient norm below this fraction of the last layer's. */
  vanishingRatio: 1e-3,
  /** A layer's gradient norm above this. */
  explodingNorm: 1e3,
  /** Fraction of a ReLU layer's units dead. */
  deadFraction: 0.5,
  /** Fraction of a sigmoid/tanh layer's outputs saturated. */
  saturatedFraction: 0.5,
  /** A step moving a layer's weights by more than this fraction of their norm (≈1e-3 is healthy). */
  updateRatio: 0.1,
  /** Share of rising epochs, within the last window, that makes the loss oscillate... */
  risingShare: 0.4,
  /** ...if its rises average at least this relative size. */
  riseSize: 0.02,
  /** Relative change of the loss over the last window below which it is flat. */
  plateauChange: 0.01,
  /** Validation loss (mean of 5 epochs) above its minimum by this fraction. */
  overfitRise: 0.1,
  /** An input column whose |mean| or std is beyond this is unscaled. */
  inputScale: 10,
};

export interface DiagnoseInput {
  metrics: readonly EpochMetrics[];
  diagnostics?: readonly TrainingDiagnostics[];
  /** The statistics of the model's inputs (after the run's scaling), for "unscaled inputs". */
  inputs?: readonly InputStats[];
  /** Whether the run's data can be scaled in the Training tab's Data group (imported tables); default true. */
  inputsScalable?: boolean;
}

export function diagnose(run: DiagnoseInput): Finding[] {
  const metrics = [...run.metrics].sort((a, b) => a.epoch - b.epoch);
  const snapshots = [...(run.diagnostics ?? [])].sort((a, b) => a.epoch - b.epoch);
  return [
    ...gradientFindings(snapshots),
    ...unitFindings(snapshots),
    ...learningRateFindings(metrics, snapshots),
    ...plateauFindings(metrics),
    ...overfittingFindings(metrics),
    ...inputFindings(run.inputs ?? [], metrics[0]?.epoch ?? 0, run.inputsScalable ?? true),
  ];
}

const fmt = (v: number): string => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(3))));
const at = (l: { index: number; type: LayerType }): { index: number; type: LayerType } => ({ index: l.index, type: l.type });

function gradientFindings(snapshots: readonly TrainingDiagnostics[]): Finding[] {
  const findings: Finding[] = [];
  const vanishing = snapshots.find((s) => {
    const p = s.layers.filter((l) => l.gradNorm !== undefined);
    return p.length >= 2 && p[p.length - 1]!.gradNorm! > 0 && p[0]!.gradNorm! < THRESHOLDS.vanishingRatio * p[p.length - 1]!.gradNorm!;
  });
  if (vanishing) {
    const p = vanishing.layers.filter((l) => l.gradNorm !== undefined);
    const first = p[0]!;
    const last = p[p.length - 1]!;
    findings.push({
      kind: 'vanishing_gradients',
      severity: 'alarm',
      epoch: vanishing.epoch,
      layer: at(first),
      message: `Vanishing gradients: at epoch ${vanishing.epoch} layer ${first.index} (${first.type}) gets a gradient norm of ${fmt(first.gradNorm!)}, ${fmt(first.gradNorm! / last.gradNorm!)} of the last layer's (${fmt(last.gradNorm!)}); the first layers barely learn.`,
      advice: 'Use ReLU (or another non-saturating activation) instead of sigmoid/tanh in hidden layers, He or Glorot initialization, batch normalization, or fewer layers.',
    });
  }
  for (const s of snapshots) {
    const worst = s.layers.filter((l) => l.gradNorm !== undefined).reduce<(typeof s.layers)[number] | undefined>((a, l) => (!a || l.gradNorm! > a.gradNorm! ? l : a), undefined);
    if (worst && !(worst.gradNorm! <= THRESHOLDS.explodingNorm)) {
      findings.push({
        kind: 'exploding_gradients',
        severity: 'alarm',
        epoch: s.epoch,
        layer: at(worst),
        message: `Exploding gradients: at epoch ${s.epoch} layer ${worst.index} (${worst.type}) has a gradient norm of ${fmt(worst.gradNorm!)}.`,
        advice: 'Lower the learning rate, clip gradients (train.clipNorm), scale the inputs, or add batch normalization.',
      });
      break;
    }
  }
  return findings;
}

function unitFindings(snapshots: readonly TrainingDiagnostics[]): Finding[] {
  const findings: Finding[] = [];
  const seenDead = new Set<number>();
  const seenSaturated = new Set<number>();
  for (const s of snapshots) {
    // An activation after the last layer with weights is the output: a confident one is saturated by design.
    const lastWeighted = s.layers.reduce((a, l) => (l.gradNorm !== undefined ? l.index : a), -1);
    for (const l of s.layers) {
      if (l.index > lastWeighted) continue;
      if (l.deadFraction !== undefined && l.deadFraction >= THRESHOLDS.deadFraction && !seenDead.has(l.index)) {
        seenDead.add(l.index);
        findings.push({
          kind: 'dead_relu',
          severity: l.deadFraction >= 1 ? 'alarm' : 'warning',
          epoch: s.epoch,
          layer: at(l),
          message: `Dead ReLUs: at epoch ${s.epoch} ${Math.round(l.deadFraction * 100)}% of layer ${l.index}'s units output 0 for every sample; they no longer learn.`,
          advice: 'Lower the learning rate, use leaky_relu or elu, or He initialization.',
        });
      }
      if (l.saturatedFraction !== undefined && l.saturatedFraction >= THRESHOLDS.saturatedFraction && !seenSaturated.has(l.index)) {
        seenSaturated.add(l.index);
        findings.push({
          kind: 'saturated_units',
          severity: 'warning',
          epoch: s.epoch,
          layer: at(l),
          message: `Saturated units: at epoch ${s.epoch} ${Math.round(l.saturatedFraction * 100)}% of layer ${l.index}'s ${l.type} outputs sit at their limits, where the gradient is almost 0.`,
          advice: 'Scale the inputs, lower the learning rate, use Glorot initialization, or switch to ReLU.',
        });
      }
    }
  }
  return findings;
}

/** The last window of a run's epochs: a fifth of them, at least 5 (none below 5 epochs). */
function lastWindow<T>(series: readonly T[]): readonly T[] {
  if (series.length < 5) return [];
  return series.slice(-Math.max(5, Math.ceil(series.length / 5)));
}

function learningRateFindings(metrics: readonly EpochMetrics[], snapshots: readonly TrainingDiagnostics[]): Finding[] {
  const findings: Finding[] = [];
  const advice = 'Lower the learning rate (try a tenth), or use a schedule that lowers it.';
  const window = lastWindow(metrics);
  if (window.length > 0) {
    let rises = 0;
    let riseSum = 0;
    for (let i = 1; i < window.length; i++) {
      const before = window[i - 1]!.loss;
      const rise = (window[i]!.loss - before) / Math.max(Math.abs(before), 1e-12);
      if (rise > 0) {
        rises++;
        riseSum += rise;
      }
    }
    const first = metrics[0]!;
    const last = window[window.length - 1]!;
    const rising = last.loss > first.loss;
    const oscillating = rises / (window.length - 1) >= THRESHOLDS.risingShare && riseSum / Math.max(1, rises) >= THRESHOLDS.riseSize;
    if (rising || oscillating) {
      findings.push({
        kind: 'learning_rate_too_high',
        severity: 'alarm',
        epoch: window[0]!.epoch,
        message: rising
          ? `The training loss rose from ${fmt(first.loss)} at epoch ${first.epoch} to ${fmt(last.loss)} at epoch ${last.epoch}.`
          : `The training loss oscillates: it rose in ${rises} of the ${window.length - 1} steps from epoch ${window[0]!.epoch} to ${last.epoch}, by ${fmt((100 * riseSum) / rises)}% on average.`,
        advice,
      });
    }
  }
  for (const s of snapshots) {
    const worst = s.layers.filter((l) => l.updateRatio !== undefined).reduce<(typeof s.layers)[number] | undefined>((a, l) => (!a || l.updateRatio! > a.updateRatio! ? l : a), undefined);
    if (worst && worst.updateRatio! > THRESHOLDS.updateRatio) {
      findings.push({
        kind: 'learning_rate_too_high',
        severity: 'warning',
        epoch: s.epoch,
        layer: at(worst),
        message: `At epoch ${s.epoch} one step changed layer ${worst.index}'s weights by ${fmt(100 * worst.updateRatio!)}% of their norm (about 0.1% is healthy).`,
        advice,
      });
      break;
    }
  }
  return findings;
}

function plateauFindings(metrics: readonly EpochMetrics[]): Finding[] {
  const window = lastWindow(metrics);
  if (window.length === 0) return [];
  const a = window[0]!;
  const z = window[window.length - 1]!;
  const first = metrics[0]!;
  const change = Math.abs(z.loss - a.loss) / Math.max(Math.abs(a.loss), 1e-12);
  // Flat, and still above half the first epoch's loss: stuck rather than converged.
  if (change >= THRESHOLDS.plateauChange || z.loss < 0.5 * first.loss) return [];
  return [
    {
      kind: 'plateau',
      severity: 'info',
      epoch: a.epoch,
      message: `The training loss stays at ${fmt(z.loss)} from epoch ${a.epoch} to ${z.epoch} (changed ${fmt(100 * change)}%), still ${fmt((100 * z.loss) / first.loss)}% of epoch ${first.epoch}'s.`,
      advice: 'Try another learning rate, Adam, a different initialization, or a larger network.',
    },
  ];
}

/** Trailing means over `w` epochs: out[i] is the mean of values[i − w + 1 … i] (defined from i = w − 1). */
function trailingMean(values: readonly number[], w: number): number[] {
  const out: number[] = [];
  let sum = 0;
  values.forEach((v, i) => {
    sum += v - (i >= w ? values[i - w]! : 0);
    if (i >= w - 1) out.push(sum / w);
  });
  return out;
}

/** On losses smoothed over 5 epochs, so that one noisy validation epoch is not a trend. */
function overfittingFindings(metrics: readonly EpochMetrics[]): Finding[] {
  const w = 5;
  const withVal = metrics.filter((m) => m.valLoss !== undefined && Number.isFinite(m.valLoss));
  if (withVal.length < 2 * w) return [];
  const val = trailingMean(withVal.map((m) => m.valLoss!), w);
  const train = trailingMean(withVal.map((m) => m.loss), w);
  let best = 0;
  for (let i = 1; i < val.length; i++) if (val[i]! < val[best]!) best = i;
  const last = val.length - 1;
  const rose = val[last]! > val[best]! * (1 + THRESHOLDS.overfitRise) && last - best >= w;
  if (!rose || !(train[last]! < train[best]!)) return [];
  // The epoch named is the lowest raw validation loss inside the lowest smoothed window.
  let bestRow = best;
  for (let i = best; i < best + w; i++) if (withVal[i]!.valLoss! < withVal[bestRow]!.valLoss!) bestRow = i;
  const bestEpoch = withVal[bestRow]!.epoch;
  const lastEpoch = withVal[withVal.length - 1]!.epoch;
  return [
    {
      kind: 'overfitting',
      severity: 'warning',
      epoch: bestEpoch,
      message: `Overfitting from epoch ${bestEpoch}: the validation loss (mean of 5 epochs) rose from ${fmt(val[best]!)} to ${fmt(val[last]!)} at epoch ${lastEpoch} while the training loss fell from ${fmt(train[best]!)} to ${fmt(train[last]!)}.`,
      advice: `Stop earlier (early stopping, or the weights of epoch ${bestEpoch}), add dropout or l2, get more data, or use a smaller network.`,
    },
  ];
}

function inputFindings(inputs: readonly InputStats[], epoch: number, scalable: boolean): Finding[] {
  const size = (s: InputStats): number => Math.max(Math.abs(s.mean), s.std);
  const off = inputs.filter((s) => Math.abs(s.mean) > THRESHOLDS.inputScale || s.std > THRESHOLDS.inputScale).sort((a, b) => size(b) - size(a));
  if (off.length === 0) return [];
  const shown = off.slice(0, 4);
  const more = off.length > shown.length ? `, and ${off.length - shown.length} more` : '';
  const names = `${shown.map((s) => `'${s.name}'`).join(', ')}${more}`;
  const one = off.length === 1;
  return [
    {
      kind: 'unscaled_inputs',
      severity: 'warning',
      epoch,
      message:
        `Unscaled inputs: the model is fed ${shown.map((s) => `'${s.name}' (mean ${fmt(s.mean)}, standard deviation ${fmt(s.std)})`).join(', ')}${more}; ` +
        `next to inputs near mean 0 and spread 1, ${one ? 'its' : 'their'} weights would have to be far smaller than the others', so training is slow or unstable.`,
      advice: scalable
        ? `Turn on standard scaling for ${names} in the Training tab's Data group (Duplicate & edit this run), then train again.`
        : `This dataset is used as generated, without a Data group: scale ${names} in the file and import it, where the Training tab's Data group turns on standard scaling (the default for imported tables).`,
    },
  ];
}
