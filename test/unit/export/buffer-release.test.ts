import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { enableBufferRelease, releaseBuffer } from '../../../electron/sources/sqlite/export/buffer-release';

/** What a thread started after enableBufferRelease can do: the export threads' situation. */
function inNewThread(): Promise<{ transfer: string; before: number; after: number }> {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const buf = Buffer.allocUnsafeSlow(2 << 20);
    const before = buf.buffer.byteLength;
    if (typeof buf.buffer.transfer === 'function') buf.buffer.transfer(0);
    parentPort.postMessage({ transfer: typeof ArrayBuffer.prototype.transfer, before, after: buf.buffer.byteLength });
  `;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

describe('buffer release', () => {
  it('gives threads started afterwards ArrayBuffer.prototype.transfer, which frees a block at once', async () => {
    enableBufferRelease();
    expect(await inNewThread()).toEqual({ transfer: 'function', before: 2 << 20, after: 0 });
  });

  it('leaves alone Buffers that share their memory: pool slices and views into a larger buffer', () => {
    const small = Buffer.from('a,b\n');
    const pooledBytes = small.buffer.byteLength;
    releaseBuffer(small);
    expect(small.toString()).toBe('a,b\n');
    expect(small.buffer.byteLength).toBe(pooledBytes);
    const whole = Buffer.allocUnsafeSlow(1 << 16).fill(0x41);
    const view = whole.subarray(10, 20);
    releaseBuffer(view);
    expect(view.toString()).toBe('A'.repeat(10));
  });
});
