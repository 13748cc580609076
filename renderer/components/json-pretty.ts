/**
 * Pretty-prints text that holds a JSON object or array; null for anything else.
 *
 * Scalars (`"x"`, `42`, `true`) are left alone: they read better as they are. The result is
 * shown as text in a `<pre>`, never as HTML.
 */
export function prettyJson(text: string, maxLength = 1_000_000): string | null {
  const trimmed = text.trim();
  const first = trimmed[0];
  const last = trimmed[trimmed.length - 1];
  const looksLikeJson = (first === '{' && last === '}') || (first === '[' && last === ']');
  if (!looksLikeJson || trimmed.length > maxLength) {
    return null;
  }
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null ? JSON.stringify(value, null, 2) : null;
  } catch {
    return null;
  }
}
