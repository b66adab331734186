/**
 * What the window is about: one run or one dataset, never both. Everything else that depends on it (the run in the
 * pane, the dataset in the list and the preview, the network and settings in the model panel, what Train starts)
 * is derived from this one value, so no two parts of the window can disagree.
 */
export type Selection =
  /** `auto`: picked by the app on opening (the first dataset), not by the user; the newest run may replace it. */
  | { kind: 'dataset'; id: string; auto?: boolean }
  | { kind: 'run'; id: string };

export class SelectionStore {
  current = $state.raw<Selection | null>(null);
  runId: string | null = $derived(this.current?.kind === 'run' ? this.current.id : null);

  pickRun(id: string): void {
    this.current = { kind: 'run', id };
  }

  pickDataset(id: string, auto = false): void {
    this.current = auto ? { kind: 'dataset', id, auto } : { kind: 'dataset', id };
  }

  clear(): void {
    this.current = null;
  }
}

