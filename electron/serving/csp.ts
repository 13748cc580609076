/**
 * The one Content-Security-Policy of the renderer, sent as a header by the app:// protocol and
 * the loopback bridge. No eval, no remote code, no frames; `connect-src 'self'` lets browser mode
 * reach its own API. AG Grid injects style elements at run time, hence the style exception.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
