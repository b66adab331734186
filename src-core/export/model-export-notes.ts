import type { ModelExportFormat } from '../contract/runs-api';

/** A name safe in any file system, from a run's name: what every export file is called. */
export function exportFileStem(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'run';
}

/** What one model export is for and how to run it ("Take it further" in the window, docs/FORMATS.md). */
export interface ModelExportNote {
  format: ModelExportFormat;
  /** The menu's label. */
  label: string;
  fileName: string;
  what: string;
  /** A shell command that uses the file. */
  command: string;
}

/** The model exports of a run, in menu order, with the file names the service gives them. */
export function modelExportNotes(runName: string): ModelExportNote[] {
  const stem = exportFileStem(runName);
  return [
    {
      format: 'pytorch',
      label: 'PyTorch script',
      fileName: `${stem}.py`,
      what: 'The network, its weights and preprocessing in one Python file; continue training on more data, a GPU or several processes.',
      command: `torchrun --nproc_per_node=4 ${stem}.py train data.csv --epochs 10`,
    },
    {
      format: 'onnx',
      label: 'ONNX model',
      fileName: `${stem}.onnx`,
      what: 'The trained network with its scaling in front, for ONNX Runtime in any language; opens in Netron.',
      command: `python3 -c "import onnxruntime as ort; print(ort.InferenceSession('${stem}.onnx').get_inputs()[0].shape)"`,
    },
    {
      format: 'keras',
      label: 'Keras script',
      fileName: `${stem}_keras.py`,
      what: 'The same network and training set-up in tf.keras, weights transposed to Keras’s layout.',
      command: `python3 ${stem}_keras.py predict data.csv`,
    },
    {
      format: 'safetensors',
      label: 'Weights (safetensors)',
      fileName: `${stem}.safetensors`,
      what: 'The weights alone under PyTorch’s state_dict names (safetensors.torch.load_file reads them); the lab takes weights trained elsewhere back the same way.',
      command: `nn-lab import-weights --model model.json --weights ${stem}.safetensors --out trained.json`,
    },
  ];
}
