/** The "Continue for N more epochs" field: a whole number from 1 to 100,000 (what `runs.continue` takes). */
export function parseContinueEpochs(text: string): { epochs?: number; error?: string } {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || value < 1 || value > 100_000) return { error: 'Epochs must be a whole number from 1 to 100,000' };
  return { epochs: value };
}
