/**
 * Opening links in the user's browser, limited to our own documentation links.
 *
 * `shell.openExternal` hands a URL to the OS, which will happily run `file:`, `smb:` or
 * `ms-msdt:` handlers. Audit rows are full of attacker-controlled URLs, so nothing from data is
 * ever opened: only https links to an allow-list of documentation hosts, checked after parsing.
 */
import type { ElectronSurface } from './electron-surface';

/** Hosts our menus and help texts link to; exact names, no subdomains. */
export const EXTERNAL_DOC_HOSTS: ReadonlySet<string> = new Set(['github.com', 'docs.getdbt.com', 'openlineage.io']);

const MAX_URL_LENGTH = 2048;
// Printable ASCII without spaces: rejects unicode look-alikes, controls and whitespace that the
// URL parser would otherwise silently strip or convert.
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** True when `url` is an https link to an allow-listed documentation host and nothing else. */
export function isSafeExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH || !PRINTABLE_ASCII.test(url)) {
    return false;
  }
  // `\\host\share` and `https:\\host` are UNC or parser-normalised forms; we accept only the plain one.
  if (url.includes('\\') || !url.startsWith('https://')) {
    return false;
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username !== '' || u.password !== '' || u.port !== '') {
    return false;
  }
  // Punycode labels are how unicode look-alikes arrive once parsed.
  if (u.hostname.split('.').some((label) => label.startsWith('xn--'))) {
    return false;
  }
  return EXTERNAL_DOC_HOSTS.has(u.hostname);
}

/** Opens an allow-listed documentation link; returns false (and opens nothing) for anything else. */
export async function openExternal(surface: Pick<ElectronSurface, 'shell'>, url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) {
    return false;
  }
  // Open the parsed form, so the OS receives exactly what was checked.
  await surface.shell.openExternal(new URL(url).href);
  return true;
}
