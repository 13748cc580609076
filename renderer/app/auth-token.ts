/** The browser-mode token and the hash that remains once it is taken out of the URL. */
export interface HashToken {
  readonly token: string | null;
  /** The hash without the token part ('' when nothing else was there). */
  readonly rest: string;
}

/**
 * Reads `#token=…` (possibly among other `&`-separated parts) from a location hash.
 *
 * The token travels in the hash because browsers never send the hash to a server or put it in
 * a Referer, so it only leaves the page in our own request header.
 */
export function tokenFromHash(hash: string): HashToken {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') {
    return { token: null, rest: '' };
  }
  let token: string | null = null;
  const kept: string[] = [];
  for (const part of body.split('&')) {
    if (part.startsWith('token=') && token === null) {
      token = safeDecode(part.slice('token='.length));
    } else if (part !== '') {
      kept.push(part);
    }
  }
  return { token: token === '' ? null : token, rest: kept.length > 0 ? `#${kept.join('&')}` : '' };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
