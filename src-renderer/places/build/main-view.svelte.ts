import type { LabHub } from '../../shared/hub/event-hub';

/** Which view fills the main area: training (curves, progress) or the dataset doctor of an imported dataset. */
export class MainViewStore {
  tab = $state<'training' | 'doctor'>('training');

  /** A finished import shows its dataset doctor. */
  constructor(hub: LabHub) {
    hub.on('dataset.imported', () => {
      this.tab = 'doctor';
    });
  }
}
