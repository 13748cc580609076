import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheNames, sweepStaleTemps } from '../../../electron/ingest/json/cache-key';
import { tempDir } from '../../helpers/files';

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
});
