/** Which view fills the main area: training (curves, progress) or the dataset doctor of an imported dataset. */
class MainViewStore {
  tab = $state<'training' | 'doctor'>('training');
}

export const mainView = new MainViewStore();
