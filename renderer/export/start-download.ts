/**
 * Starts a browser download the way a click on a `download` link does, without leaving the
 * page: the server answers with `Content-Disposition: attachment`, and the browser streams the
 * file to disk itself (the renderer never holds the CSV in memory).
 */
import type { ApiError } from '../../shared/api/result';
import { downloadHref } from '../app/api-client';

/** Follows a link as a download. */
export function startDownload(href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = '';
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * Downloads a finished browser-mode export through a one-time link asked for just now, so the
 * history keeps only a link that no longer works; a refusal goes to `onError`.
 */
export async function downloadExport(download: string, part: 'provenance' | undefined, onError: (e: ApiError) => void): Promise<void> {
  const href = await downloadHref(download, part);
  if (href.ok) {
    startDownload(href.value);
  } else {
    onError(href.error);
  }
}
