import { chartPalette, type ChartPalette } from './charts/chart-palette';

/** Follows the system's light or dark colour scheme (the CSS follows it through media queries). */
class ThemeStore {
  dark = $state(false);
  palette: ChartPalette = $derived(chartPalette(this.dark));

  constructor() {
    if (typeof window === 'undefined' || !window.matchMedia) return;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    this.dark = query.matches;
    query.addEventListener('change', (event) => (this.dark = event.matches));
  }
}

export const theme = new ThemeStore();
