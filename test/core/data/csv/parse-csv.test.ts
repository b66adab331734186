import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src-core/contract/api-error';
import type { ParsedTable, TableColumn } from '../../../../src-core/data/csv/csv-table';
import { parseCsv } from '../../../../src-core/data/csv/parse-csv';

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const parse = (text: string | Uint8Array, options: Partial<Parameters<typeof parseCsv>[1]> = {}): ParsedTable =>
  parseCsv(typeof text === 'string' ? utf8(text) : text, { fileName: 'data.csv', ...options });
const values = (column: TableColumn | undefined): unknown[] => Array.from(column!.values as ArrayLike<unknown>);
const col = (table: ParsedTable, name: string): TableColumn => {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
};

function refusal(text: string | Uint8Array): ApiError {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('the file was accepted');
}

describe('parseCsv: RFC 4180 quoting', () => {
  it('keeps delimiters, doubled quotes and newlines inside quoted fields', () => {
    const table = parse('name,note\n"Smith, J","said ""hi"""\n"a","two\nlines"\n');
    expect(values(col(table, 'name'))).toEqual(['Smith, J', 'a']);
    expect(values(col(table, 'note'))).toEqual(['said "hi"', 'two\nlines']);
    expect(table.rows).toBe(2);
  });

  it('counts lines inside quoted fields, so later rows report their real line', () => {
    const table = parse('a,b\n"x\ny",1\nz,2\n');
    expect(Array.from(table.rowLines)).toEqual([2, 4]);
  });

  it('reads quoted numbers as numbers, and an empty quoted field as missing', () => {
    const table = parse('a,b\n"1.5","2"\n"",3\n');
    expect(col(table, 'a').type).toBe('number');
    expect(values(col(table, 'a'))).toEqual([1.5, NaN]);
    expect(col(table, 'a').missing).toBe(1);
  });

  it('accepts a last line without a newline and a trailing empty field', () => {
    const table = parse('a,b,c\n1,2,\n4,5,6');
    expect(values(col(table, 'c'))).toEqual([NaN, 6]);
  });
});

describe('parseCsv: line endings and encodings', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('reads %s line endings', (_name, eol) => {
    const table = parse(['x,y', '1,2', '3,4', ''].join(eol));
    expect(table.rows).toBe(2);
    expect(values(col(table, 'y'))).toEqual([2, 4]);
    expect(Array.from(table.rowLines)).toEqual([2, 3]);
  });

  it('reads every row of a CR file whose quoted field holds an LF', () => {
    const table = parse('a,b\r1,"x\ny"\r2,z\r3,w\r');
    expect(table.rows).toBe(3);
    expect(values(col(table, 'a'))).toEqual([1, 2, 3]);
  });

  it('skips a UTF-8 BOM and says so', () => {
    const table = parse(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('größe,y\n1,2\n')]));
    expect(table.encoding).toBe('utf-8-bom');
    expect(table.columns[0]!.name).toBe('größe');
  });

  it('reads multi-byte UTF-8 text', () => {
    const table = parse('city,n\nZürich,1\n東京,2\n😀,3\n');
    expect(table.encoding).toBe('utf-8');
    expect(values(col(table, 'city'))).toEqual(['Zürich', '東京', '😀']);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    // "café" in Latin-1 (0xE9) and a euro sign in Windows-1252 (0x80).
    const bytes = new Uint8Array([...utf8('name,price\ncaf'), 0xe9, ...utf8(','), 0x80, ...utf8('5\n')]);
    const table = parse(bytes);
    expect(table.encoding).toBe('windows-1252');
    expect(values(col(table, 'name'))).toEqual(['café']);
    expect(values(col(table, 'price'))).toEqual(['€5']);
  });
});

describe('parseCsv: delimiters and decimal commas', () => {
  it.each([
    [',', 'a,b,c\n1,2,3\n4,5,6\n'],
    [';', 'a;b;c\n1;2;3\n4;5;6\n'],
    ['\t', 'a\tb\tc\n1\t2\t3\n4\t5\t6\n'],
    ['|', 'a|b|c\n1|2|3\n4|5|6\n'],
  ])('detects %j', (delimiter, text) => {
    const table = parse(text);
    expect(table.delimiter).toBe(delimiter);
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(values(col(table, 'c'))).toEqual([3, 6]);
  });

  it('reads decimal commas in ; files', () => {
    const table = parse('länge;breite\n1,5;2,25\n-0,5;3\n');
    expect(table.delimiter).toBe(';');
    expect(table.decimalComma).toBe(true);
    expect(values(col(table, 'länge'))).toEqual([1.5, -0.5]);
    expect(values(col(table, 'breite'))).toEqual([2.25, 3]);
  });

  it('does not read a thousands separator in a comma file as a number', () => {
    const table = parse('amount,n\n"1,000",1\n"2,500",2\n');
    expect(col(table, 'amount').type).toBe('text');
    expect(values(col(table, 'amount'))).toEqual(['1,000', '2,500']);
  });

  it('honours a delimiter given by the caller', () => {
    const table = parse('a;b,c\n1;2,3\n', { delimiter: ',' });
    expect(table.columns.map((c) => c.name)).toEqual(['a;b', 'c']);
  });
});

describe('parseCsv: numbers', () => {
  it('reads signs, scientific notation and spaces; an infinity is a missing value', () => {
    const table = parse('v\n+1.5\n-2\n 3e2 \n1.25E-3\n.5\n7.\n-inf\n12345678901234567000\n0.1\n');
    expect(values(col(table, 'v'))).toEqual([1.5, -2, 300, 0.00125, 0.5, 7, NaN, 12345678901234567000, 0.1]);
    expect(col(table, 'v')).toMatchObject({ type: 'number', missing: 1, nonFinite: 1 });
  });

  it('reads 1e999, Infinity and a 30-million-digit number as missing values, at once', () => {
    const huge = '9'.repeat(30_000_000);
    // No timing here (tests never depend on the machine's speed): before the fix this field alone took 10.9 s.
    const table = parse(`v,w\n1e999,1\nInfinity,2\n${huge},3\n-1E+400,4\n2.5,5\n1e-999,6\n`);
    expect(values(col(table, 'v'))).toEqual([NaN, NaN, NaN, NaN, 2.5, 0]);
    expect(col(table, 'v')).toMatchObject({ missing: 4, nonFinite: 4 });
    expect(col(table, 'w')).not.toHaveProperty('nonFinite');
  });

  it('reads a number beyond float32 as missing in a float32 column', () => {
    const table = parse('v\n1e39\n-3.5e38\n3e38\n', { precision: 'float32' });
    expect(values(col(table, 'v'))).toEqual([NaN, NaN, Math.fround(3e38)]);
    expect(col(table, 'v')).toMatchObject({ missing: 2, nonFinite: 2 });
  });

  it('parses decimals exactly like Number()', () => {
    const samples = ['0.1', '0.3', '2.675', '1e22', '1e-22', '123456.789', '9007199254740993', '4.35', '1.7976931348623157e308', '5e-324'];
    const table = parse(`v\n${samples.join('\n')}\n`);
    expect(values(col(table, 'v'))).toEqual(samples.map(Number));
  });

  it('treats a value that is only partly a number as text: 0x10, 12abc, 1_000, 1.2.3', () => {
    for (const bad of ['0x10', '12abc', '1_000', '1.2.3', '--1', '1e', 'e5']) {
      const table = parse(`v,n\n${bad},1\n`, { header: true });
      expect(col(table, 'v').type, bad).toBe('text');
      expect(values(col(table, 'v')), bad).toEqual([bad]);
    }
  });

  it('reads every missing-value spelling as missing in a numeric column', () => {
    const spellings = ['', 'NA', 'N/A', 'NaN', 'null', 'None', '?', '-', 'na', 'NULL', ' NA '];
    const table = parse(`v,n\n${spellings.map((s, i) => `${s},${i}`).join('\n')}\n1.5,99\n`);
    const v = col(table, 'v');
    expect(v.type).toBe('number');
    expect(v.missing).toBe(spellings.length);
    expect(values(v).slice(-1)).toEqual([1.5]);
  });

  it('keeps the original text of earlier rows when a column turns out to be text', () => {
    const table = parse('code,n\n007,1\nNA,2\n12,3\nabc,4\n');
    expect(values(col(table, 'code'))).toEqual(['007', null, '12', 'abc']);
    const blanks = parse('code,n\n1,1\n   \n2,2\nx,3\n');
    expect(values(col(blanks, 'code'))).toEqual(['1', '2', 'x']);
    expect(col(table, 'code').missing).toBe(1);
  });

  it('stores large files as float32 and small ones as float64', () => {
    expect(col(parse('v\n1\n'), 'v').values).toBeInstanceOf(Float64Array);
    expect(col(parse('v\n1\n', { precision: 'float32' }), 'v').values).toBeInstanceOf(Float32Array);
  });
});

describe('parseCsv: header detection', () => {
  it('generates names when the first line holds numbers', () => {
    const table = parse('1,2,3\n4,5,6\n');
    expect(table.header).toBe(false);
    expect(table.rows).toBe(2);
    expect(table.columns.map((c) => c.name)).toEqual(['column1', 'column2', 'column3']);
  });

  it('trims names, names empty ones and makes duplicates unique', () => {
    const table = parse(' a , ,a\n1,2,3\n');
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'column2', 'a_2']);
  });

  it('trims spaces around unquoted text values', () => {
    const table = parse('color,n\n  red ,1\nblue  ,2\n');
    expect(values(col(table, 'color'))).toEqual(['red', 'blue']);
  });

  it('skips blank lines', () => {
    const table = parse('a,b\n\n1,2\n\n\n3,4\n\n');
    expect(table.rows).toBe(2);
  });
});

describe('parseCsv: progress and cancellation', () => {
  const many = `x,y\n${Array.from({ length: 1000 }, (_, i) => `${i},${i * 2}`).join('\n')}\n`;

  it('reports progress every N rows, ending at the full size', () => {
    const seen: number[] = [];
    const table = parse(many, { progressEvery: 100, onProgress: (p) => seen.push(p.rows) });
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen.at(-1)).toBe(1000);
    expect(table.rows).toBe(1000);
  });

  it('stops when the flag is raised', () => {
    const flag = { aborted: false };
    expect(() =>
      parse(many, {
        progressEvery: 100,
        signal: flag,
        onProgress: (p) => {
          if (p.rows >= 300) flag.aborted = true;
        },
      }),
    ).toThrow(/cancelled/);
  });
});

describe('parseCsv: bad input is refused with the file, line and reason', () => {
  it('an empty file', () => {
    const error = refusal('');
    expect(error.code).toBe('bad_input');
    expect(error.file).toBe('data.csv');
    expect(error.message).toMatch(/empty/);
    expect(refusal('\n\r\n').message).toMatch(/empty/);
  });

  it('a header with no rows', () => {
    const error = refusal('a,b,c\n');
    expect(error.message).toMatch(/header but no data rows/);
    expect(error.line).toBe(2);
  });

  it('a ragged row, too short or too long', () => {
    const short = refusal('a,b,c\n1,2,3\n4,5\n');
    expect(short.line).toBe(3);
    expect(short.column).toBe(3);
    expect(short.message).toMatch(/data\.csv: line 3, column 3: this row has 2 fields, the header has 3/);
    const lone = refusal('a,b\n1,\n5\n');
    expect([lone.line, lone.column]).toEqual([3, 2]);
    const long = refusal('a,b\n1,2\n3,4\n5,6,7\n');
    expect(long.line).toBe(4);
    expect(long.column).toBe(3);
  });

  it('an unterminated quote, at the line where it opens', () => {
    const error = refusal('a,b\n1,2\n3,"oops\n4,5\n');
    expect(error.code).toBe('bad_input');
    expect(error.line).toBe(3);
    expect(error.column).toBe(2);
    expect(error.message).toMatch(/unterminated quote/);
  });

  it('text after a closing quote', () => {
    const error = refusal('a,b\n"x"y,2\n');
    expect(error.line).toBe(2);
    expect(error.column).toBe(1);
  });

  it('a binary file', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const error = refusal(png);
    expect(error.code).toBe('bad_input');
    expect(error.message).toMatch(/binary/);
    expect(error.line).toBe(3); // the PNG signature holds a CRLF and an LF before its first NUL
  });

  it('a UTF-16 file', () => {
    expect(refusal(new Uint8Array([0xff, 0xfe, 0x61, 0x00])).message).toMatch(/UTF-16/);
  });
});
