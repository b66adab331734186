import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiError } from '../../../src-core/contract/api-error';
import { importSafetensors } from '../../../src-core/export/safetensors';
import { serializeModelFile } from '../../../src-core/nn/model-file';
import { CliUsageError, type CliCommand, type CliIo } from '../command';
import { parseCommandLine } from './command-line';
import { loadModelFile } from './load-model-file';
import { displayPath } from './read-input-file';
import { checkOutputFolder, writeOutputFile } from './write-output-file';

const usage = `Usage: nn-lab import-weights --model MODEL.json --weights FILE.safetensors --out NEW.json

Puts the weights of a safetensors file (nn-lab export --format safetensors, the PyTorch script's 'train
--out', or any PyTorch state_dict saved with safetensors.torch.save_file) into a model file of the same
spec: a new model file with the spec, preprocessing and loss of MODEL.json and the file's weights, for
'nn-lab predict' and 'nn-lab eval'. Names and shapes must be the spec's (docs/FORMATS.md, parameter
names); every missing, extra or mis-shaped tensor is named. PyTorch's num_batches_tracked is skipped.
`;

export const importWeightsCommand: CliCommand = {
  name: 'import-weights',
  summary: 'put the weights of a .safetensors file (e.g. trained in PyTorch) into a model file',
  usage,
  run: importWeights,
};

async function importWeights(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(
    argv,
    { model: { type: 'string' }, weights: { type: 'string' }, out: { type: 'string' } },
    { names: [] },
  );
  for (const flag of ['model', 'weights', 'out'] as const) if (!values[flag]) throw new CliUsageError(`missing --${flag}`);
  checkOutputFolder(values.out!, io.cwd);
  const { file } = loadModelFile(values.model!, io.cwd);
  const full = resolve(io.cwd, values.weights!);
  const shownAs = displayPath(full, io.cwd);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ApiError({ code: code === 'ENOENT' ? 'not_found' : 'bad_input', message: code === 'ENOENT' ? 'weights file not found' : `cannot read the weights file: ${(error as Error).message}`, file: shownAs });
  }
  const state = importSafetensors(file.spec, bytes, shownAs);
  const text = serializeModelFile(file.spec, state, { ...(file.preprocess ? { preprocess: file.preprocess } : {}), ...(file.train ? { train: file.train } : {}) });
  io.out(`imported ${Object.keys(state).length} tensors into ${writeOutputFile(values.out!, io.cwd, text)}\n`);
  return 0;
}
