/** Ranks 1..n with ties given their average rank (midranks), and the sizes of the tie groups (for tie corrections). */
export interface Ranking {
  /** ranks[i] is the (mid)rank of values[i]. */
  ranks: number[];
  /** The size of every group of equal values with more than one member. */
  ties: number[];
}

/** Midranks of `values` (ascending: the smallest value has rank 1). Equality is exact `===`. */
export function midranks(values: readonly number[]): Ranking {
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const ranks = new Array<number>(values.length);
  const ties: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + 1 + end) / 2; // average of ranks start+1 .. end
    for (let k = start; k < end; k++) ranks[order[k]!] = rank;
    if (end - start > 1) ties.push(end - start);
    start = end;
  }
  return { ranks, ties };
}

/** Σ (t³ − t) over tie groups: the quantity every tie correction is built from. */
export function tieSum(ties: readonly number[]): number {
  let sum = 0;
  for (const t of ties) sum += t * t * t - t;
  return sum;
}
