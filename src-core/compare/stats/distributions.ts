import { erfc, incompleteBeta } from './special-functions';

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df > 0, need not be an integer: Welch's df is not). */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5); // P(T > |t|)
  return t >= 0 ? 1 - tail : tail;
}

/** Two-sided p value of a t statistic: P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2). */
export function studentTTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, incompleteBeta(df / (df + t * t), df / 2, 0.5));
}

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Two-sided p value of a z statistic: P(|Z| ≥ |z|) = erfc(|z| / √2). */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** The t with P(T ≤ t) = q for Student's t with `df` degrees of freedom (0 < q < 1), by bisection on `studentTCdf`. */
export function studentTQuantile(q: number, df: number): number {
  return invertCdf((t) => studentTCdf(t, df), q);
}

/** The z with P(Z ≤ z) = q for a standard normal Z (0 < q < 1). */
export function normalQuantile(q: number): number {
  return invertCdf(normalCdf, q);
}

/** Bisection of an increasing CDF to 1e-12 in x: slow next to a rational approximation, but exact enough and tiny. */
function invertCdf(cdf: (x: number) => number, q: number): number {
  if (!(q > 0 && q < 1)) return q === 0 ? -Infinity : q === 1 ? Infinity : NaN;
  let lo = -1;
  let hi = 1;
  while (cdf(lo) > q) lo *= 2;
  while (cdf(hi) < q) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
