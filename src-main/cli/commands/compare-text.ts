import type { RunComparison } from '../../../src-core/contract/runs-api';
import { diffConfigs, formatConfigValue, formatP, metricLabel, testLabel, type Verdict } from '../../../src-core/compare/index';

const value = (v: number | undefined): string => (v === undefined ? '-' : Number.isFinite(v) ? v.toFixed(4) : String(v));

const seconds = (s: number): string => `${s < 10 ? s.toFixed(2) : s.toFixed(0)} s`;

/** Rows as aligned columns, two spaces apart, no trailing blanks. */
function columns(rows: string[][], indent = ''): string[] {
  if (rows.length === 0) return [];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  return rows.map((row) => indent + row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}

/** `nn-lab compare` as text: the table, the groups, the settings that differ between groups, the verdict and what changed. */
export function comparisonText(c: RunComparison, configs: readonly unknown[]): string {
  const groupOf = new Map<string, number>();
  c.groups.forEach((g, i) => g.runIds.forEach((id) => groupOf.set(id, i + 1)));
  const withTarget = c.table.some((r) => r.target !== undefined);
  const header = ['RUN', 'NAME', 'SEED', 'GROUP', 'FINAL', 'EPOCH', 'BEST', 'EPOCH', 'TIME'];
  if (withTarget) header.push('TARGET AT');
  const rows = c.table.map((r) => {
    const row = [r.runId, r.name, String(r.seed), String(groupOf.get(r.runId)), value(r.final?.value), String(r.final?.epoch ?? '-'), value(r.best?.value), String(r.best?.epoch ?? '-'), seconds(r.trainingSeconds)];
    if (withTarget) row.push(r.target ? `epoch ${r.target.epoch}, ${seconds(r.target.seconds)}` : 'not reached');
    return row;
  });
  const lines = [`${c.runs.length} runs on ${metricLabel(c.metric)} (${c.metric}):`, '', ...columns([header, ...rows]), ''];

  lines.push(`Groups (runs that differ only by seed): ${c.groups.length}`);
  lines.push(...columns(c.groups.map((g, i) => [String(i + 1), g.label, `${g.runIds.length} run${g.runIds.length === 1 ? '' : 's'}, seed${g.seeds.length === 1 ? '' : 's'} ${g.seeds.join(', ')}`]), '  '), '');

  const settings = diffConfigs(configs);
  if (c.groups.length > 1) {
    lines.push('Settings that differ between the groups:');
    lines.push(...(settings.length ? columns([['SETTING', ...c.groups.map((_, i) => `GROUP ${i + 1}`)], ...settings.map((d) => [d.path, ...d.values.map(formatConfigValue)])], '  ') : ['  none']), '');
  }

  if (c.verdict) lines.push(...verdictLines(c.verdict), '');
  else if (c.groups.length !== 2) lines.push(`No verdict: it compares exactly two groups, and these runs form ${c.groups.length}.`, '');
  if (c.whatChanged) lines.push('What changed:', `  ${c.whatChanged.summary}`, '');
  return `${lines.join('\n').trimEnd()}\n`;
}

function verdictLines(v: Verdict): string[] {
  const f = (x: number): string => String(Number(x.toPrecision(3))).replace(/^-/, '−');
  const unit = (x: number): string => (v.unit === 'points' ? ` point${f(x) === '1' ? '' : 's'}` : '');
  const lines = [`Verdict (${v.nameA} vs ${v.nameB}, ${v.at} ${metricLabel(v.metric)}, ${v.direction === 'max' ? 'higher' : 'lower'} is better):`, `  ${v.sentence}`];
  const rows: string[][] = [];
  const estimator = v.estimator === 'hodges-lehmann' ? 'Hodges–Lehmann estimate of A − B' : 'A − B, difference of the means';
  if (v.ci) rows.push(['difference', `${f(v.difference)}${unit(v.difference)} (${estimator}), ${Math.round(v.ci.level * 100)} % CI ${f(v.ci.low)} to ${f(v.ci.high)}`]);
  if (v.p !== null) rows.push(['test', `${v.test ? testLabel(v.test) : '-'}, ${formatP(v.p)}: ${v.why}`]);
  if (v.effectSize) rows.push(['effect size', `${{ 'cohens-d': "Cohen's d", 'cohens-dz': "Cohen's d_z", 'rank-biserial': 'rank-biserial r' }[v.effectSize.kind]} = ${f(v.effectSize.value)}`]);
  if (v.bayes) {
    const b = v.bayes;
    rows.push(['bayesian', `A better ${b.pABetter.toFixed(3)}, equivalent (±${f(b.margin)}${unit(b.margin)}) ${b.pEquivalent.toFixed(3)}, B better ${b.pBBetter.toFixed(3)}`]);
  }
  if (v.power) {
    const p = v.power;
    const seeds = p.seedsEach ? `about ${p.seedsEach} seeds each detect ${f(p.detect)}${unit(p.detect)}` : 'no spread to estimate from';
    rows.push(['power', `${seeds}; these seeds detect ${Number.isFinite(p.detectableNow) ? `${f(p.detectableNow)}${unit(p.detectableNow)}` : '-'} (80 %, α = 0.05)`]);
  }
  for (const w of v.warnings) rows.push(['warning', w]);
  return [...lines, ...columns(rows, '  ')];
}
