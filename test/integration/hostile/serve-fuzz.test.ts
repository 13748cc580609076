import Database from 'better-sqlite3';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePathPart, parseRequestTarget } from '../../../electron/api/http-bridge';
import { createPrng } from '../../../electron/demo/prng';
import { tempDir } from '../../helpers/files';
import type { Served } from './serve-process';
import { startServe } from './serve-process';

const { dir, cleanup } = tempDir('auditlens-hostile-serve-');
const store = path.join(dir, 'audit.db');
let served: Served;
/** Requests the fuzz test sends: enough to cover every branch many times, bounded so it takes seconds. */
const FUZZ_REQUESTS = 400;

/** Sends raw bytes and resolves with what came back (empty when the server closed the socket). */
function raw(bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(served.port, '127.0.0.1');
    let got = '';
    socket.setTimeout(3_000, () => socket.destroy());
    socket.on('data', (c: Buffer) => {
      got += c.toString('latin1');
    });
    socket.on('error', () => resolve(got));
    socket.on('close', () => resolve(got));
    socket.end(bytes);
  });
}

function get(pathPart: string, extra = ''): Buffer {
  return Buffer.from(`GET ${pathPart} HTTP/1.1\r\nhost: 127.0.0.1:${served.port}\r\nconnection: close\r\n${extra}\r\n`, 'latin1');
}

async function stillAnswers(): Promise<void> {
  expect(served.child.exitCode).toBeNull();
  const body = '{}';
  const reply = await raw(Buffer.from(`POST /api/app.info HTTP/1.1\r\nhost: 127.0.0.1:${served.port}\r\nx-auditlens-token: ${served.token}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`));
  expect(reply).toMatch(/^HTTP\/1\.1 200/);
}

beforeAll(async () => {
  const db = new Database(store);
  db.exec('CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT); INSERT INTO t VALUES (1, \'x\');');
  db.close();
  served = await startServe(path.join(dir, 'data'), [store, '--port', '0']);
}, 30_000);

afterAll(() => {
  served.child.kill('SIGKILL');
  cleanup();
});

describe('browser mode cannot be knocked over', () => {
  it('H4-malformed-escape: /api/%E0, //[ and friends get 400 without the token, and serve keeps running', async () => {
    for (const p of ['/api/%E0', '//[', '/api/%', '/download/%E0?token=%E0', '/%E0%80', '/api/a%00b', '/\\..\\x', 'http://[/']) {
      const reply = await raw(get(p));
      expect(reply, p).toMatch(/^HTTP\/1\.1 4\d\d/);
      expect(reply, p).not.toMatch(/^HTTP\/1\.1 5/);
    }
    await stillAnswers();
    expect(parseRequestTarget('//[')).toBeNull();
    expect(parseRequestTarget('/api/x?y=1')?.pathname).toBe('/api/x');
    expect(decodePathPart('%E0')).toBeNull();
  });

  it(`H4-request-fuzz: ${FUZZ_REQUESTS} requests of random bytes in path, headers and body; the server still answers`, async () => {
    const prng = createPrng(14);
    const rand = (): number => prng.next();
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
    const pieces = ['%', '%E0', '%zz', '//', '[', ']', '\\', '..', '?', '#', '\0', '/api/', '/download/', 'token=', '\u00ff', ' '];
    for (let i = 0; i < FUZZ_REQUESTS; i++) {
      const kind = i % 4;
      let req: Buffer;
      if (kind === 0) {
        const p = `/${Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pick(pieces)).join('')}`;
        req = get(p);
      } else if (kind === 1) {
        req = Buffer.concat([Buffer.from(`${pick(['GET', 'POST', 'HEAD', 'PUT'])} /api/`, 'latin1'), bytes(1 + Math.floor(rand() * 40)), Buffer.from(` HTTP/1.1\r\nhost: 127.0.0.1:${served.port}\r\n\r\n`)]);
      } else if (kind === 2) {
        const header = bytes(1 + Math.floor(rand() * 60)).toString('latin1').replace(/[\r\n]/g, 'x');
        req = Buffer.from(`POST /api/catalog.get HTTP/1.1\r\nhost: 127.0.0.1:${served.port}\r\nx-auditlens-token: ${rand() < 0.5 ? served.token : header}\r\norigin: ${header}\r\ncontent-length: 4\r\nconnection: close\r\n\r\n{}{}`, 'latin1');
      } else {
        const body = bytes(Math.floor(rand() * 200));
        req = Buffer.concat([Buffer.from(`POST /api/${pick(['table.page', 'stores.openPath', 'export.start', 'x'])} HTTP/1.1\r\nhost: 127.0.0.1:${served.port}\r\nx-auditlens-token: ${served.token}\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`), body]);
      }
      await raw(req);
      if (served.child.exitCode !== null) {
        throw new Error(`serve exited on request ${i}: ${req.toString('latin1').slice(0, 200)}\n${served.output()}`);
      }
    }
    await stillAnswers();
  }, 120_000);
});
