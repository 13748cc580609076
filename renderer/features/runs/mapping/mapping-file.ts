/**
 * Mapping files in the browser's own way: export downloads the JSON through a Blob and an
 * `<a download>` (no path ever goes to the server), import reads the picked file's text.
 */

/** A file name for a mapping's title: `auditlens-mapping-<title>.json`, safe on every OS. */
export function mappingFileName(title: string): string {
  const safe = title.trim().replace(/[^\w.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80);
  return `auditlens-mapping-${safe === '' ? 'untitled' : safe}.json`;
}

/** Offers text as a download under a file name. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the blob to the download; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Largest mapping file read (the contract's limit for `mapping.import`). */
export const MAX_MAPPING_BYTES = 1_000_000;

/** The text of a picked file, or a sentence when it is too large to be a mapping. */
export async function readMappingFile(file: File): Promise<{ readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string }> {
  if (file.size > MAX_MAPPING_BYTES) {
    return { ok: false, message: `${file.name} is ${file.size.toLocaleString('en-US')} bytes; a mapping file is at most 1 MB.` };
  }
  try {
    return { ok: true, text: await file.text() };
  } catch {
    return { ok: false, message: `${file.name} could not be read.` };
  }
}
