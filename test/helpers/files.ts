import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** SHA-256 of a file's bytes, to prove a store was not changed. */
export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A fresh temporary folder removed by the returned cleanup. */
export function tempDir(prefix = 'auditlens-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Names of the files in a folder, sorted: to prove nothing was created beside a store. */
export function listing(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}
