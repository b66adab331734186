import { describe, expect, it } from 'vitest';
import { NetworkStore } from '../../../../src-renderer/places/build/network.svelte';

const digits = { id: 'digits', task: 'classification' as const, inputShape: [1, 8, 8], classes: Array.from({ length: 10 }, (_, i) => String(i)) };
const xor = { id: 'xor', task: 'classification' as const, inputShape: [2], classes: ['0', '1'] };

function store(dataset: typeof digits | typeof xor = digits) {
  const datasets = { selected: dataset as typeof digits | typeof xor | null };
  const loss = { value: 'cross_entropy' as 'cross_entropy' | 'bce' };
  return { network: new NetworkStore(datasets, () => loss.value), datasets, loss };
}

describe('the network store', () => {
  it('starts each dataset from its default preset and keeps each dataset’s edits apart', () => {
    const { network, datasets } = store();
    expect(network.spec!.layers[0]).toMatchObject({ type: 'conv2d' });
    network.pick(-1);
    network.add('dropout');
    expect(network.spec!.layers[0]).toEqual({ type: 'dropout', rate: 0.25 });
    datasets.selected = xor;
    expect(network.spec!.input).toEqual([2]);
    datasets.selected = digits;
    expect(network.spec!.layers[0]!.type).toBe('dropout');
  });

  it('blocks on an impossible layer with the engine’s message, and on option text that cannot work', () => {
    const { network } = store();
    network.type(3, 'kernel', '5');
    network.type(3, 'padding', '0');
    expect(network.blocker).toBe('layer 3 (conv2d): kernel 5 is larger than its 4×4 input');
    network.type(3, 'kernel', 'x');
    expect(network.blocker).toBe('layer 3 (conv2d): Kernel must be a number');
    network.type(3, 'kernel', '3');
    expect(network.blocker).toBeNull();
    // Three steps: kernel 5, padding 0, kernel 3 (the text that could not work made none).
    network.undo();
    expect(network.spec!.layers[3]).toMatchObject({ kernel: 5, padding: 0 });
    network.undo();
    network.undo();
    expect(network.spec!.layers[3]).toMatchObject({ kernel: 3, padding: 1 });
    expect(network.canUndo).toBe(false);
    network.redo();
    expect(network.spec!.layers[3]).toMatchObject({ kernel: 5, padding: 1 });
  });

  it('puts the loss’s needs on the last layer, applies presets with their settings, and loads a run’s network', () => {
    const { network, loss } = store(xor);
    loss.value = 'bce';
    const last = network.spec!.layers.length - 1;
    network.remove(last);
    expect(network.blocker).toBe(`layer ${last - 1} (dense): bce needs the network to end with sigmoid`);
    expect(network.applyPreset('perceptron')).toMatchObject({ optimizer: { type: 'sgd', lr: 1 }, batchSize: 1 });
    expect(network.spec).toEqual({ kind: 'perceptron', input: [2], layers: [{ type: 'dense', units: 1 }] });
    expect(network.firstVisitTraining()).toMatchObject({ epochs: 100 });
    expect(network.firstVisitTraining()).toBeNull();
    network.load('xor', { input: [2], layers: [{ type: 'dense', units: 3 }, { type: 'tanh' }, { type: 'dense', units: 1 }, { type: 'sigmoid' }] });
    expect(network.rows!.totalParams).toBe(13);
    network.undo();
    expect(network.spec!.kind).toBe('perceptron');
  });
});
