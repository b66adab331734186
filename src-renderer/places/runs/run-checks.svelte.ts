import { checkAll, clickCheck, noChecks, type RunChecks } from '../../lib/runs/run-checks';

/** The runs checked in the run list for Compare; kept while the person moves between places. */
export class RunChecksStore {
  checks = $state.raw<RunChecks>(noChecks);
  has(id: string): boolean {
    return this.checks.ids.includes(id);
  }
  click(order: readonly string[], id: string, shift: boolean): void {
    this.checks = clickCheck(this.checks, order, id, shift);
  }
  all(ids: readonly string[]): void {
    this.checks = checkAll(this.checks, ids);
  }
  clear(): void {
    this.checks = noChecks;
  }
}

export const runChecks = new RunChecksStore();
