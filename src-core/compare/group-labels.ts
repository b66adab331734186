import { diffConfigs, formatConfigValue } from './config-diff';
import type { ComparableConfig } from './seed-groups';

/**
 * Short names for seed groups from what sets them apart: the first `maxSettings` settings that differ between the
 * groups' configs, as `lr=0.05` (the last part of the path), or the bare value for a `type` or `name` (`sgd, lr=0.1`),
 * joined by ", " (the settings table lists the rest). Groups whose configs are all equal (or a single group) fall
 * back to `fallback[i]` (e.g. the first run's name).
 */
export function groupLabels(configs: readonly ComparableConfig[], fallback: readonly string[], maxSettings = 2): string[] {
  const diff = diffConfigs(configs);
  if (diff.length === 0) return configs.map((_, i) => fallback[i] ?? `group ${i + 1}`);
  const shown = diff.slice(0, maxSettings);
  return configs.map((_, i) => {
    return shown
      .map((d) => {
        const key = lastSegment(d.path);
        const value = formatConfigValue(d.values[i]);
        return key === 'type' || key === 'name' ? value : `${key}=${value}`;
      })
      .join(', ');
  });
}

function lastSegment(path: string): string {
  const match = /([A-Za-z_$][\w$]*)(\[\d+\])?$/.exec(path);
  return match ? match[0] : path;
}
