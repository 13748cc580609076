import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/files';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const { dir, cleanup } = tempDir();
const home = path.join(dir, 'home');
const work = path.join(dir, 'work');

function run(args: readonly string[], opts: { readonly cwd?: string; readonly home?: string } = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'auditlens.js'), ...args], {
    encoding: 'utf8',
    timeout: 20_000,
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, AUDITLENS_DATA_DIR: path.join(dir, 'data'), ...(opts.home ? { HOME: opts.home } : {}) },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The commands `auditlens --help` lists: every one of them must answer its own --help. */
function listedCommands(): string[] {
  return [...run(['--help']).stdout.matchAll(/^ {2}auditlens ([a-z][a-z-]*)\b/gm)].map((m) => m[1] ?? '');
}

beforeAll(() => {
  for (const folder of [home, work]) {
    fs.mkdirSync(folder, { recursive: true });
    const db = new Database(path.join(folder, 'audit.db'));
    db.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, what TEXT); INSERT INTO notes (what) VALUES ('${folder === home ? 'home' : 'work'}')`);
    db.close();
  }
});
afterAll(cleanup);

describe('auditlens COMMAND --help', () => {
  const commands = listedCommands();

  it('lists the commands it has (a check over none proves nothing)', () => {
    expect(commands).toEqual(expect.arrayContaining(['inspect', 'export', 'timeline', 'lineage', 'serve', 'demo']));
  });

  it.each(['--help', '-h'])('answers %s for every command with its usage, exit 0 and nothing on stderr', (flag) => {
    for (const command of commands) {
      const r = run([command, flag]);
      expect(r.code, `${command} ${flag}`).toBe(0);
      expect(r.stderr, `${command} ${flag}`).toBe('');
      expect(r.stdout.startsWith(`Usage:\n  auditlens ${command}`), `${command} ${flag}: ${r.stdout}`).toBe(true);
      // Node's raw parseArgs error is what `serve --help` printed before.
      expect(r.stdout).not.toMatch(/ERR_PARSE_ARGS|Unknown option/);
    }
  });

  it('shows the filter syntax with the commands that filter, and still refuses an unknown option', () => {
    expect(run(['export', '--help']).stdout).toMatch(/^Filters: COL=VALUE/m);
    const bad = run(['inspect', 'x.db', '--bogus']);
    expect(bad.code).not.toBe(0);
  });
});

describe('typed store paths', () => {
  it('reads ~ as the home folder and a relative path from the folder the command was typed in', () => {
    const fromHome = run(['inspect', '~/audit.db', '--json'], { home });
    expect(fromHome.code, fromHome.stderr).toBe(0);
    expect(JSON.parse(fromHome.stdout)).toMatchObject({ source: { location: path.join(home, 'audit.db') } });
    const fromWork = run(['inspect', 'audit.db', '--json'], { cwd: work });
    expect(fromWork.code, fromWork.stderr).toBe(0);
    expect(JSON.parse(fromWork.stdout)).toMatchObject({ source: { location: path.join(work, 'audit.db') } });
  });
});
