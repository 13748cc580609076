/**
 * Frees the memory of spent export Buffers at once instead of at V8's leisure.
 *
 * A native export thread gets one 2 MiB Buffer per block from SQLite and drops it once written.
 * V8 frees dead ArrayBuffers on its platform threads, late: strace of a 2M-row export showed the
 * export threads mapping the blocks and V8's threads unmapping them, with up to 90 MiB of spent
 * blocks still mapped, and a 10M-row export grew its worker by 147 MiB, against a 150 MB budget.
 * `ArrayBuffer.prototype.transfer(0)` detaches a buffer and frees its store immediately.
 */
import v8 from 'node:v8';

let enabled = false;

interface Transferable {
  transfer?: (length: number) => ArrayBuffer;
}

/**
 * Makes `transfer` available to threads started after this call. Node 20's V8 has it behind a
 * harmony flag, which only takes effect in contexts created later (our export threads); newer
 * runtimes (Electron, Node 22) ship it and need nothing.
 */
export function enableBufferRelease(): void {
  if (enabled || typeof (ArrayBuffer.prototype as Transferable).transfer === 'function') {
    return;
  }
  enabled = true;
  try {
    v8.setFlagsFromString('--harmony-rab-gsab-transfer');
  } catch {
    // Not this V8: spent Buffers are left to the collector, as before.
  }
}

/** True where this thread can free Buffers at once. */
export function canReleaseBuffers(): boolean {
  return typeof (ArrayBuffer.prototype as Transferable).transfer === 'function';
}

/**
 * Frees `buf`'s memory now when it owns its whole ArrayBuffer (not a slice of Node's pool or of a
 * larger buffer). The Buffer must not be used afterwards: it reads as empty.
 */
export function releaseBuffer(buf: Buffer): void {
  const ab = buf.buffer as ArrayBuffer & Transferable;
  if (typeof ab.transfer === 'function' && buf.byteOffset === 0 && buf.byteLength === ab.byteLength && ab.byteLength > 0) {
    ab.transfer(0);
  }
}
