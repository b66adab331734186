/** The network editor's keys, as pure functions of a key press (so they are tested without a window). */

export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl+Y redo; null for any other key. */
export function historyKey(press: KeyPress): 'undo' | 'redo' | null {
  if (!(press.ctrlKey || press.metaKey) || press.altKey) return null;
  const key = press.key.toLowerCase();
  if (key === 'z') return press.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && press.ctrlKey && !press.shiftKey) return 'redo';
  return null;
}

/** Whether a key press in this element belongs to the element (its own text undo), not to the editor's history. */
export function ownsHistoryKeys(target: { tagName?: string; isContentEditable?: boolean; type?: string } | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  if (target.tagName === 'TEXTAREA') return true;
  return target.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes(target.type ?? 'text');
}

/** What a key does on a focused layer: Alt+Up/Down moves it, Up/Down/Home/End move the focus, Delete removes it. */
export type LayerKeyAction = { kind: 'move'; by: -1 | 1 } | { kind: 'focus'; to: 'previous' | 'next' | 'first' | 'last' } | { kind: 'remove' };

export function layerKey(press: KeyPress): LayerKeyAction | null {
  if (press.ctrlKey || press.metaKey) return null;
  if (press.altKey) {
    if (press.key === 'ArrowUp') return { kind: 'move', by: -1 };
    if (press.key === 'ArrowDown') return { kind: 'move', by: 1 };
    return null;
  }
  switch (press.key) {
    case 'ArrowUp':
      return { kind: 'focus', to: 'previous' };
    case 'ArrowDown':
      return { kind: 'focus', to: 'next' };
    case 'Home':
      return { kind: 'focus', to: 'first' };
    case 'End':
      return { kind: 'focus', to: 'last' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'remove' };
    default:
      return null;
  }
}

/** Where a layer dragged from `from` and dropped on the gap before `gap` lands (0..count-1), as a move by places. */
export function dropMove(from: number, gap: number): number {
  return gap > from ? gap - 1 - from : gap - from;
}
