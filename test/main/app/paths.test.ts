import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDatabasePath, defaultDataDir } from '../../../src-main/app/paths';

describe('defaultDataDir (Electron userData for "nn-lab")', () => {
  it('uses $XDG_CONFIG_HOME on Linux, else ~/.config', () => {
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/x/cfg' }, home: '/home/ada' })).toBe(join('/x/cfg', 'nn-lab'));
    expect(defaultDataDir({ platform: 'linux', env: {}, home: '/home/ada' })).toBe(join('/home/ada', '.config', 'nn-lab'));
  });

  it('uses Application Support on macOS and %APPDATA% on Windows', () => {
    expect(defaultDataDir({ platform: 'darwin', env: {}, home: '/Users/ada' })).toBe(
      join('/Users/ada', 'Library', 'Application Support', 'nn-lab'),
    );
    expect(defaultDataDir({ platform: 'win32', env: { APPDATA: 'C:/Users/ada/AppData/Roaming' }, home: 'C:/Users/ada' })).toBe(
      join('C:/Users/ada/AppData/Roaming', 'nn-lab'),
    );
  });

  it('puts the database in lab.db there', () => {
    expect(defaultDatabasePath({ platform: 'linux', env: {}, home: '/home/ada' })).toBe(join('/home/ada', '.config', 'nn-lab', 'lab.db'));
  });
});
