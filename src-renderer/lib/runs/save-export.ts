import type { RunExport } from '../../../src-core/contract/runs-api';

/** An export, or another file the window saves (a chart's PNG or SVG, a table's CSV): text or bytes. */
export type SavedFile = RunExport | ({ fileName: string; mimeType: string } & ({ text: string } | { bytes: { data: Uint8Array } }));

/** Saves an export as a download: a Blob behind a temporary `<a download>` (the same in Electron and a browser). */
export function saveExport(file: SavedFile): void {
  // A copy into a fresh ArrayBuffer: the received bytes may be a view over a larger (or shared) buffer.
  const body = 'bytes' in file ? new Uint8Array(file.bytes.data) : file.text;
  const url = URL.createObjectURL(new Blob([body], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download; revoke on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
