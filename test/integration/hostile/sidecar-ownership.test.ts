import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sidecarQuestion } from '../../../electron/shell/open-dialog';
import { tempDir } from '../../helpers/files';
import { runCli } from './cli-run';

const { dir, cleanup } = tempDir('auditlens-hostile-sidecar-');
const data = path.join(dir, 'data');
const store = path.join(dir, 'audit.db');
const events = path.join(dir, 'events.json');
const EVENTS = '[{"id":1,"what":"a"},{"id":2,"what":"b"}]\n';

beforeAll(() => {
  const db = new Database(store);
  db.exec(`CREATE TABLE events (id INTEGER PRIMARY KEY, what TEXT); INSERT INTO events VALUES (1, 'a'), (2, 'b');`);
  db.close();
  fs.writeFileSync(events, EVENTS);
});
afterAll(cleanup);

describe('the provenance sidecar replaces only its own files', () => {
  it('H2-sidecar-is-the-store: --out events beside events.json refuses and leaves the JSON store intact', () => {
    const r = runCli(data, ['export', events, '--table', 'events', '--out', path.join(dir, 'events')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^auditlens: The provenance file .*events\.json would overwrite the store being exported/);
    expect(fs.readFileSync(events, 'utf8')).toBe(EVENTS);
    expect(fs.existsSync(path.join(dir, 'events'))).toBe(false);
  });

  it('H2-sidecar-foreign-file: --out package beside package.json refuses, writing nothing', () => {
    const pkg = path.join(dir, 'package.json');
    fs.writeFileSync(pkg, '{"name":"mine"}\n');
    const r = runCli(data, ['export', store, '--table', 'events', '--out', path.join(dir, 'package')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('package.json already exists and is not a provenance record Auditlens wrote; nothing was written.');
    expect(fs.readFileSync(pkg, 'utf8')).toBe('{"name":"mine"}\n');
    expect(fs.existsSync(path.join(dir, 'package'))).toBe(false);
  });

  it("H2-sidecar-users-own-json: --out x.csv keeps the user's own x.csv.json; an earlier record of ours is replaced", () => {
    const csv = path.join(dir, 'x.csv');
    fs.writeFileSync(`${csv}.json`, '{"notes":"mine"}');
    const refused = runCli(data, ['export', store, '--table', 'events', '--out', csv]);
    expect(refused.code).toBe(1);
    expect(fs.readFileSync(`${csv}.json`, 'utf8')).toBe('{"notes":"mine"}');
    expect(fs.existsSync(csv)).toBe(false);
    expect(sidecarQuestion(csv)?.buttons).toEqual(['OK']);
    fs.rmSync(`${csv}.json`);
    expect(runCli(data, ['export', store, '--table', 'events', '--out', csv]).code).toBe(0);
    expect(sidecarQuestion(csv)?.buttons).toEqual(['Replace both', 'Cancel']);
    const again = runCli(data, ['export', store, '--table', 'events', '--out', csv, '--filter', 'id=1']);
    expect(again.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(`${csv}.json`, 'utf8'))).toMatchObject({ rowCount: 1 });
    expect(runCli(data, ['export', store, '--table', 'events', '--out', path.join(dir, 'y.csv'), '--no-provenance']).code).toBe(0);
    expect(sidecarQuestion(path.join(dir, 'y.csv'))).toBeNull();
  });
});
