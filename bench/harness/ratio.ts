/** How a peer's time compares with the lab's, in numbers and in words nobody can read backwards. */

export interface Comparison {
  /** peer seconds ÷ lab seconds (per training row when the row counts differ). */
  ratio: number;
  /** True when the row counts differ and the ratio compares time per row. */
  perRow: boolean;
  words: string;
}

const times = (r: number): string => `${r >= 10 ? r.toFixed(0) : r >= 1.995 ? r.toFixed(1) : r.toFixed(2)}×`;

export function compare(peer: { seconds: number; rows: number }, lab: { seconds: number; rows: number }): Comparison {
  const perRow = peer.rows !== lab.rows;
  const ratio = perRow ? peer.seconds / peer.rows / (lab.seconds / lab.rows) : peer.seconds / lab.seconds;
  let words: string;
  if (ratio >= 1.005) words = `the lab is ${times(ratio)} faster`;
  else if (ratio <= 1 / 1.005) words = `the lab is ${times(1 / ratio)} slower`;
  else words = 'same speed';
  return { ratio, perRow, words: perRow ? `${words} (per image)` : words };
}
