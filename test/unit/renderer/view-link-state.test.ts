import { describe, expect, it } from 'vitest';
import type { FormatSummary } from '../../../shared/api/contract';
import type { ExplorerState } from '../../../renderer/app/view-link/view-link-state';
import { linkOfState, restoreFromLink } from '../../../renderer/app/view-link/view-link-state';
import { encodeViewLink } from '../../../renderer/app/view-link/view-link-codec';
import { decodeViewLink } from '../../../renderer/app/view-link/view-link-decode';
import { EMPTY_SESSION } from '../../../renderer/features/lineage/lineage-session';
import { openTab, runTabId } from '../../../renderer/features/runs/run-tabs';
import { emptySession, initialView, setWindow, updateView } from '../../../renderer/features/runs/runs-session';
import { tableKey } from '../../../renderer/features/tables/view-state';

const format = (key: string, extra: Partial<FormatSummary> = {}): FormatSummary => ({
  key, id: key, title: key, runsTable: 's', stepsTable: 'd', timeline: true, lineage: true,
  runColumns: ['run_id', 'status', 's.a', 's.b'], stepColumns: ['step_name', 'd.x'], warnings: [], ...extra,
});
const F = format('dbt');
const G = format('other', { timeline: false });

const base: ExplorerState = {
  location: '/data/audit.sqlite', kind: 'sqlite', mode: 'runs', formats: [F, G], rememberedFormat: null,
  runs: emptySession('s1'), lineage: EMPTY_SESSION, tables: { selected: null, views: new Map() },
};

/** What the explorer shows after the state goes to a URL and comes back in a new page. */
function throughUrl(state: ExplorerState): ExplorerState {
  const { link, problems } = decodeViewLink(encodeViewLink(linkOfState(state)));
  expect(problems).toEqual([]);
  const r = restoreFromLink(link, 's2', state.formats);
  expect(r.problems).toEqual([]);
  return { ...base, mode: r.mode ?? base.mode, runs: r.runs ?? base.runs, lineage: r.lineage ?? base.lineage, tables: r.tables ?? base.tables };
}

describe('view link ↔ explorer state', () => {
  it('brings back the runs view: format, filters, sort, columns, cross filters and the selected run', () => {
    let runs = { ...updateView(emptySession('s1'), F, (v) => ({
      ...v, filters: [{ column: 'status', op: 'in' as const, values: ['failed'] }], sort: [{ column: 'duration_s', desc: true }], hidden: ['s.b'], anyStepFailed: true, search: 'deadlock',
    })), formatKey: F.key };
    runs = { ...runs, selected: { formatKey: F.key, key: ['inv', 7], runId: 'inv / m' } };
    const back = throughUrl({ ...base, runs });
    expect(back.runs.formatKey).toBe(F.key);
    expect(back.runs.views.get(F.key)).toEqual({ ...initialView(F), filters: runs.views.get(F.key)?.filters, sort: [{ column: 'duration_s', desc: true }], hidden: ['s.b'], anyStepFailed: true, search: 'deadlock' });
    expect(back.runs.selected).toEqual({ formatKey: F.key, key: ['inv', 7], runId: 'inv / m' });
    expect(linkOfState(back)).toEqual(linkOfState({ ...base, runs }));
  });

  it('brings back a run open in its own tab', () => {
    const start = { ...emptySession('s1'), formatKey: F.key };
    const runs = { ...start, ...openTab(start, { kind: 'run', id: runTabId(F.key, ['k']), formatKey: F.key, key: ['k'], runId: 'run-1', title: 'x', cells: [] }) };
    const back = throughUrl({ ...base, runs });
    expect(back.runs.tabs.map((t) => t.id)).toEqual([runTabId(F.key, ['k'])]);
    expect(back.runs.active).toBe(runTabId(F.key, ['k']));
  });

  it('brings back the timeline and its time window', () => {
    const window = { from: '2026-10-01T00:00:00Z', to: '2026-10-02T06:00:00Z' };
    const runs = { ...updateView(emptySession('s1'), F, (v) => setWindow(v, window)), formatKey: F.key };
    const back = throughUrl({ ...base, mode: 'timeline', runs });
    expect(back.mode).toBe('timeline');
    expect(back.runs.views.get(F.key)?.window).toEqual(window);
  });

  it('brings back the lineage filters: as of a time, and one run\'s edges', () => {
    const lineage = { ...EMPTY_SESSION, formatKey: F.key, root: 'gold.x', depth: 2, asOf: '2026-02-01T00:00:00Z', run: 'session-7' };
    expect(throughUrl({ ...base, mode: 'lineage', lineage }).lineage).toEqual(lineage);
  });

  it('brings back the lineage root, depth (all included) and column level', () => {
    for (const depth of [3, null]) {
      const lineage = { ...EMPTY_SESSION, formatKey: F.key, root: 'db.public.orders', depth, columns: true };
      const back = throughUrl({ ...base, mode: 'lineage', lineage });
      expect(back.lineage).toEqual(lineage);
    }
  });

  it('brings back a table with its filters, sort and hidden columns', () => {
    const key = tableKey({ schema: 'public', name: 'events' });
    const view = { filters: [{ column: 'n', op: 'gt' as const, value: 5 }], sort: [{ column: 'n', desc: false }], hidden: ['blob'] };
    const back = throughUrl({ ...base, mode: 'tables', tables: { selected: key, views: new Map([[key, view]]) } });
    expect(back.tables.selected).toBe(key);
    expect(back.tables.views.get(key)).toEqual(view);
  });

  it('leaves the default columns out of the link, and names a Postgres store by its URL', () => {
    const runs = { ...updateView(emptySession('s1'), F, (v) => ({ ...v, hidden: [...v.hidden].reverse() })), formatKey: F.key };
    expect(linkOfState({ ...base, runs })).toEqual({ store: { kind: 'path', path: '/data/audit.sqlite' }, mode: 'runs', format: F.key });
    expect(linkOfState({ ...base, kind: 'postgres', location: 'postgres://ana@db/audit', mode: 'tables' }).store).toEqual({ kind: 'postgres', url: 'postgres://ana@db/audit' });
  });

  it('says so when the linked format is not in this store, and shows its default view', () => {
    const r = restoreFromLink({ mode: 'runs', format: 'gone', filters: [{ column: 'x', op: 'eq', value: 1 }] }, 's', [F]);
    expect(r.runs).toBeNull();
    expect(r.mode).toBe('runs');
    expect(r.problems).toEqual(['The format the link names is not among this store\'s audit formats; its default view is shown.']);
  });
});
