import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/files';
import { runCli } from './cli-run';

const { dir, cleanup } = tempDir('auditlens-hostile-targets-');
const data = path.join(dir, 'data');
const store = path.join(dir, 'audit.db');
const CSV = 'id,what\n1,a\n2,b\n';
const isRoot = process.getuid?.() === 0;

beforeAll(() => {
  const db = new Database(store);
  db.exec(`CREATE TABLE events (id INTEGER PRIMARY KEY, what TEXT); INSERT INTO events VALUES (1, 'a'), (2, 'b');`);
  db.close();
});
afterAll(cleanup);

describe('exports never replace what is not a regular file', () => {
  it.skipIf(!isRoot)('H3-char-device: a character device (a copy of /dev/null) is written in place, stays a device, gets no sidecar', () => {
    const dev = path.join(dir, 'null');
    execFileSync('mknod', [dev, 'c', '1', '3']);
    const r = runCli(data, ['export', store, '--table', 'events', '--out', dev]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.lstatSync(dev).isCharacterDevice()).toBe(true);
    expect(fs.existsSync(`${dev}.json`)).toBe(false);
  });

  it('H3-fifo: a FIFO is streamed into, stays a FIFO, and its reader gets the CSV', async () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (c: Buffer) => {
      got += c.toString();
    });
    const done = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    const r = runCli(data, ['export', store, '--table', 'events', '--out', fifo]);
    await done;
    expect(r.code, r.stderr).toBe(0);
    expect(got).toBe(CSV);
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    expect(fs.existsSync(`${fifo}.json`)).toBe(false);
  });

  it('H3-symlink-followed: a symlink to a regular file stays a link; the file it names gets the CSV and the sidecar', () => {
    const real = path.join(dir, 'real.csv');
    const link = path.join(dir, 'link.csv');
    fs.writeFileSync(real, 'old\n');
    fs.symlinkSync(real, link);
    const r = runCli(data, ['export', store, '--table', 'events', '--out', link]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, 'utf8')).toBe(CSV);
    expect(fs.existsSync(`${real}.json`)).toBe(true);
  });

  it('H3-socket-refused: a socket and a dangling link are refused with a sentence, and left as they were', async () => {
    const sock = path.join(dir, 'sock');
    const server = net.createServer().listen(sock);
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const r = runCli(data, ['export', store, '--table', 'events', '--out', sock]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('is not a regular file (a socket or block device)');
      expect(fs.lstatSync(sock).isSocket()).toBe(true);
    } finally {
      server.close();
    }
    const dangling = path.join(dir, 'dangling.csv');
    fs.symlinkSync(path.join(dir, 'nowhere', 'x.csv'), dangling);
    const d = runCli(data, ['export', store, '--table', 'events', '--out', dangling]);
    expect(d.code).toBe(1);
    expect(d.stderr).toContain('is a symbolic link to nothing');
    expect(fs.lstatSync(dangling).isSymbolicLink()).toBe(true);
  });
});
