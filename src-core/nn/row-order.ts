/** Takes over a saved row order, which must be a permutation of the training rows. */
export function restoreOrder(order: Int32Array, saved: Int32Array): void {
  const seen = new Uint8Array(order.length);
  if (saved.length !== order.length) throw new Error(`rng state: the row order has ${saved.length} rows, the training data ${order.length}`);
  for (const row of saved) {
    if (!(row >= 0 && row < order.length) || seen[row]) throw new Error('rng state: the row order is not a permutation of the training rows');
    seen[row] = 1;
  }
  order.set(saved);
}
