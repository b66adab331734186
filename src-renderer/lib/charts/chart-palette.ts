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
  /** One colour per class, in class order. */
  classes: string[];
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
  classes: ['#2f6fdb', '#e0703a', '#1a9e6a', '#a256d6', '#d64b6b', '#8a7a16', '#1697a6', '#6b7280'],
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
  classes: ['#6ea0ff', '#f2955e', '#4cc792', '#c48cf0', '#f07a94', '#d4c25a', '#4ec3d1', '#9ca3af'],
};

export function chartPalette(dark: boolean): ChartPalette {
  return dark ? darkPalette : lightPalette;
}
