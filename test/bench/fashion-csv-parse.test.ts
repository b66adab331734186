import { describe, expect, it } from 'vitest';
import { parseFashionCsv } from '../../bench/datasets/fashion-csv-parse';

const header = ['label', ...Array.from({ length: 784 }, (_, i) => `pixel${i + 1}`)].join(',');
const row = (label: number, fill: (i: number) => number): string => [label, ...Array.from({ length: 784 }, (_, i) => fill(i))].join(',');
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseFashionCsv', () => {
  it('reads labels and scales pixels to [0, 1]', () => {
    const csv = [header, row(3, (i) => (i === 0 ? 255 : i === 1 ? 51 : 0)), row(9, () => 0), ''].join('\n');
    const data = parseFashionCsv(bytes(csv), 'train.csv');
    expect(data.rows).toBe(2);
    expect(Array.from(data.labels)).toEqual([3, 9]);
    expect(data.pixels.length).toBe(2 * 784);
    expect(data.pixels[0]).toBe(1);
    expect(data.pixels[1]).toBeCloseTo(0.2, 6);
  });

  it('accepts Windows line endings and a missing final newline', () => {
    const data = parseFashionCsv(bytes([header, row(1, () => 7), row(2, () => 8)].join('\r\n')), 'train.csv');
    expect(Array.from(data.labels)).toEqual([1, 2]);
    expect(data.pixels[784]).toBeCloseTo(8 / 255, 6);
  });

  it('names the file, line and column of a bad value', () => {
    const bad = row(1, (i) => (i === 4 ? 300 : 0));
    expect(() => parseFashionCsv(bytes([header, row(0, () => 0), bad].join('\n')), 'train.csv')).toThrow(
      'train.csv: line 3, column 6: value 300 is out of range 0..255',
    );
    const short = [1, 2, 3].join(',');
    expect(() => parseFashionCsv(bytes([header, short].join('\n')), 'test.csv')).toThrow(
      'test.csv: line 2, column 3: expected an integer (the row has 3 values, expected 785)',
    );
  });
});
