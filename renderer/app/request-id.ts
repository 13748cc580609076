/** Random per window, so request ids from two windows never collide on the server. */
const PREFIX = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
let counter = 0;

/** A fresh id for a cancellable call (`table.page`, `table.count`). */
export function newRequestId(): string {
  counter += 1;
  return `r-${PREFIX}-${counter}`;
}
