import { describe, expect, it } from 'vitest';
import { layerKinds, newLayer, recordEdit, redo, startHistory, undo } from '../../../src-core/workbench/layer-edits';
import type { LayerSpec, ModelSpec } from '../../../src-core/contract/model-spec';
import { layerKindLabels, layerOptionFields, layerSummary, optionText, paletteGroups, typedOption } from '../../../src-core/workbench/layer-options';
import { paramsText, shapeText } from '../../../src-core/workbench/layer-rows';
import { readSavedPresets, savedPresetMismatch, userPreset, withSavedPreset } from '../../../src-core/workbench/user-preset';

const spec = (units: number): ModelSpec => ({ input: [2], layers: [{ type: 'dense', units }, { type: 'sigmoid' }] });
const field = (type: LayerSpec['type'], name: string) => layerOptionFields(type).find((f) => f.name === name)!;

describe('typing into one option is one undo step', () => {
  it('coalesces edits with the same key, and starts a new step for another key or an unkeyed edit', () => {
    let history = startHistory(spec(1));
    history = recordEdit(history, spec(3), '0.units');
    history = recordEdit(history, spec(32), '0.units');
    expect(history.past).toEqual([spec(1)]);
    expect(history.present).toEqual(spec(32));
    history = recordEdit(history, spec(4), '1.units');
    history = recordEdit(history, spec(5));
    history = recordEdit(history, spec(6));
    expect(history.past.map((s) => (s.layers[0] as { units: number }).units)).toEqual([1, 32, 4, 5]);
    // After an undo, typing again into the same field is a new step (the undone one stays redoable until then).
    history = undo(recordEdit(startHistory(spec(1)), spec(2), '0.units'));
    history = recordEdit(history, spec(7), '0.units');
    expect(history.past).toEqual([spec(1)]);
    expect(redo(history)).toBe(history);
  });
});

describe('typedOption', () => {
  const dense = newLayer('dense');
  it('turns typed text into the option’s value, or names what cannot work', () => {
    expect(typedOption(dense, field('dense', 'units'), ' 64 ')).toEqual({ value: 64 });
    expect(typedOption(dense, field('dense', 'units'), '')).toEqual({ error: 'Units needs a value' });
    expect(typedOption(dense, field('dense', 'units'), '2.5')).toEqual({ error: 'Units must be a whole number' });
    expect(typedOption(dense, field('dense', 'units'), 'ten')).toEqual({ error: 'Units must be a number' });
    expect(typedOption(dense, field('dense', 'units'), '70000')).toEqual({ error: 'Units: at most 65,536 units in a layer' });
    expect(typedOption(newLayer('dropout'), field('dropout', 'rate'), '1')).toMatchObject({ error: expect.stringMatching(/^Dropout rate: /) });
    expect(typedOption(newLayer('batchnorm'), field('batchnorm', 'eps'), '1e-3')).toEqual({ value: 0.001 });
    // An optional option left empty is unset: the engine's default applies.
    expect(typedOption(newLayer('conv2d'), field('conv2d', 'stride'), '')).toEqual({ value: undefined });
    expect(optionText(undefined)).toBe('');
    expect(optionText(0.25)).toBe('0.25');
  });
});

describe('the palette', () => {
  it('lists every layer kind once, each with a name', () => {
    expect(paletteGroups.flatMap((g) => g.kinds).sort()).toEqual([...layerKinds].sort());
    for (const kind of layerKinds) expect(layerKindLabels[kind]).toBeTruthy();
  });
  it('sums up each layer’s main options in a few words', () => {
    expect(layerSummary({ type: 'dense', units: 1 })).toBe('1 unit');
    expect(layerSummary({ type: 'dense', units: 32, bias: false })).toBe('32 units, no bias');
    expect(layerSummary({ type: 'conv2d', filters: 8, kernel: 3, padding: 1 })).toBe('8 × 3×3, pad 1');
    expect(layerSummary({ type: 'conv2d', filters: 8, kernel: 5, stride: 2 })).toBe('8 × 5×5, stride 2');
    expect(layerSummary({ type: 'maxpool2d', size: 2 })).toBe('2×2');
    expect(layerSummary({ type: 'avgpool2d', size: 3, stride: 1 })).toBe('3×3, stride 1');
    expect(layerSummary({ type: 'dropout', rate: 0.25 })).toBe('rate 0.25');
    expect(layerSummary({ type: 'leaky_relu', alpha: 0.01 })).toBe('slope 0.01');
    expect(layerSummary({ type: 'relu' })).toBe('');
  });

  it('shows shapes and parameter counts as the stack prints them', () => {
    expect(shapeText([8, 4, 4])).toBe('8×4×4');
    expect(shapeText([32])).toBe('32');
    expect(paramsText(0)).toBe('no params');
    expect(paramsText(1)).toBe('1 param');
    expect(paramsText(12345)).toBe('12,345 params');
  });
});

describe('saved presets', () => {
  const mine = userPreset('Mine', spec(8));
  it('reads back what was saved, dropping entries that no longer check and text that is not a list', () => {
    const saved = withSavedPreset(withSavedPreset([], mine), userPreset('another', spec(4)));
    expect(saved.map((p) => p.name)).toEqual(['another', 'Mine']);
    expect(readSavedPresets(JSON.stringify([...saved, { format: 'nn-lab-preset', version: 1, name: 'bad', spec: { input: [2], layers: [{ type: 'dense', units: 0 }] } }]))).toEqual(saved);
    expect(readSavedPresets(null)).toEqual([]);
    expect(readSavedPresets('{oops')).toEqual([]);
    expect(readSavedPresets('{"a":1}')).toEqual([]);
  });
  it('replaces a preset saved again under the same name, and says when a network does not fit the data', () => {
    expect(withSavedPreset([mine], userPreset(' mine ', spec(16)))).toEqual([userPreset(' mine ', spec(16))]);
    expect(savedPresetMismatch(mine, [2])).toBeUndefined();
    expect(savedPresetMismatch(mine, [1, 8, 8])).toBe('made for 2 inputs; this dataset has 1×8×8');
  });
});
