import { parseModelFile, type LabModelFile } from '../../../src-core/nn/model-file';
import { readInputFile } from './read-input-file';

/** Reads and validates a model file given on the command line or in a run config. */
export function loadModelFile(path: string, cwd: string): { file: LabModelFile; shownAs: string } {
  const { text, shownAs } = readInputFile(path, cwd, 'model file');
  return { file: parseModelFile(text, shownAs), shownAs };
}
