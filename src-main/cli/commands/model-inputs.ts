import { ApiError } from '../../../src-core/contract/api-error';
import type { SimpleCsv } from '../../../src-core/data/numeric-csv';
import type { LabModelFile } from '../../../src-core/nn/model-file';
import { applyScaler } from './feature-scaler';
import { readFeatures } from './tabular-data';

/**
 * (rows, inputSize): the inputs a model file's network reads from a CSV. With the model's preprocess
 * block, the named feature columns (others are ignored) through the saved scaler; without it, every
 * column not in `exclude`, in file order, unscaled.
 */
export function modelInputs(model: LabModelFile, csv: SimpleCsv, inputSize: number, exclude: readonly string[], modelShownAs: string): Float32Array {
  const rows = csv.cells.length;
  if (model.preprocess) {
    const x = readFeatures(csv, model.preprocess.features);
    applyScaler(model.preprocess.scaler, x, rows, inputSize);
    return x;
  }
  const features = csv.header.filter((name) => !exclude.includes(name));
  if (features.length !== inputSize) {
    throw new ApiError({
      code: 'bad_input',
      message:
        `the model takes ${inputSize} inputs but the file has ${features.length} columns (${features.join(', ')}); ` +
        `${modelShownAs} has no preprocess block naming its feature columns`,
      file: csv.fileName,
    });
  }
  return readFeatures(csv, features);
}
