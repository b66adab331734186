import { ApiError } from '../contract/api-error';

/**
 * JSON text for files people read: reading with errors that point at a line and column, and writing
 * with short arrays and small objects on one line.
 *
 * JSON.parse with errors a person can act on: a syntax error names the file, line and column (V8's own
 * messages give a character offset at best), and `locateJsonPath` finds where a field sits, so a schema
 * error can point at its line too. The scanner only runs after JSON.parse has failed or a schema has
 * rejected the value, so the happy path costs nothing extra.
 */
export function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const { offset, message } = scan(text, undefined).error ?? { offset: 0, message: 'not valid JSON' };
    const { line, column } = lineAndColumn(text, offset);
    throw new ApiError({ code: 'bad_input', message: `invalid JSON: ${message}`, file: fileName, line, column });
  }
}

/** The line and column (1-based) of the value at `path` (e.g. ['train', 'batchSize']), if the text has it. */
export function locateJsonPath(text: string, path: ReadonlyArray<string | number>): { line: number; column: number } | undefined {
  const offset = scan(text, path.map(String).join('\u0000')).found;
  return offset === undefined ? undefined : lineAndColumn(text, offset);
}

/**
 * JSON.stringify with two-space indentation, except that an array of plain values, and an object of
 * plain values that fits in `width` characters, stay on one line: `"input": [1, 28, 28]`,
 * `{"type": "dense", "units": 16}`. Undefined properties are left out, as JSON.stringify does.
 */
export function stringifyJson(value: unknown, indent = '', width = 100): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  const plain = (v: unknown): boolean => v === null || typeof v !== 'object';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(plain)) return `[${value.map((v) => JSON.stringify(v) ?? 'null').join(', ')}]`;
    return `[\n${value.map((v) => inner + stringifyJson(v, inner, width)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  if (entries.every(([, v]) => plain(v))) {
    const line = `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;
    if (indent.length + line.length <= width) return line;
  }
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringifyJson(v, inner, width)}`).join(',\n')}\n${indent}}`;
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Deeper JSON is refused: no config, model file or bundle nests more than a few levels. */
const maxJsonDepth = 1000;

class SyntaxFailure {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** A strict JSON (RFC 8259) scanner: finds the first syntax error, and the offset of the value at `target`. */
function scan(text: string, target: string | undefined): { error?: SyntaxFailure; found?: number } {
  let pos = 0;
  let found: number | undefined;
  let depth = 0;
  const fail = (message: string): never => {
    throw new SyntaxFailure(pos, message);
  };
  const describe = (): string => (pos >= text.length ? 'unexpected end of file' : `unexpected ${JSON.stringify(text[pos])}`);
  const skipSpace = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos]!)) pos++;
  };
  const expectLiteral = (word: string): void => {
    if (text.startsWith(word, pos)) pos += word.length;
    else fail(`${describe()}, expected a value`);
  };
  const string = (): string => {
    const start = pos;
    pos++; // opening quote
    while (pos < text.length) {
      const ch = text[pos]!;
      if (ch === '"') {
        pos++;
        return JSON.parse(text.slice(start, pos)) as string;
      }
      if (ch === '\\') {
        const next = text[pos + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail('bad \\u escape in a string');
          pos += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          pos += 2;
        } else {
          fail('bad escape in a string');
        }
      } else if (ch < ' ') {
        fail(ch === '\n' ? 'unterminated string' : 'control character in a string');
      } else {
        pos++;
      }
    }
    return fail('unterminated string');
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!match || match[0] === '-') fail(`${describe()}, expected a value`);
    pos += match![0].length;
  };
  const object = (child: (key: string) => string): void => {
    pos++;
    skipSpace();
    if (text[pos] === '}') {
      pos++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[pos] !== '"') fail(`${describe()}, expected a double-quoted property name`);
      const key = string();
      skipSpace();
      if (text[pos] !== ':') fail(`${describe()}, expected ':' after a property name`);
      pos++;
      value(child(key));
      skipSpace();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        return;
      }
      fail(`${describe()}, expected ',' or '}' after a property value`);
    }
  };
  const array = (child: (key: string) => string): void => {
    pos++;
    skipSpace();
    if (text[pos] === ']') {
      pos++;
      return;
    }
    for (let index = 0; ; index++) {
      value(child(String(index)));
      skipSpace();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ']') {
        pos++;
        return;
      }
      fail(`${describe()}, expected ',' or ']' after an array element`);
    }
  };
  const value = (path: string): void => {
    skipSpace();
    if (path === target && found === undefined) found = pos;
    const ch = text[pos];
    const child = (key: string): string => (path === '' ? key : `${path}\u0000${key}`);
    if (ch === '{' || ch === '[') {
      // Recursion: a document nested deeper than any config would exhaust the stack (a clear refusal instead).
      if (++depth > maxJsonDepth) fail(`nested more than ${maxJsonDepth} levels deep`);
      if (ch === '{') object(child);
      else array(child);
      depth--;
      return;
    }
    if (ch === '"') {
      string();
      return;
    }
    if (ch === 't') return expectLiteral('true');
    if (ch === 'f') return expectLiteral('false');
    if (ch === 'n') return expectLiteral('null');
    number();
  };
  try {
    value('');
    skipSpace();
    if (pos < text.length) fail(`${describe()} after the end of the JSON value`);
    return { found };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { error, found };
    throw error;
  }
}
