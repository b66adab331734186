import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, normalTwoSidedP, studentTCdf, studentTQuantile, studentTTwoSidedP } from '../../../../src-core/compare/stats/distributions';
import { erfc, incompleteBeta, logGamma } from '../../../../src-core/compare/stats/special-functions';

/** |actual − expected| ≤ rel · |expected|. */
function expectRelative(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('special functions', () => {
  it('logGamma matches Γ at integers and halves', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expectRelative(logGamma(5), Math.log(24), 1e-14);
    expectRelative(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    expectRelative(logGamma(100), 359.1342053695754, 1e-14); // ln(99!)
  });

  it('incompleteBeta has the closed forms I_x(1, 1) = x and I_x(a, 1) = x^a, and the symmetry', () => {
    expectRelative(incompleteBeta(0.3, 1, 1), 0.3, 1e-14);
    expectRelative(incompleteBeta(0.7, 3, 1), 0.343, 1e-13);
    expectRelative(incompleteBeta(0.2, 2.5, 4) + incompleteBeta(0.8, 4, 2.5), 1, 1e-14);
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
  });

  it('erfc matches known values in both tails', () => {
    expectRelative(erfc(0), 1, 1e-15);
    expectRelative(erfc(1), 0.15729920705028513, 1e-13);
    expectRelative(erfc(-1), 1.8427007929497148, 1e-14);
    expectRelative(erfc(5), 1.537459794428035e-12, 1e-12);
  });
});

describe('Student t distribution', () => {
  it('matches the closed forms for df = 1 (Cauchy) and df = 2', () => {
    for (const t of [-30, -2, -0.5, 0, 0.7, 1.5, 12]) {
      expectRelative(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-13);
      expectRelative(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-13);
    }
  });

  it('gives two-sided p ≈ 0.05 at the textbook 97.5% quantiles', () => {
    // t tables: t(0.975; 10) = 2.228, t(0.975; 1) = 12.706, t(0.975; 30) = 2.042. Reference p from mpmath at 25 digits.
    expectRelative(studentTTwoSidedP(2.228, 10), 0.05001177181711138, 1e-12);
    expectRelative(studentTTwoSidedP(12.706, 1), 0.05000080235813319, 1e-12);
    expect(studentTTwoSidedP(2.042, 30)).toBeCloseTo(0.05, 3);
    // Large df tends to the normal: 1.96 → 0.05.
    expectRelative(studentTTwoSidedP(1.96, 1e6), 0.04999606758526979, 1e-8);
    expectRelative(normalTwoSidedP(1.96), 0.04999579029644087, 1e-13);
  });

  it('is accurate for fractional df (as Welch gives) and far in the tail', () => {
    // mpmath: betainc(df/2, 1/2, 0, df/(df+t²), regularized=True).
    expectRelative(studentTTwoSidedP(3.7, 7.3), 0.007104237761352708, 1e-12);
    expectRelative(studentTTwoSidedP(0.3, 4.5), 0.7775335470394313, 1e-12);
    expectRelative(studentTTwoSidedP(10, 30), 4.575251408229617e-11, 1e-10);
  });

  it('is symmetric, with p = 1 at t = 0 and p = 0 at infinite t', () => {
    expectRelative(studentTCdf(-1.3, 5.5) + studentTCdf(1.3, 5.5), 1, 1e-14);
    expect(studentTTwoSidedP(0, 4)).toBe(1);
    expect(studentTTwoSidedP(Infinity, 4)).toBe(0);
    expect(studentTTwoSidedP(-2.5, 9)).toBe(studentTTwoSidedP(2.5, 9));
  });
});

describe('normal distribution', () => {
  it('has Φ(0) = ½, Φ(1.96) ≈ 0.975 and accurate tails', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 15);
    expectRelative(normalCdf(1.959963984540054), 0.975, 1e-13);
    expectRelative(normalCdf(-8), 6.220960574271784e-16, 1e-11);
  });
});

describe('quantiles', () => {
  it('invert the t and normal CDFs (scipy.stats t.ppf / norm.ppf)', () => {
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.7764451051977934, 9);
    expect(studentTQuantile(0.975, 6.429117553360964)).toBeCloseTo(2.4078622886017635, 9);
    expect(studentTQuantile(0.8, 1)).toBeCloseTo(1.3763819204711738, 9);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 9);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424308822899, 8);
    expect(studentTQuantile(0.5, 3)).toBeCloseTo(0, 6); // the CDF is flat to ~1e-16 within 1e-8 of 0
  });
});
