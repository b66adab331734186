import type { TensorData, TrainingSession } from '../../src-core/nn/index';

const chunkRows = 1024;

/**
 * matrix[actual][predicted] over `data`, predicting in chunks. One output column means a binary sigmoid
 * (class 1 when ≥ 0.5); several mean the argmax.
 */
export function confusionMatrix(session: TrainingSession, data: TensorData, inputSize: number, classCount: number): number[][] {
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let start = 0; start < data.rows; start += chunkRows) {
    const rows = Math.min(chunkRows, data.rows - start);
    const outputs = session.predict(data.x.subarray(start * inputSize, (start + rows) * inputSize), rows); // (rows, width)
    const width = outputs.length / rows;
    for (let r = 0; r < rows; r++) {
      let predicted = 0;
      if (width === 1) predicted = outputs[r]! >= 0.5 ? 1 : 0;
      else for (let c = 1; c < width; c++) if (outputs[r * width + c]! > outputs[r * width + predicted]!) predicted = c;
      const actual = data.y[start + r]!;
      if (actual >= 0 && actual < classCount && predicted < classCount) matrix[actual]![predicted]!++;
    }
  }
  return matrix;
}
