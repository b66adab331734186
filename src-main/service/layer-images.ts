import { ApiError } from '../../src-core/contract/api-error';
import type { RunLayerImages } from '../../src-core/contract/runs-api';
import { tensor } from '../../src-core/contract/tensor';
import { convFilters, denseWeightHeatmaps, featureMaps, normalizePer } from '../../src-core/insight/index';
import { analyzeSpec, createPredictor } from '../../src-core/nn/index';
import type { LabStore } from '../store/lab-store';
import type { RunDatasets } from './run-datasets';
import type { RunRunner } from './run-runner';

/**
 * `runs.layer-images`: a run's weights (live or stored) as images (dense heatmaps, conv filters) and, for image data, the
 * feature maps of one of its rows; every number from src-core/insight, tensors as the contract's `Tensor`.
 */
export async function runLayerImages(store: LabStore, datasets: RunDatasets, runner: RunRunner, id: string, row = 0): Promise<RunLayerImages> {
  const detail = store.getRunDetail(id);
  // A run this process trains: the weights its worker has now (after the epoch in hand).
  const live = await runner.liveWeights(id);
  const kind = live ? 'live' : detail.weights?.some((w) => w.kind === 'best') ? 'best' : 'final';
  const stored = live ? { spec: detail.spec, ...live } : store.getWeights(id, kind as 'final' | 'best');
  if (!stored) throw new ApiError({ code: 'conflict', field: 'id', message: `Run "${detail.name}" has no weights yet: they come after its first epoch.` });
  const { spec, state } = stored;
  const result: RunLayerImages = {
    weights: { kind, epoch: stored.epoch },
    heatmaps: denseWeightHeatmaps(spec.layers, state).map((h) => ({ layer: h.layer, weights: tensor('float32', h.weights.shape, h.weights.data), maxAbs: h.maxAbs })),
    filters: convFilters(spec.layers, state).map((f) => ({ layer: f.layer, type: f.type, images: tensor('float32', f.images.shape, f.images.data) })),
    featureMaps: [],
  };
  if (spec.input.length !== 3 || !spec.layers.some((l) => l.type === 'conv2d')) return result;
  // The run's own split (its data set-up, when it had one), so row N is the row it validated on.
  const dataset = datasets.resolve(datasets.datasetIdOfRun({ ...detail, datasetId: detail.datasetId ?? '' }), detail.data);
  if (dataset.source.kind !== 'shared') return result;
  const data = dataset.source.data;
  const split = data.validation && data.validation.rows > 0 ? 'validation' : 'train';
  const rows = split === 'validation' ? data.validation! : data.train;
  if (row >= rows.rows) throw new ApiError({ code: 'invalid_args', field: 'row', message: `runs.layer-images: row: ${row} is past the ${rows.rows} ${split} rows (0 to ${rows.rows - 1})` });
  const size = spec.input.reduce((a, b) => a * b, 1);
  const [c, h, w] = spec.input as [number, number, number];
  const pixels = rows.x.slice(row * size, (row + 1) * size);
  const label = data.task === 'classification' ? dataset.info.classes?.[rows.y[row]!] ?? String(rows.y[row]) : undefined;
  result.input = { row, rows: rows.rows, split, image: tensor('float32', [c, h, w], normalizePer(pixels, 1, size)), ...(label !== undefined ? { label } : {}) };
  const maps = featureMaps(createPredictor(spec, state), spec.layers, analyzeSpec(spec).layers.map((l) => l.outputShape), pixels);
  result.featureMaps = maps.map((m) => ({ layer: m.layer, type: m.type, images: tensor('float32', m.images.shape, m.images.data) }));
  return result;
}
