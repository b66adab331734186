import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BaseWindow, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPickFileHandler, readLastFolder, type OpenDialog } from '../../../src-main/electron/dialogs';

/** Electron's dialog stands in here (the only thing mocked): it records what it was asked and answers as told. */
class ScriptedDialog implements OpenDialog {
  readonly calls: Array<{ parent: BaseWindow | undefined; options: OpenDialogOptions }> = [];
  constructor(private readonly answers: OpenDialogReturnValue[]) {}
  showOpenDialog(a: BaseWindow | OpenDialogOptions, b?: OpenDialogOptions): Promise<OpenDialogReturnValue> {
    this.calls.push(b ? { parent: a as BaseWindow, options: b } : { parent: undefined, options: a as OpenDialogOptions });
    return Promise.resolve(this.answers.shift() ?? { canceled: true, filePaths: [] });
  }
}

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'nn-lab-dialogs-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('app.pick-file in the desktop app', () => {
  it('opens a CSV/TSV/TXT dialog modal to the window and returns the chosen path', async () => {
    const window = { id: 1 } as unknown as BaseWindow;
    const dialog = new ScriptedDialog([{ canceled: false, filePaths: ['/data/iris/iris.csv'] }]);
    const pick = createPickFileHandler({ dialog, parent: () => window, memoryFile: join(dir, 'dialogs.json'), defaultFolder: () => '/home/me/Documents' });
    expect(await pick({ purpose: 'dataset' })).toEqual({ path: '/data/iris/iris.csv' });
    const call = dialog.calls[0]!;
    expect(call.parent).toBe(window);
    expect(call.options.properties).toEqual(['openFile']);
    expect(call.options.filters![0]!.extensions).toEqual(['csv', 'tsv', 'txt']);
    expect(call.options.defaultPath).toBe('/home/me/Documents');
  });

  it('returns null when the user cancels, and remembers nothing', async () => {
    const dialog = new ScriptedDialog([{ canceled: true, filePaths: [] }]);
    const memoryFile = join(dir, 'dialogs.json');
    const pick = createPickFileHandler({ dialog, parent: () => undefined, memoryFile, defaultFolder: () => '/docs' });
    expect(await pick({ purpose: 'dataset' })).toBeNull();
    expect(dialog.calls[0]!.parent).toBeUndefined();
    expect(readLastFolder(memoryFile)).toBeUndefined();
  });

  it('opens the next dialog in the folder of the last file picked, also after a restart', async () => {
    const memoryFile = join(dir, 'dialogs.json');
    const first = new ScriptedDialog([{ canceled: false, filePaths: ['/data/sets/a.csv'] }]);
    await createPickFileHandler({ dialog: first, parent: () => undefined, memoryFile, defaultFolder: () => '/docs' })({ purpose: 'dataset' });
    // A new handler (as after restarting the app) reads the folder from the file.
    const second = new ScriptedDialog([{ canceled: true, filePaths: [] }]);
    await createPickFileHandler({ dialog: second, parent: () => undefined, memoryFile, defaultFolder: () => '/docs' })({ purpose: 'dataset' });
    expect(second.calls[0]!.options.defaultPath).toBe('/data/sets');
    expect(JSON.parse(readFileSync(memoryFile, 'utf8'))).toEqual({ lastFolder: '/data/sets' });
  });

  it('falls back to the default folder when the memory file is corrupt or missing', async () => {
    const memoryFile = join(dir, 'dialogs.json');
    writeFileSync(memoryFile, '{not json');
    const dialog = new ScriptedDialog([{ canceled: false, filePaths: ['/x/y.tsv'] }]);
    const pick = createPickFileHandler({ dialog, parent: () => undefined, memoryFile, defaultFolder: () => '/docs' });
    expect(await pick({ purpose: 'dataset' })).toEqual({ path: '/x/y.tsv' });
    expect(dialog.calls[0]!.options.defaultPath).toBe('/docs');
    expect(readLastFolder(memoryFile)).toBe('/x');
    // A folder that cannot be written (a missing directory) does not fail the pick.
    const unwritable = createPickFileHandler({ dialog: new ScriptedDialog([{ canceled: false, filePaths: ['/z/w.csv'] }]), parent: () => undefined, memoryFile: join(dir, 'gone', 'dialogs.json'), defaultFolder: () => '/docs' });
    expect(await unwritable({ purpose: 'dataset' })).toEqual({ path: '/z/w.csv' });
  });
});
