/**
 * Which derived column config the user last chose for each imported dataset (base id → config id), kept in the
 * page's localStorage so the choice outlives a reload. `datasets.list` lists base datasets only.
 */
export const configMemoryKey = 'nn-lab.dataset-configs';

const configId = /^[A-Za-z0-9_.-]{1,64}$/;

/** The stored map, with anything malformed left out (it is only a convenience: never fail on it). */
export function parseConfigMemory(text: string | null): Record<string, string> {
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const memory: Record<string, string> = {};
  for (const [base, config] of Object.entries(value)) {
    if (configId.test(base) && typeof config === 'string' && configId.test(config) && config.startsWith(`${base}.`)) memory[base] = config;
  }
  return memory;
}

/** `memory` with `base`'s choice set (a config id) or forgotten (null). */
export function rememberConfig(memory: Record<string, string>, base: string, config: string | null): Record<string, string> {
  const { [base]: _old, ...rest } = memory;
  return config === null ? rest : { ...rest, [base]: config };
}
