export { bundledDatasets, bundledPreview, bundledTrainingData, findBundledDataset, type BundledDataset } from './catalogue';
export { splitRows } from './split-rows';
