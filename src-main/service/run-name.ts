/**
 * A new run's default name: the dataset's name and its next number, counted per dataset ("XOR #1" is the first
 * XOR run). The number follows the highest one already used for that dataset, so a deleted run's number is not
 * handed out again while a later one exists.
 */
export function nextRunName(datasetName: string, existingNames: Iterable<string>): string {
  const prefix = `${datasetName} #`;
  let highest = 0;
  for (const name of existingNames) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    if (/^\d+$/.test(rest)) highest = Math.max(highest, Number(rest));
  }
  return `${prefix}${highest + 1}`;
}
