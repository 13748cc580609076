// States of the JSON number automaton. Below NUM_DONE_OK a number may not end yet.
const MINUS = 0, DOT = 1, E = 2, ESIGN = 3, ZERO = 4, INT = 5, FRAC = 6, EXP = 7;

/** First state in which a number may end. */
export const NUM_DONE_OK = ZERO;

/** The state after a number's first byte (`-`, `0` or another digit). */
export function numberStart(c: number): number {
  return c === 0x2d ? MINUS : c === 0x30 ? ZERO : INT;
}

/** Advances the automaton by one byte; -1 means the byte is not part of the number. */
export function numberStep(state: number, c: number): number {
  const digit = c >= 0x30 && c <= 0x39;
  switch (state) {
    case MINUS: return c === 0x30 ? ZERO : digit ? INT : -1;
    case ZERO: return c === 0x2e ? DOT : c === 0x65 || c === 0x45 ? E : -1;
    case INT: return digit ? INT : c === 0x2e ? DOT : c === 0x65 || c === 0x45 ? E : -1;
    case DOT: return digit ? FRAC : -1;
    case FRAC: return digit ? FRAC : c === 0x65 || c === 0x45 ? E : -1;
    case E: return c === 0x2b || c === 0x2d ? ESIGN : digit ? EXP : -1;
    case ESIGN: return digit ? EXP : -1;
    case EXP: return digit ? EXP : -1;
    default: return -1;
  }
}

/** True when a short number token may still be lossy: it has an exponent or is a negative zero. */
export function needsLossCheck(buf: Buffer, start: number, end: number): boolean {
  if (buf[start] === 0x2d && buf[start + 1] === 0x30) {
    return true;
  }
  for (let k = start; k < end; k++) {
    const b = buf[k];
    if (b === 0x65 || b === 0x45) {
      return true;
    }
  }
  return false;
}

/**
 * True when `JSON.parse` would silently change the number: an integer beyond 2^53, a value
 * outside the double range (`1e400`), an underflow to zero (`0.1e-400`) or a negative zero.
 * Ordinary decimal rounding of fractions is not counted: that is what a JSON number means.
 */
export function isLossyNumber(text: string): boolean {
  const v = Number(text);
  if (!Number.isFinite(v)) {
    return true;
  }
  if (v === 0) {
    const mantissa = text.replace(/[eE].*$/, '');
    return Object.is(v, -0) || /[1-9]/.test(mantissa);
  }
  // Every integer token past 2^53 is kept by its digits, even one a double happens to hold
  // (-2^63, 2^63): stored as a double it would come back as REAL and print as -9223372036854776000.
  // ±2^53 itself is exact and ordinary; tokens that round to it (9007199254740993) are not.
  return /^-?\d+$/.test(text) && !Number.isSafeInteger(v) && (Math.abs(v) > 2 ** 53 || BigInt(text) !== BigInt(v));
}
