import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheNames, sweepStaleTemps } from '../../../electron/ingest/json/cache-key';
import { tempDir } from '../../helpers/files';
import { runCli } from './cli-run';

const { dir, cleanup } = tempDir('auditlens-hostile-left-');
afterAll(cleanup);

describe('leftovers of a killed ingest', () => {
  it('H14-killed-ingest-temp: a temporary cache of a process that is gone is swept at the next start, even when fresh', () => {
    const names = cacheNames(dir, path.join(dir, 'logs'), []);
    fs.mkdirSync(names.dir, { recursive: true });
    // A real process id that has ended: a child that ran and exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const orphan = `${names.file}.tmp-${dead}-deadbeef`;
    const live = `${names.file}.tmp-${process.pid}-cafef00d`;
    for (const f of [orphan, `${orphan}-wal`, live]) {
      fs.writeFileSync(f, 'x');
    }
    sweepStaleTemps(names);
    expect(fs.existsSync(orphan)).toBe(false);
    expect(fs.existsSync(`${orphan}-wal`)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
  });

  it('H14-killed-ingest-temp-at-start: the CLI sweeps temporary caches of gone processes for every location when it starts', () => {
    const cacheDir = path.join(dir, 'cache');
    // The folder the CLI gives cacheNames (<cache>/json), as build-cache names a temp.
    const names = cacheNames(path.join(cacheDir, 'json'), path.join(dir, 'never-opened-again'), []);
    fs.mkdirSync(names.dir, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const orphan = `${names.file}.tmp-${dead}-0badcafe`;
    const mine = `${names.file}.tmp-${process.pid}-0ddba11`;
    const complete = names.file;
    for (const f of [orphan, mine, complete]) {
      fs.writeFileSync(f, 'x');
    }
    const r = runCli(path.join(dir, 'data'), ['inspect', path.join(dir, 'no-such-store.db')], { env: { AUDITLENS_CACHE_DIR: cacheDir } });
    expect(r.code).toBe(1);
    expect(fs.existsSync(orphan)).toBe(false);
    expect(fs.existsSync(mine)).toBe(true);
    expect(fs.existsSync(complete)).toBe(true);
  });
});
