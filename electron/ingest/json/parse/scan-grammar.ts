/**
 * The JSON scanner's state codes and byte tests, shared by the files that make up the scanner
 * (json-scanner.ts and the scan-* token files). Plain numbers, so state checks stay integer compares.
 */

// What the scanner expects next, outside tokens.
/** Before a top-level value (or a record, inside an exploded top-level array). */
export const TOP = 0;
/** After a ':' inside an object. */
export const VALUE = 1;
/** Just after '[': a value or ']'. */
export const ARR_FIRST = 2;
/** After ',' in an array: a value (']' would be a trailing comma). */
export const ARR_NEXT = 3;
/** Just after '{': a key or '}'. */
export const OBJ_FIRST = 4;
/** After ',' in an object: a key. */
export const KEY = 5;
/** After a key: ':'. */
export const COLON = 6;
/** After a value inside a container: ',' or the closing bracket. */
export const AFTER = 7;

// The token or skip state carried from one chunk to the next.
/** Between tokens. */
export const T_NONE = 0;
/** Inside a string. */
export const T_STRING = 1;
/** Inside a number. */
export const T_NUMBER = 2;
/** Inside `true`, `false` or `null`. */
export const T_LITERAL = 3;
/** Skipping the rest of a bad line (JSON Lines). */
export const T_SKIP_LINE = 4;
/** After a fatal error: the rest of the input is ignored. */
export const T_DEAD = 5;
/** Past the depth cap: counting brackets only. */
export const T_DEEP = 6;

/** Container kind of an object on the scanner's stack. */
export const OBJ = 1;
/** Container kind of an array on the scanner's stack. */
export const ARR = 2;

/** True for the first byte of any JSON value. */
export function startsValue(c: number): boolean {
  return c === 0x7b || c === 0x5b || c === 0x22 || c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e;
}

/** A byte as an error message shows it: the character when printable, else its hex code. */
export function shown(c: number): string {
  return c >= 0x21 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0').toUpperCase()}`;
}
