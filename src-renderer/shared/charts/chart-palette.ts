/**
 * The one categorical palette for classes, the same in light and dark: ten colours far apart (CIELAB ΔE ≥ 25) whose
 * relative luminance (0.13..0.27) keeps a 3:1 contrast against both the light and the dark chart background. A
 * class past the tenth reuses a colour.
 */
export const classColours: readonly string[] = [
  '#3b7dd8', // blue
  '#d9711c', // orange
  '#2e9a5a', // green
  '#9b59d0', // purple
  '#d6455d', // red
  '#9c7a1e', // ochre
  '#1f9aa8', // teal
  '#c94fa8', // magenta
  '#7b8591', // grey
  '#8f5b3a', // brown
];

/** The colour of class `index` (in class order). */
export function classColour(index: number): string {
  return classColours[index % classColours.length]!;
}

/** Chart colours for each colour scheme; they mirror the CSS variables in app.css. */
export interface ChartPalette {
  text: string;
  muted: string;
  axisLine: string;
  splitLine: string;
  background: string;
  tooltipBackground: string;
  loss: string;
  accuracy: string;
  valLoss: string;
  valAccuracy: string;
}

export const lightPalette: ChartPalette = {
  text: '#1f2328',
  muted: '#656d76',
  axisLine: '#c8ccd1',
  splitLine: '#eceef1',
  background: '#ffffff',
  tooltipBackground: '#ffffff',
  loss: '#2f6fdb',
  accuracy: '#1a9e6a',
  valLoss: '#8fb1ee',
  valAccuracy: '#86d1b2',
};

export const darkPalette: ChartPalette = {
  text: '#e6e8eb',
  muted: '#9aa3ad',
  axisLine: '#3d444d',
  splitLine: '#262c33',
  background: '#161a1f',
  tooltipBackground: '#1f252c',
  loss: '#6ea0ff',
  accuracy: '#4cc792',
  valLoss: '#5b7fc0',
  valAccuracy: '#3d9a72',
};

export function chartPalette(dark: boolean): ChartPalette {
  return dark ? darkPalette : lightPalette;
}

/** The axis look every chart shares: muted names and labels, the palette's axis and grid lines. */
export function axisStyle(palette: ChartPalette) {
  return {
    nameTextStyle: { color: palette.muted },
    axisLabel: { color: palette.muted },
    axisLine: { lineStyle: { color: palette.axisLine } },
    splitLine: { lineStyle: { color: palette.splitLine } },
  };
}
