import { ApiError } from '../../src-core/contract/api-error';
import type { ModelExportFormat, RunExport } from '../../src-core/contract/runs-api';
import { tensor } from '../../src-core/contract/tensor';
import type { ExportSource } from '../../src-core/export/export-source';
import { kerasScript } from '../../src-core/export/keras-script';
import { writeOnnx } from '../../src-core/export/onnx';
import { pytorchScript } from '../../src-core/export/pytorch-script';
import { writeSafetensors } from '../../src-core/export/safetensors';
import type { LabStore } from '../store/lab-store';

/** Everything an exporter needs of a stored run: its final weights, preprocessor, settings and optimizer state. */
export function runExportSource(store: LabStore, id: string): ExportSource {
  const run = store.getRun(id);
  const weights = store.getWeights(id, 'final');
  if (!weights) throw new ApiError({ code: 'conflict', field: 'id', message: `Run "${run.name}" has no stored weights (it is ${run.status}).` });
  const preprocess = store.getPreprocessor(id);
  const resume = store.getResume(id);
  return {
    name: run.name,
    spec: weights.spec,
    state: weights.state,
    train: run.train,
    ...(preprocess ? { preprocess } : {}),
    ...(resume ? { optimizerState: resume.optimizer } : {}),
  };
}

/**
 * A run as an ONNX model, a PyTorch or Keras script, or its weights as safetensors; binary files as a uint8 tensor.
 * `savedAs` is the file name the user chose, when known: the scripts' usage lines name it.
 */
export function modelExport(store: LabStore, id: string, format: ModelExportFormat, stem: string, appVersion: string, savedAs?: string): RunExport {
  const source = runExportSource(store, id);
  const task = store.getRun(id).task;
  switch (format) {
    case 'onnx': {
      const bytes = writeOnnx(source, appVersion);
      return { fileName: `${stem}.onnx`, mimeType: 'application/octet-stream', bytes: tensor('uint8', [bytes.length], bytes) };
    }
    case 'safetensors': {
      const bytes = writeSafetensors(source.state, { format: 'pt', 'nn-lab.spec': JSON.stringify(source.spec) });
      return { fileName: `${stem}.safetensors`, mimeType: 'application/octet-stream', bytes: tensor('uint8', [bytes.length], bytes) };
    }
    case 'pytorch':
      return { fileName: `${stem}.py`, mimeType: 'text/x-python', text: pytorchScript(source, task, savedAs ?? `${stem}.py`) };
    case 'keras':
      return { fileName: `${stem}_keras.py`, mimeType: 'text/x-python', text: kerasScript(source, task, savedAs ?? `${stem}_keras.py`) };
  }
}
