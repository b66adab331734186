import { describe, expect, it } from 'vitest';
import type { RunLayerImages } from '../../../../../src-core/contract/runs-api';
import { LayerImagesLoader } from '../../../../../src-renderer/places/runs/inside/layer-images.svelte';

const answer = (epoch: number): RunLayerImages => ({ weights: { kind: 'live', epoch }, heatmaps: [], filters: [], featureMaps: [] });

describe('LayerImagesLoader', () => {
  it('asks one question at a time: wishes made meanwhile collapse into the newest, asked next', async () => {
    const asked: number[] = [];
    const answers: ((value: RunLayerImages) => void)[] = [];
    const loader = new LayerImagesLoader({
      'runs.layer-images': ({ row }) => {
        asked.push(row ?? 0);
        return new Promise((resolve) => answers.push(resolve));
      },
    });
    loader.load('r', 0, 'live:1');
    loader.load('r', 0, 'live:2');
    loader.load('r', 0, 'live:3');
    expect(asked).toEqual([0]);
    answers[0]!(answer(5));
    await new Promise((resolve) => setTimeout(resolve));
    // The answer to the older wish is shown (same run and row), and the newest wish is asked once.
    expect(loader.images?.weights.epoch).toBe(5);
    expect(asked).toEqual([0, 0]);
    answers[1]!(answer(10));
    await new Promise((resolve) => setTimeout(resolve));
    expect(loader.images?.weights.epoch).toBe(10);
    loader.load('r', 0, 'live:3');
    expect(asked).toHaveLength(2);
  });

  it('drops an answer for another row or run, and shows an error in words', async () => {
    let reply: ((value: RunLayerImages) => void) | undefined;
    let fail = false;
    const loader = new LayerImagesLoader({
      'runs.layer-images': () => (fail ? Promise.reject(new Error('Run "x" has no weights yet')) : new Promise((resolve) => (reply = resolve))),
    });
    loader.load('r', 0, 'a');
    loader.load('r', 4, 'a');
    expect(loader.images).toBeNull();
    reply!(answer(1));
    await new Promise((resolve) => setTimeout(resolve));
    expect(loader.images).toBeNull();
    reply!(answer(2));
    await new Promise((resolve) => setTimeout(resolve));
    expect(loader.images?.weights.epoch).toBe(2);
    fail = true;
    loader.load('s', 0, 'a');
    await new Promise((resolve) => setTimeout(resolve));
    expect(loader.images).toBeNull();
    expect(loader.error).toBe('Run "x" has no weights yet');
  });
});
