import { existsSync } from 'node:fs';
import { sep } from 'node:path';

const archive = `${sep}app.asar${sep}`;
const unpacked = `${sep}app.asar.unpacked${sep}`;

/**
 * The copy of a packaged file that electron-builder unpacked beside the archive (its `asarUnpack`):
 * …/resources/app.asar/out/main/train-worker.js becomes …/resources/app.asar.unpacked/out/main/train-worker.js.
 * Worker threads load ES modules with Node's own loader, which cannot read inside app.asar, and a native
 * addon must be a real file; so whatever a worker loads is addressed here. Any other path (a dev checkout,
 * the CLI, a file that was not unpacked) comes back as it is.
 */
export function unpackedPath(file: string): string {
  const at = file.lastIndexOf(archive);
  if (at === -1) return file;
  const candidate = `${file.slice(0, at)}${unpacked}${file.slice(at + archive.length)}`;
  return existsSync(candidate) ? candidate : file;
}
