import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ViewLink } from '../../../renderer/app/view-link/view-link-codec';
import { samePostgres } from '../../../renderer/app/view-link/pending-link';
import { encodeViewLink, MAX_LINK_CHARS, VIEW_MODES, withoutPassword } from '../../../renderer/app/view-link/view-link-codec';
import { decodeViewLink } from '../../../renderer/app/view-link/view-link-decode';
import { FILTER_OPS } from '../../../shared/model/view-request';

const FULL: ViewLink = {
  store: { kind: 'path', path: '/home/ana/audit store/dbt.sqlite' },
  mode: 'runs',
  format: 'dbt-audit:dbt_audit_summary',
  filters: [
    { column: 'status', op: 'in', values: ['failed', 'error'] },
    { column: 'duration_ms', op: 'gte', value: 1_000 },
    { column: 'message', op: 'contains', value: '~tilde & = ? # %' },
    { column: 'a__b', op: 'empty' },
    { column: 'note', op: 'eq', value: null },
  ],
  sort: [{ column: 'duration_ms', desc: true }, { column: '-odd', desc: false }],
  hidden: ['invocation_id', 'raw_status'],
  anyStepFailed: true,
  slowerThanMedian: true,
  search: 'Got 78 results & 50%_done',
  window: { from: '2026-10-12T08:00:00Z', to: '2026-10-12T11:30:00.5+02:00' },
  run: { key: ['inv-1', 'model.a', { t: 'int', v: '9007199254740993' }], id: 'inv-1 / model.a', tab: true },
  root: 'db.public.orders',
  depth: null,
  columns: true,
  asOf: '2026-02-01T00:00:00.250+01:00',
  lineageRun: 'f527ad5a-28b6-4f65-acb7-243380911d91',
};

describe('view links', () => {
  it('round-trips every part of a view', () => {
    const text = encodeViewLink(FULL);
    expect(decodeViewLink(text)).toEqual({ link: FULL, problems: [] });
    expect(decodeViewLink(`?${text}`).link).toEqual(FULL);
  });

  it('leaves out a lineage "as of" time that is not an instant, and says so', () => {
    const bad = decodeViewLink('_mode=lineage&_asof=yesterday');
    expect(bad.link).toEqual({ mode: 'lineage' });
    expect(bad.problems.join(' ')).toContain('"as of" time');
  });

  it('keeps the search across runs and steps, and leaves out one longer than the box takes', () => {
    expect(decodeViewLink('_q=%20deadlock%20').link).toEqual({ search: 'deadlock' });
    const long = decodeViewLink(`_q=${'x'.repeat(2_001)}`);
    expect(long.link).toEqual({});
    expect(long.problems.join(' ')).toContain('search text');
  });

  it('reads like Datasette: column__op=value, _sort=-col, a readable path', () => {
    const text = encodeViewLink({ store: { kind: 'path', path: '/tmp/demo.sqlite' }, mode: 'runs', format: 'dbt-audit', filters: [{ column: 'status', op: 'eq', value: 'failed' }], sort: [{ column: 'started_at', desc: true }] });
    expect(text).toBe('_path=%2Ftmp%2Fdemo.sqlite&_mode=runs&_format=dbt-audit&status__eq=failed&_sort=-started_at');
  });

  it('keeps a tables view and lineage depth, and tells "nothing hidden" from the default columns', () => {
    const tables: ViewLink = { mode: 'tables', table: { schema: 'public', name: 'events' }, hidden: [] };
    expect(decodeViewLink(encodeViewLink(tables)).link).toEqual(tables);
    expect(decodeViewLink(encodeViewLink({ mode: 'tables' })).link).toEqual({ mode: 'tables' });
    expect(decodeViewLink(encodeViewLink({ mode: 'lineage', root: 'x', depth: 3 })).link).toEqual({ mode: 'lineage', root: 'x', depth: 3 });
    expect(encodeViewLink({})).toBe('');
    expect(decodeViewLink('')).toEqual({ link: {}, problems: [] });
  });

  it('never puts a Postgres password into a link, and drops one a pasted link carries', () => {
    const text = encodeViewLink({ store: { kind: 'postgres', url: 'postgres://ana:s3cret@db.example:5432/audit?sslmode=require&password=p2' } });
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('p2');
    expect(decodeViewLink(text).link.store).toEqual({ kind: 'postgres', url: 'postgres://ana@db.example:5432/audit?sslmode=require' });
    const pasted = decodeViewLink(`_pg=${encodeURIComponent('postgresql://ana:hunter2@h/db')}`);
    expect(JSON.stringify(pasted.link)).not.toContain('hunter2');
    expect(pasted.problems).toEqual(['The link carried a password, which links never keep; it was dropped, so Auditlens will ask for it.']);
    expect(withoutPassword('postgres://ana@h/db')).toBe('postgres://ana@h/db');
    expect(decodeViewLink(encodeViewLink({ store: { kind: 'saved', id: 'c-12' } })).link.store).toEqual({ kind: 'saved', id: 'c-12' });
  });

  it('leaves out what it cannot read, with a sentence each, and keeps the rest', () => {
    const r = decodeViewLink([
      '_mode=graph', '_format=dbt', 'status__eq=failed', 'amount__gt=~{oops', 'x__in=~"not-a-list"', '_depth=99', '_from=2026-02-30T00:00Z',
      '_to=2026-03-01T00:00Z', '_run=[1', '_pg=ftp://x', 'password=hunter2', 'token=abc', '_failed=yes',
    ].join('&'));
    expect(r.link).toEqual({ format: 'dbt', filters: [{ column: 'status', op: 'eq', value: 'failed' }] });
    expect(r.problems).toEqual([
      "The link's Postgres address could not be read and was left out.",
      "The link's mode could not be read and was left out.",
      "The link's filter on “amount” could not be read and was left out.",
      "The link's filter on “x” could not be read and was left out.",
      // Unknown names are counted, never echoed: a pasted link may hold a secret.
      'The link has 2 parts Auditlens does not know; they were left out.',
      'The link\'s "any step failed" filter could not be read and was left out.',
      "The link's time window could not be read and was left out.",
      "The link's run could not be read and was left out.",
      "The link's lineage depth (1 to 10, or \"all\") could not be read and was left out.",
    ]);
    expect(r.problems.join(' ')).not.toContain('hunter2');
  });

  it('refuses a link too long to be a view, and duplicate parts take the first', () => {
    expect(decodeViewLink('a'.repeat(MAX_LINK_CHARS + 1)).problems[0]).toMatch(/^The link is longer than 64,000 characters/);
    expect(decodeViewLink('_mode=runs&_mode=tables')).toEqual({ link: { mode: 'runs' }, problems: ['The link names its mode 2 times; the first is used.'] });
  });

  it('never throws on arbitrary text, and what it decodes encodes back to itself', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
      const { link, problems } = decodeViewLink(text);
      expect(Array.isArray(problems)).toBe(true);
      expect(decodeViewLink(encodeViewLink(link)).link).toEqual(link);
    }), { numRuns: 500 });
  });

  it('round-trips random views', () => {
    const name = fc.string({ minLength: 1, maxLength: 12 });
    const value = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)), fc.constant(null));
    const filter = fc.oneof(
      fc.record({ column: name, op: fc.constantFrom(...FILTER_OPS.filter((o) => o !== 'in')), value }),
      fc.record({ column: name, op: fc.constant('in' as const), values: fc.array(value, { maxLength: 4 }) }),
    );
    const view = fc.record({
      mode: fc.constantFrom(...VIEW_MODES),
      format: name,
      filters: fc.array(filter, { minLength: 1, maxLength: 5 }),
      sort: fc.array(fc.record({ column: name.filter((c) => c !== '-' && c !== '+'), desc: fc.boolean() }), { minLength: 1, maxLength: 3 }),
      hidden: fc.array(name, { maxLength: 4 }),
      root: name,
      depth: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constant(null)),
    });
    fc.assert(fc.property(view, (v) => {
      expect(decodeViewLink(encodeViewLink(v))).toEqual({ link: v, problems: [] });
    }), { numRuns: 300 });
  });
});

describe('Postgres addresses in links', () => {
  it('match a saved connection\'s URL whatever its sslmode or default port', () => {
    expect(samePostgres('postgres://ana@db.example:5432/audit?sslmode=prefer', 'postgresql://ana@db.example/audit')).toBe(true);
    expect(samePostgres('postgres://ana@db.example:5432/audit', 'postgres://bob@db.example:5432/audit')).toBe(false);
    expect(samePostgres('postgres://ana@db.example:5433/audit', 'postgres://ana@db.example/audit')).toBe(false);
    expect(samePostgres('postgres://ana@db.example/audit', 'postgres://ana@db.example/other')).toBe(false);
    expect(samePostgres('not a url', 'not a url')).toBe(false);
  });
});
