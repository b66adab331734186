/** Comparing runs: aligned curves, seed groups and their bands, config diffs, significance tests, time to target. */
export { alignByEpoch, type AlignedMetric, type AlignedSeries } from './align-by-epoch';
export { canonicalJson } from './canonical-json';
export { comparisonTable, comparisonTableCsv, type ComparisonRow } from './comparison-table';
export { confirmWinnerPlan, confirmWinnerReport, type ConfirmedPoint, type ConfirmPoint, type ConfirmReport } from './confirm-winner';
export { diffConfigs, formatConfigValue, runConfigForDiff, type ConfigDifference } from './config-diff';
export { groupLabels } from './group-labels';
export { curveNames, isBetter, metricDirection, metricNames, metricValue, type CurveName, type MetricDirection, type MetricName, type TimedEpoch } from './metric';
export { withElapsed, withForkStarts } from './wall-time';
export type { RunMetrics, RunWithConfig } from './run-input';
export {
  bandsForGroup,
  comparableConfig,
  configKey,
  groupBySeed,
  type BandPoint,
  type ComparableConfig,
  type SeedBands,
  type SeedGroup,
} from './seed-groups';
export {
  chooseDesign,
  compareSamples,
  compareSeedGroups,
  seedValues,
  type GroupComparison,
  type SeedValue,
  type TestDesign,
  type ValueAt,
} from './significance';
export { freshSeeds, pairedAB, repeatWithSeeds, withSeed, type PairedPlan, type Seeded } from './seed-plans';
export { summarizeRun, summarizeRuns, type EpochValue, type RunMetricSummary } from './summary';
export { timeToTarget, timeToTargetForRuns, type TargetReached, type TargetSpec, type TimeToTargetRow } from './time-to-target';
export {
  FEW_SEEDS,
  formatP,
  metricLabel,
  metricScale,
  powerEstimate,
  RANK_TEST_MIN_N,
  testLabel,
  tTestPower,
  verdict,
  verdictFromValues,
  verdictSentence,
  type BayesComparison,
  type PowerEstimate,
  type Verdict,
  type VerdictOptions,
  type VerdictTest,
} from './verdict';
export { emaSmooth } from './smooth';
export { verifyRepeats, verifyRuns, type MetricMismatch, type RepeatVerification, type Verification } from './verify-runs';
export { curveDifference, whatChanged, type CurveDifference, type WhatChanged } from './what-changed';
export { mean, sampleStd, sampleVariance } from './stats/descriptive';
export { normalCdf, normalQuantile, normalTwoSidedP, studentTCdf, studentTQuantile, studentTTwoSidedP } from './stats/distributions';
export { MANN_WHITNEY_EXACT_MAX_N, mannWhitneyU, type MannWhitneyU } from './stats/mann-whitney';
export { pairedTTest, type PairedTTest } from './stats/paired-t-test';
export { binomial, permutationTest, type PermutationOptions, type PermutationTest } from './stats/permutation-test';
export { hodgesLehmannPaired, hodgesLehmannTwoSample, type ShiftEstimate } from './stats/hodges-lehmann';
export { midranks, type Ranking } from './stats/ranks';
export type { NotEnoughData, TestName } from './stats/test-result';
export { hedgesCorrection, welchTTest, type WelchTTest } from './stats/welch-t-test';
export { SIGNED_RANK_EXACT_MAX_N, wilcoxonSignedRank, type WilcoxonSignedRank } from './stats/wilcoxon-signed-rank';
export { brushedRuns, parallelCoordinates, settingScatter, type ParallelAxis, type ParallelData, type ParallelRow, type ScatterPoint, type SettingScatter } from './parallel-coordinates';
export { forkEpochs, fromForkEpoch, parseForkEpoch, type ForkEpochs } from './fork-epoch';
export { packBands, packCurve, unpackBands, unpackCurve, type PackedBands, type PackedCurve, type PackedSeries } from './packed-curves';
export { thinPoints } from './thin-points';
export { alignedAtEpochs, bandsAtEpochs, MAX_CURVE_POINTS, thinAligned, thinBands, thinIndices } from './thin-curves';
