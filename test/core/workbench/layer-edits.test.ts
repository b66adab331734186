import { describe, expect, it } from 'vitest';
import { layerSpecSchema, type ModelSpec } from '../../../src-core/contract/model-spec';
import { activationNames } from '../../../src-core/contract/layer-names';
import { editLayer, insertLayer, layerKinds, layerOptionIssues, setInitializerEverywhere, moveLayer, newLayer, recordEdit, redo, removeLayer, startHistory, undo } from '../../../src-core/workbench/layer-edits';
import { layerOptionFields } from '../../../src-core/workbench/layer-options';
import { layerRows } from '../../../src-core/workbench/layer-rows';
import { checkUserPreset, userPreset } from '../../../src-core/workbench/user-preset';

const cnn: ModelSpec = {
  input: [1, 8, 8],
  layers: [{ type: 'conv2d', filters: 4, kernel: 3 }, { type: 'relu' }, { type: 'flatten' }, { type: 'dense', units: 10 }],
};

describe('layer edits', () => {
  it('offers every layer kind the engine has, each with valid default options', () => {
    for (const kind of ['dense', 'conv2d', 'maxpool2d', 'avgpool2d', 'flatten', 'dropout', 'batchnorm', ...activationNames]) expect(layerKinds).toContain(kind);
    for (const kind of layerKinds) expect(layerSpecSchema.safeParse(newLayer(kind)).success, kind).toBe(true);
  });

  it('inserts, removes, moves and edits, returning new specs and leaving the old one alone', () => {
    const before = structuredClone(cnn);
    const pooled = insertLayer(cnn, 2, newLayer('maxpool2d'));
    expect(pooled.layers.map((l) => l.type)).toEqual(['conv2d', 'relu', 'maxpool2d', 'flatten', 'dense']);
    expect(insertLayer(cnn, 4, { type: 'softmax' }).layers[4]).toEqual({ type: 'softmax' });
    expect(removeLayer(pooled, 2)).toEqual(cnn);
    expect(moveLayer(cnn, 1, -1).layers.map((l) => l.type)).toEqual(['relu', 'conv2d', 'flatten', 'dense']);
    expect(moveLayer(cnn, 3, 1)).toBe(cnn);
    expect(editLayer(cnn, 0, { filters: 6, padding: 1 }).layers[0]).toEqual({ type: 'conv2d', filters: 6, kernel: 3, padding: 1 });
    expect(editLayer(cnn, 0, { kernel: undefined, type: 'dense' }).layers[0]).toEqual({ type: 'conv2d', filters: 4 });
    expect(() => removeLayer(cnn, 4)).toThrow('layer 4 is not in 0..3');
    expect(cnn).toEqual(before);
  });

  it('names the option of a layer that cannot work, with the contract’s limits, and sets a default initialiser', () => {
    expect(layerOptionIssues({ type: 'dense', units: 70_000 })).toEqual([{ field: 'units', message: 'at most 65,536 units in a layer' }]);
    expect(layerOptionIssues({ type: 'dropout', rate: 1 })[0]!.field).toBe('rate');
    expect(layerOptionIssues({ type: 'conv2d', filters: 4 })).toEqual([{ field: 'kernel', message: 'missing' }]);
    expect(layerOptionIssues(newLayer('conv2d'))).toEqual([]);
    const xavier = setInitializerEverywhere(cnn, 'xavier_uniform');
    expect(xavier.layers.map((l) => ('init' in l ? l.init : undefined))).toEqual(['xavier_uniform', undefined, undefined, 'xavier_uniform']);
  });

  it('undoes and redoes edits, forgetting the redo branch on a new edit and the oldest step past the limit', () => {
    let history = startHistory(cnn, 2);
    const a = removeLayer(cnn, 1);
    const b = removeLayer(a, 0);
    const c = insertLayer(b, 0, newLayer('dropout'));
    history = recordEdit(recordEdit(recordEdit(history, a), b), c);
    expect(history.past).toEqual([a, b]);
    history = undo(undo(history));
    expect(history.present).toBe(a);
    expect(undo(history)).toBe(history);
    history = redo(history);
    expect(history.present).toBe(b);
    history = recordEdit(history, cnn);
    expect(history.future).toEqual([]);
    expect(redo(history)).toBe(history);
  });
});

describe('layerRows', () => {
  it('gives each layer its output shape and parameters from the engine', () => {
    const { rows, totalParams } = layerRows(cnn);
    expect(rows.map((r) => r.shape)).toEqual([[4, 6, 6], [4, 6, 6], [144], [10]]);
    expect(rows.map((r) => r.params)).toEqual([40, 0, 0, 1450]);
    expect(totalParams).toBe(1490);
  });

  it('puts the engine’s message on the impossible layer, keeps shapes before it and none after', () => {
    const spec: ModelSpec = { input: [1, 8, 8], layers: [{ type: 'conv2d', filters: 4, kernel: 3 }, { type: 'maxpool2d', size: 2 }, { type: 'relu' }, { type: 'conv2d', filters: 4, kernel: 5 }, { type: 'flatten' }] };
    const { rows, totalParams, error } = layerRows(spec);
    expect(rows[3]!.error).toBe('layer 3 (conv2d): kernel 5 is larger than its 3×3 input');
    expect(rows[2]).toEqual({ index: 2, type: 'relu', shape: [4, 3, 3], params: 0 });
    expect(rows[4]).toEqual({ index: 4, type: 'flatten' });
    expect(totalParams).toBeUndefined();
    expect(error).toBeUndefined();
  });

  it('shows an error that names no layer above the stack', () => {
    expect(layerRows({ input: [2], layers: [] }).error).toBe('a network needs at least one layer');
  });
});

describe('user presets', () => {
  it('round-trips through JSON and names the field or layer that cannot work', () => {
    const saved = JSON.parse(JSON.stringify(userPreset('my cnn', cnn)));
    expect(checkUserPreset(saved)).toEqual({ preset: saved });
    expect(checkUserPreset({ ...saved, name: ' ' })).toEqual({ issues: [{ field: 'name', message: 'a preset needs a name' }] });
    const bad = checkUserPreset({ ...saved, spec: { ...cnn, layers: [{ type: 'dense', units: 0 }] } });
    expect(bad).toEqual({ issues: [{ field: 'spec.layers.0.units', message: expect.stringMatching(/>0|greater/) }] });
    const tooBig = checkUserPreset(userPreset('x', { input: [1, 2, 2], layers: [{ type: 'conv2d', filters: 1, kernel: 3 }] }));
    expect(tooBig).toEqual({ issues: [{ field: 'spec.layers.0', message: expect.stringContaining('layer 0 (conv2d): kernel 3 is larger') }] });
  });
});

describe('layerOptionFields', () => {
  it('offers every option each layer kind has, with a label and a hint', () => {
    for (const kind of layerKinds) {
      const schema = layerSpecSchema.options.find((o) => o.shape.type.value === kind)!;
      const names = layerOptionFields(kind).map((f) => f.name);
      expect(names).toEqual(Object.keys(schema.shape).filter((k) => k !== 'type'));
      for (const field of layerOptionFields(kind)) expect(field.label && field.hint, `${kind}.${field.name}`).toBeTruthy();
    }
    expect(layerOptionFields('conv2d').map((f) => f.name)).toEqual(['filters', 'kernel', 'stride', 'padding', 'bias', 'init']);
    expect(layerOptionFields('leaky_relu')[0]).toMatchObject({ name: 'alpha', default: 0.01 });
    expect(layerOptionFields('batchnorm').every((f) => f.advanced)).toBe(true);
  });
});
