import { describe, expect, it } from 'vitest';
import { appNoticeText } from '../../../../src-renderer/lib/runs/app-notice-text';
import { parseContinueEpochs } from '../../../../src-renderer/lib/runs/continue-epochs';
import { lineageOf } from '../../../../src-renderer/lib/runs/lineage';
import { addTag, removeTag } from '../../../../src-renderer/lib/runs/tag-edit';

describe('addTag / removeTag', () => {
  it('adds a trimmed tag once', () => {
    expect(addTag(['a'], '  b ')).toEqual({ tags: ['a', 'b'] });
    expect(addTag(['a'], 'a').error).toBe('The run is already tagged “a”');
    expect(addTag(['a'], '   ').error).toBe('Type a tag first');
    expect(addTag([], 'x'.repeat(51)).error).toBe('A tag is at most 50 characters');
    expect(removeTag(['a', 'b'], 'a')).toEqual(['b']);
  });
});

describe('parseContinueEpochs', () => {
  it('takes a whole number from 1 to 100,000', () => {
    expect(parseContinueEpochs(' 5 ')).toEqual({ epochs: 5 });
    for (const bad of ['0', '-1', '2.5', 'abc', '', '100001']) {
      expect(parseContinueEpochs(bad)).toEqual({ error: 'Epochs must be a whole number from 1 to 100,000' });
    }
  });
});

describe('lineageOf', () => {
  it('tells a continued run (epochs numbered on, or more planned) from a re-run', () => {
    expect(lineageOf({ epochs: 10 }, null, undefined)).toBeNull();
    expect(lineageOf({ parentRunId: 'p', epochs: 15 }, null, 11)).toBe('continued from');
    expect(lineageOf({ parentRunId: 'p', epochs: 15 }, { epochs: 10, epochsDone: 10 }, undefined)).toBe('continued from');
    expect(lineageOf({ parentRunId: 'p', epochs: 10 }, { epochs: 10, epochsDone: 10 }, 1)).toBe('re-run of');
    expect(lineageOf({ parentRunId: 'gone', epochs: 10 }, null, 1)).toBe('from');
  });
});

describe('appNoticeText', () => {
  it('names the file the corrupt database was set aside as, and keeps the service words as detail', () => {
    const text = appNoticeText({ kind: 'database-set-aside', file: '/d/lab.db.corrupt-1', message: 'The run database /d/lab.db could not be read (file is not a database).' });
    expect(text.headline).toBe('Your run database could not be read and was set aside as /d/lab.db.corrupt-1; NN Lab started a new one.');
    expect(text.detail).toContain('file is not a database');
  });

  it('says a read-only database can be viewed but not saved', () => {
    expect(appNoticeText({ kind: 'database-read-only', file: '/d/lab.db', message: '' })).toEqual({
      headline: 'The run database /d/lab.db is read-only: runs can be viewed but not saved.',
      detail: null,
    });
  });
});
