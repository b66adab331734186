import { describe, expect, it } from 'vitest';
import { median, scalingTable } from '../../../bench/suites/thread-scaling';

describe('thread-scaling suite', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('reports each epoch by the ratio of the medians, and the range of the rounds\' own ratios', () => {
    // Rounds: one thread [cold, warm], two threads [cold, warm]; the third round is an outlier on two threads.
    const table = scalingTable(
      [[0.7, 0.68], [0.72, 0.7], [0.71, 0.69]],
      [[0.5, 0.4], [0.48, 0.41], [0.9, 0.4]],
    ).split('\n');
    expect(table[2]).toBe("| first (cold process: the table's W1) | 0.710 s (0.70–0.72) | 0.500 s (0.48–0.90) | **1.42×** | 0.79–1.50× |");
    expect(table[3]).toBe('| second (compiled code: every later epoch and run in the app) | 0.690 s (0.68–0.70) | 0.400 s (0.40–0.41) | **1.72×** | 1.70–1.72× |');
  });
});
