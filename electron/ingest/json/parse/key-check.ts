/** A key worth reporting: a duplicate within one object, or one named `__proto__`. */
export interface KeyFinding {
  readonly kind: 'duplicate' | 'proto';
  readonly key: string;
  /** JSONPath-like location of the object holding the key, e.g. `$.run.facets`. */
  readonly path: string;
  /** Index of the key's opening quote in the record text. */
  readonly index: number;
}

interface Frame {
  readonly keys: Set<string> | null;
  readonly path: string;
  index: number;
}

const MAX_FINDINGS = 16;

/**
 * Walks valid JSON text and reports duplicate keys (decoded, so `"a"` and `"\u0061"` collide) and
 * `__proto__` keys. Only records the scanner flagged come here, so clarity beats speed; the text has
 * already passed the depth cap, so the explicit stack stays small.
 */
export function findKeyProblems(text: string): KeyFinding[] {
  const out: KeyFinding[] = [];
  const stack: Frame[] = [];
  let pendingKey: string | null = null;
  let i = 0;
  const n = text.length;
  while (i < n && out.length < MAX_FINDINGS) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top?.keys && isKeyPosition(text, end)) {
        const raw = text.slice(i, end);
        const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (top.keys.has(key)) {
          out.push({ kind: 'duplicate', key, path: top.path, index: i });
        }
        if (key === '__proto__') {
          out.push({ kind: 'proto', key, path: top.path, index: i });
        }
        top.keys.add(key);
        pendingKey = key;
      }
      i = end;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      const parent = stack[stack.length - 1];
      const path = parent ? childPath(parent, pendingKey) : '$';
      stack.push({ keys: c === 0x7b ? new Set<string>() : null, path, index: 0 });
      pendingKey = null;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top && !top.keys) {
        top.index++;
      }
    }
    i++;
  }
  return out;
}

function childPath(parent: Frame, key: string | null): string {
  if (!parent.keys) {
    return `${parent.path}[${parent.index}]`;
  }
  return /^[A-Za-z_$][\w$]*$/.test(key ?? '') ? `${parent.path}.${key}` : `${parent.path}[${JSON.stringify(key)}]`;
}

/** Index just after the string token that starts at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q === -1) {
      return text.length;
    }
    let k = q - 1;
    while (text.charCodeAt(k) === 0x5c) {
      k--;
    }
    if ((q - 1 - k) % 2 === 0) {
      return q + 1;
    }
    i = q + 1;
  }
}

function isKeyPosition(text: string, after: number): boolean {
  let i = after;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      return c === 0x3a;
    }
    i++;
  }
  return false;
}
