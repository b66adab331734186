/** Evaluation metrics over flat typed arrays: one file per concern. */
export { accuracy, predictedClasses } from './accuracy';
export { confusionMatrix } from './confusion-matrix';
export { classificationReport, type ClassificationReport, type ClassScores } from './classification-report';
export { multilabelAccuracy, type MultilabelAccuracy } from './multilabel-accuracy';
export { regressionMetrics, type RegressionMetrics } from './regression-metrics';
