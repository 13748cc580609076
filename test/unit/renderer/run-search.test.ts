import { describe, expect, it } from 'vitest';
import type { ColDef } from 'ag-grid-community';
import type { CellValue } from '../../../shared/model/values';
import { countText } from '../../../renderer/grid/count-text';
import type { GridRow } from '../../../renderer/grid/grid-row';
import { filterQuery, isFiltered, setSearch } from '../../../renderer/features/runs/runs-session';
import type { RunsViewState } from '../../../renderer/features/runs/runs-session';
import { stepMatchesSearch, withSearchHits } from '../../../renderer/features/runs/step-search-hits';

const view: RunsViewState = { filters: [], sort: [], hidden: [], stepsHidden: [] };
const step = (message: CellValue): ReadonlyMap<string, CellValue> => new Map<string, CellValue>([['step_name', 'execute'], ['message', message]]);

describe('the search across runs and steps in the view state', () => {
  it('travels in the query trimmed, counts as a filter, and blank text removes it', () => {
    const on = setSearch(view, '  deadlock ');
    expect(on.search).toBe('deadlock');
    expect(filterQuery(on)).toEqual({ filters: [], sort: [], search: 'deadlock' });
    expect(isFiltered(on)).toBe(true);
    const off = setSearch(on, '   ');
    expect('search' in off).toBe(false);
    expect(filterQuery(off)).not.toHaveProperty('search');
    expect(isFiltered(off)).toBe(false);
  });
});

describe('steps the search found', () => {
  it('match on the message, not case-sensitive, with % and _ as plain characters', () => {
    expect(stepMatchesSearch(step('Lock WAIT timeout'), 'wait time')).toBe(true);
    expect(stepMatchesSearch(step('Vacuum 50%_done'), '50%_d')).toBe(true);
    expect(stepMatchesSearch(step('Vacuum 50X done'), '50%_d')).toBe(false);
    expect(stepMatchesSearch(step(null), 'x')).toBe(false);
    expect(stepMatchesSearch(step('anything'), '  ')).toBe(false);
  });

  it('mark every cell of a matching step and keep the column\'s own class rules', () => {
    const defs: ColDef<GridRow, CellValue>[] = [{ colId: 'message', cellClassRules: { 'cell-null': () => false } }];
    const [marked] = withSearchHits(defs, 'timeout');
    const rule = marked?.cellClassRules?.['cell-search-hit'] as (p: { data?: GridRow }) => boolean;
    expect(Object.keys(marked?.cellClassRules ?? {})).toEqual(['cell-null', 'cell-search-hit']);
    expect(rule({ data: { key: [], cells: step('lock TIMEOUT') } })).toBe(true);
    expect(rule({ data: { key: [], cells: step('ok') } })).toBe(false);
    expect(withSearchHits(defs, undefined)[0]).toBe(defs[0]);
  });
});

describe('the count in the status bar', () => {
  it('says "counting…" while it runs, "at least N" in its tooltip when the budget ran out, and a sentence when it failed', () => {
    expect(countText(null, null, true, 1_500).text).toBe('counting…');
    expect(countText({ value: 4_800, exact: true }, null, true, 1_500).text).toBe('4,800 rows match');
    const partial = countText({ value: 1_024, exact: false }, null, true, 1_500);
    expect(partial.text).toBe('≥ 1,024 rows match');
    expect(partial.title).toBe('At least 1,024 rows match: counting stopped after 1.5 s.');
    const timedOut = countText(null, { code: 'timeout', message: 'The query took longer than 12 s and was stopped.' }, true, 1_500);
    expect(timedOut).toEqual({ text: 'not counted (took too long)', title: 'The query took longer than 12 s and was stopped.' });
    expect(countText(null, { code: 'internal', message: 'The SQLite worker stopped unexpectedly.' }, false, 1_500).text).toBe('not counted');
  });
});

describe('exporting under a search', () => {
  it('names the search among the filters and offers no steps export that would ignore it', async () => {
    const { runsExportSubject } = await import('../../../renderer/features/runs/runs-export-subject');
    const format = { key: 'dbt-audit::s', id: 'dbt-audit', title: 'dbt', runsTable: 's', stepsTable: 'd', timeline: true, lineage: false, runColumns: ['run_id'], stepColumns: ['step_name'], warnings: [] };
    const subject = runsExportSubject(() => Promise.reject(new Error('not called')), 's1', format, { filters: [], sort: [], search: 'deadlock' }, null, ['step_name']);
    expect(subject.filters).toEqual(['“deadlock” in runs or steps']);
    expect(subject.alternative?.unavailable).toBe('Not while a search is on: a steps export selects runs by column filters and the time window only. Clear the search to export the steps of these runs.');
  });
});
