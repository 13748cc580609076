/**
 * Starts a browser download the way a click on a `download` link does, without leaving the
 * page: the server answers with `Content-Disposition: attachment`, and the browser streams the
 * file to disk itself (the renderer never holds the CSV in memory).
 */
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
