import { describe, expect, it } from 'vitest';
import type { ParsedTable } from '../../../../src-core/data/csv/csv-table';
import { parseCsv } from '../../../../src-core/data/csv/parse-csv';

/**
 * Edge cases in the spirit of csv-spectrum and PapaParse's tests, written for this reader: each input is read
 * without a header and compared as a grid of strings (numbers as Number would print them, missing as '').
 */
function grid(table: ParsedTable): string[][] {
  return Array.from({ length: table.rows }, (_, r) =>
    table.columns.map((c) => {
      const v = c.values[r];
      return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v);
    }),
  );
}
const read = (text: string): string[][] => grid(parseCsv(new Uint8Array(Buffer.from(text, 'utf8')), { fileName: 't.csv', header: false, delimiter: ',' }));

const cases: Array<[string, string, string[][]]> = [
  ['simple', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
  ['simple CRLF', 'a,b,c\r\n1,2,3\r\n', [['a', 'b', 'c'], ['1', '2', '3']]],
  ['comma in quotes', 'first,last\nJohn,"Doe, Jr."\n', [['first', 'last'], ['John', 'Doe, Jr.']]],
  ['escaped quotes', 'a,b\n1,"ha ""ha"" ha"\n', [['a', 'b'], ['1', 'ha "ha" ha']]],
  ['escaped quotes at the boundaries', 'a,b\n1,"""x"""\n', [['a', 'b'], ['1', '"x"']]],
  ['a field of one escaped quote', 'a,b\n1,""""\n', [['a', 'b'], ['1', '"']]],
  ['JSON in a quoted field', 'key,val\n1,"{""type"": ""Point"", ""coordinates"": [102.0, 0.5]}"\n', [['key', 'val'], ['1', '{"type": "Point", "coordinates": [102.0, 0.5]}']]],
  ['newlines in quotes', 'a,b\n1,"line 1\nline 2"\n3,x\n', [['a', 'b'], ['1', 'line 1\nline 2'], ['3', 'x']]],
  ['CRLF in quotes is kept', 'a,b\r\n1,"x\r\ny"\r\n', [['a', 'b'], ['1', 'x\r\ny']]],
  ['quotes and newlines', 'a,b\n1,"ha\n""ha""\nha"\n', [['a', 'b'], ['1', 'ha\n"ha"\nha']]],
  ['UTF-8', 'a,b\n1,ʤ\n', [['a', 'b'], ['1', 'ʤ']]],
  ['spaces around quotes', 'a,b\n 1 ,  "x y"  \n', [['a', 'b'], ['1', 'x y']]],
  ['spaces inside quotes are kept', 'a,b\n1," x "\n', [['a', 'b'], ['1', ' x ']]],
  ['a line that starts and ends with a quoted field', '"a",b,"c"\n"1",2,"3"\n', [['a', 'b', 'c'], ['1', '2', '3']]],
  ['empty quoted field at the end of the file', 'a,b\n1,""', [['a', 'b'], ['1', '']]],
  ['consecutive empty fields', 'a,b,c,d\n1,,,4\n', [['a', 'b', 'c', 'd'], ['1', '', '', '4']]],
  ['a row of delimiters only', 'a,b,c\n,,\n', [['a', 'b', 'c'], ['', '', '']]],
  ['a quote inside an unquoted field is a character', 'a,b\n1,5\'11"\n', [['a', 'b'], ['1', '5\'11"']]],
  ['one column, no delimiter', 'name\nAda\nAlan\n', [['name'], ['Ada'], ['Alan']]],
  ['a single field without a newline', 'x', [['x']]],
  ['the last row without a newline', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
  ['a delimiter inside quotes in a one-line file', '"a,b",c', [['a,b', 'c']]],
];

describe('parseCsv: csv-spectrum-style cases', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(read(input)).toEqual(expected);
  });

  it('a quoted delimiter does not fool delimiter detection', () => {
    const table = parseCsv(new Uint8Array(Buffer.from('name;note\n"a;b";"x,y"\nc;"1,5"\n')), { fileName: 't.csv' });
    expect(table.delimiter).toBe(';');
    expect(grid(table)).toEqual([['a;b', 'x,y'], ['c', '1,5']]);
  });

  it('an unclosed quote is refused at its line, even mid-file', () => {
    expect(() => read('a,b\n1,2\n3,"4\n5,6\n')).toThrow(/t\.csv: line 3, column 2: a quoted field is never closed/);
  });
});
