import { describe, expect, it } from 'vitest';
import { moveLayer } from '../../../../../src-core/workbench/layer-edits';
import { dropMove, historyKey, layerKey, ownsHistoryKeys, type KeyPress } from '../../../../../src-renderer/places/build/network/editor-keys';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });

describe('the network editor’s keys', () => {
  it('undoes with Ctrl/Cmd+Z and redoes with Ctrl/Cmd+Shift+Z or Ctrl+Y', () => {
    expect(historyKey(press('z', { ctrlKey: true }))).toBe('undo');
    expect(historyKey(press('z', { metaKey: true }))).toBe('undo');
    expect(historyKey(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(historyKey(press('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(historyKey(press('y', { ctrlKey: true }))).toBe('redo');
    expect(historyKey(press('z'))).toBeNull();
    expect(historyKey(press('z', { ctrlKey: true, altKey: true }))).toBeNull();
  });

  it('leaves Ctrl+Z to text fields, which undo their own typing', () => {
    expect(ownsHistoryKeys({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(ownsHistoryKeys({ tagName: 'TEXTAREA' })).toBe(true);
    expect(ownsHistoryKeys({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(ownsHistoryKeys({ tagName: 'BUTTON' })).toBe(false);
    expect(ownsHistoryKeys({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(ownsHistoryKeys(null)).toBe(false);
  });

  it('moves a focused layer with Alt+Up/Down, the focus with Up/Down/Home/End, and removes with Delete', () => {
    expect(layerKey(press('ArrowUp', { altKey: true }))).toEqual({ kind: 'move', by: -1 });
    expect(layerKey(press('ArrowDown', { altKey: true }))).toEqual({ kind: 'move', by: 1 });
    expect(layerKey(press('ArrowDown'))).toEqual({ kind: 'focus', to: 'next' });
    expect(layerKey(press('Home'))).toEqual({ kind: 'focus', to: 'first' });
    expect(layerKey(press('Delete'))).toEqual({ kind: 'remove' });
    expect(layerKey(press('ArrowUp', { ctrlKey: true }))).toBeNull();
    expect(layerKey(press('a'))).toBeNull();
  });

  it('drops a dragged layer into the gap it was dropped on', () => {
    const spec = { input: [2], layers: ['relu', 'tanh', 'sigmoid', 'linear'].map((type) => ({ type }) as { type: 'relu' }) };
    const order = (from: number, gap: number) => moveLayer(spec, from, dropMove(from, gap)).layers.map((l) => l.type);
    expect(order(0, 4)).toEqual(['tanh', 'sigmoid', 'linear', 'relu']);
    expect(order(3, 0)).toEqual(['linear', 'relu', 'tanh', 'sigmoid']);
    expect(order(1, 3)).toEqual(['relu', 'sigmoid', 'tanh', 'linear']);
    expect(order(2, 2)).toEqual(['relu', 'tanh', 'sigmoid', 'linear']);
    expect(order(2, 3)).toEqual(['relu', 'tanh', 'sigmoid', 'linear']);
  });
});
