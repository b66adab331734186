import { describe, expect, it } from 'vitest';
import { compare } from '../../bench/harness/ratio';

describe('compare (peer time vs lab time)', () => {
  it('says the lab is faster when the peer takes longer', () => {
    const c = compare({ seconds: 10, rows: 100 }, { seconds: 4, rows: 100 });
    expect(c.ratio).toBeCloseTo(2.5);
    expect(c.words).toBe('the lab is 2.5× faster');
  });

  it('says the lab is slower when the peer is quicker', () => {
    const c = compare({ seconds: 1, rows: 100 }, { seconds: 4, rows: 100 });
    expect(c.ratio).toBeCloseTo(0.25);
    expect(c.words).toBe('the lab is 4.0× slower');
  });

  it('compares time per image when the peer trained on fewer images', () => {
    const c = compare({ seconds: 10, rows: 1_000 }, { seconds: 10, rows: 10_000 });
    expect(c.perRow).toBe(true);
    expect(c.ratio).toBeCloseTo(10);
    expect(c.words).toBe('the lab is 10× faster (per image)');
  });
});
