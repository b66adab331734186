/**
 * Inside the network: the pure computations behind every view of what a network learns (issue 12). Each file
 * has one purpose; views only arrange and draw what these return.
 */
export type { ActivationSource, Forward, Tensor } from './tensor';
export { classConfidence, outputsAreProbabilities } from './class-confidence';
export { columnTransform, featurePlane, fromPlane, planeBounds, principalPlane, toPlane } from './plane';
export type { FeaturePlaneOptions, InputPlane, PlaneBounds } from './plane';
export { boundaryGrid, cellCentre, fittedCurve } from './boundary-grid';
export type { BoundaryGrid, GridOptions } from './boundary-grid';
export { pca2, type Pca } from './pca';
export { hiddenProjection, lastHiddenLayer, type HiddenProjection } from './hidden-projection';
export { cellRowsOf, confusionDetail, confusionOfPredictions, splitConfusion, type ConfusionDetail } from './confusion-detail';
export { gradientFlow, layerSeries, type LayerSeries, type LayerSeriesSet } from './layer-series';
export { ridgeline, type Ridgeline } from './histogram-ridgeline';
export { trainingPace } from './training-pace';
export { diagnose, THRESHOLDS, type DiagnoseInput, type Finding, type FindingKind } from './diagnosis';
export { inputStats, inputStatsFromReport, modelInputStats, type InputStats } from './input-stats';
export { pauseDecision, type PauseDecision } from './auto-pause';
export { convFilters, featureMaps, normalizePer, type LayerImages } from './conv-images';
export { pickedBoundary, pickedPlane, snapshotState } from './picked-plane';
export { DEFAULT_SNAPSHOT_BUDGET, planSnapshots, shouldSnapshot, type SnapshotPlanOptions } from './snapshot-plan';
export { denseWeightHeatmaps, type WeightHeatmap } from './weight-heatmap';
export { matrixReport, type MatrixReport } from './matrix-report';
