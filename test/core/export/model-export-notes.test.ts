import { describe, expect, it } from 'vitest';
import { modelExportFormats } from '../../../src-core/contract/runs-api';
import { exportFileStem, modelExportNotes } from '../../../src-core/export/model-export-notes';

describe('model export notes', () => {
  it('file names safe in any file system, from the run name', () => {
    expect(exportFileStem('Two moons #1')).toBe('Two-moons-1');
    expect(exportFileStem('../../etc')).toBe('..-..-etc');
    expect(exportFileStem('***')).toBe('run');
  });

  it('one note per model format, each naming its file in its command', () => {
    const notes = modelExportNotes('iris / small MLP');
    expect(notes.map((n) => n.format).sort()).toEqual([...modelExportFormats].sort());
    for (const note of notes) {
      expect(note.fileName.startsWith('iris-small-MLP')).toBe(true);
      expect(note.command).toContain(note.fileName);
    }
    expect(notes.find((n) => n.format === 'pytorch')!.command).toBe('torchrun --nproc_per_node=4 iris-small-MLP.py train data.csv --epochs 10');
  });
});
