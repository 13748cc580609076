import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { SyncingFileSink } from '../../../electron/csv/syncing-file-sink';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auditlens-sink-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function chunks(count: number, size: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => crypto.createHash('sha256').update(String(i)).digest().toString('hex').repeat(size / 64).slice(0, size)).map((s) => Buffer.from(s));
}

function fdIsOpen(fd: number): boolean {
  try {
    fs.fstatSync(fd);
    return true;
  } catch {
    return false;
  }
}

describe('SyncingFileSink', () => {
  it('writes every byte in order across several background flushes, then closes its descriptor', async () => {
    const file = path.join(dir, 'big.bin');
    const fd = fs.openSync(file, 'wx');
    // 80 MiB in 256 KiB chunks: two background flushes and a final fsync.
    const parts = chunks(320, 256 * 1024);
    const sink = new SyncingFileSink(fd);
    await pipeline(Readable.from(parts), sink);
    await new Promise<void>((resolve) => (sink.closed ? resolve() : sink.once('close', () => resolve())));
    const expected = crypto.createHash('sha256');
    parts.forEach((p) => expected.update(p));
    expect(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(expected.digest('hex'));
    expect(fdIsOpen(fd)).toBe(false);
  });

  it('closes its descriptor when the source fails mid-way, and the pipeline reports the failure', async () => {
    const fd = fs.openSync(path.join(dir, 'failed.bin'), 'wx');
    const sink = new SyncingFileSink(fd);
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.alloc(1024, 97);
      throw new Error('source broke');
    }
    await expect(pipeline(Readable.from(failing()), sink)).rejects.toThrow('source broke');
    await new Promise<void>((resolve) => (sink.closed ? resolve() : sink.once('close', () => resolve())));
    expect(fdIsOpen(fd)).toBe(false);
  });
});
