import type { RunExport } from '../../../src-core/contract/runs-api';

/** Saves an export as a download: a Blob behind a temporary `<a download>` (the same in Electron and a browser). */
export function saveExport(file: Omit<RunExport, 'mimeType'> & { mimeType: string }): void {
  const body = file.encoding === 'base64' ? Uint8Array.from(atob(file.text), (c) => c.charCodeAt(0)) : file.text;
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
