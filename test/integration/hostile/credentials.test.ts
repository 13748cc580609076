import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactedArgv } from '../../../electron/cli/hide-argv-secrets';
import { parseConnectionUrl } from '../../../electron/sources/postgres/connection-url';
import { tempDir } from '../../helpers/files';
import { startServe } from './serve-process';

const DB = `auditlens_cred_${crypto.randomBytes(5).toString('hex')}`;
const CANARY = `canary${crypto.randomBytes(6).toString('hex')}`;
const { dir, cleanup } = tempDir('auditlens-hostile-cred-');
let admin: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DB}`);
});
afterAll(async () => {
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
  cleanup();
});

function refusal(url: string): string {
  try {
    parseConnectionUrl(url);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('credentials stay out of messages', () => {
  it('H13-param-name-not-echoed: an unknown URL parameter is "an unsupported parameter", never its name', () => {
    for (const url of ['postgres://u@h/db?hunter2SECRET=1', 'postgres://u@h/db?hunter2SECRET', 'postgres://u@h/db?sslmode=require&hunter2SECRET=x']) {
      const m = refusal(url);
      expect(m).not.toContain('hunter2');
      expect(m).toContain('unsupported parameter');
    }
    expect(refusal('postgres://u@h/db?connect_timeout=1')).toContain('"connect_timeout"');
  });

  it.skipIf(process.platform !== 'linux')('H13-password-not-in-argv: serve postgres://user:pw@… shows no password in /proc/PID/cmdline while it runs', async () => {
    // The server trusts 127.0.0.1, so the canary is never sent: it can only leak through the process.
    const url = `postgres://postgres:${CANARY}@127.0.0.1:5432/${DB}`;
    const served = await startServe(`${dir}/data`, [url]);
    try {
      const pid = served.child.pid as number;
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      expect(cmdline).not.toContain(CANARY);
      expect(cmdline).toContain(`serve postgres://postgres:***@127.0.0.1:5432/${DB}`);
      expect(fs.readFileSync(`/proc/${pid}/environ`, 'utf8')).not.toContain(CANARY);
      expect(served.output()).toContain(`Auditlens is serving postgres://postgres@127.0.0.1:5432/${DB}`);
      expect(served.output()).not.toContain(CANARY);
    } finally {
      served.child.kill('SIGTERM');
      await new Promise((resolve) => served.child.once('exit', resolve));
    }
  });

  it('the redacted command line keeps everything but passwords (URL and password= forms)', () => {
    expect(redactedArgv(['node', 'cli.js', 'serve', 'postgres://u:s3cret@h/db', '--port', '1'])).toEqual(['node', 'cli.js', 'serve', 'postgres://u:***@h/db', '--port', '1']);
    expect(redactedArgv(['node', 'cli.js', 'export', 'postgresql://u@h/db?password=s3cret&sslmode=require'])?.join(' ')).not.toContain('s3cret');
    expect(redactedArgv(['node', 'cli.js', 'inspect', 'store.db'])).toBeNull();
  });
});
