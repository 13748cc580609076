import { describe, expect, it } from 'vitest';
import type { FormatSummary } from '../../../shared/api/contract';
import {
  activeCrossFilters, emptySession, filterQuery, initialView, isFiltered, pickedFormat, runsQuery, sessionFor, setCrossFilter, setWindow, updateView, viewOf,
} from '../../../renderer/features/runs/runs-session';
import { describeWindow, windowOf } from '../../../renderer/features/runs/time-window';

const format = (key: string): FormatSummary => ({
  key, id: key, title: key, runsTable: 's', stepsTable: 'd', timeline: true, lineage: false,
  runColumns: ['run_id', 'status', 's.a', 's.b'], stepColumns: ['step_name', 'd.x', 'x is null'], warnings: [],
});

describe('runs session', () => {
  it('starts a format with its own columns hidden and no filters', () => {
    expect(initialView(format('f'))).toEqual({ filters: [], sort: [], hidden: ['s.a', 's.b'], stepsHidden: ['d.x'] });
  });

  it('starts the status columns of steps that record no status hidden (operations), and shows them where steps have one', () => {
    const ops = { ...format('t'), stepColumns: ['step_name', 'at', 'status', 'raw_status', 'message', 'd.x'], stepsWithoutStatus: true };
    expect(initialView(ops).stepsHidden).toEqual(['d.x', 'status', 'raw_status']);
    expect(initialView({ ...ops, stepsWithoutStatus: undefined }).stepsHidden).toEqual(['d.x']);
  });

  it('keeps each format\'s view apart', () => {
    const f = format('f');
    const g = format('g');
    const s = updateView(emptySession('st'), f, (v) => ({ ...v, filters: [{ column: 'status', op: 'in', values: ['failed'] }] }));
    expect(viewOf(s, f).filters).toHaveLength(1);
    expect(viewOf(s, g).filters).toHaveLength(0);
  });

  it('queries the normalised columns and the shown own ones, without sort', () => {
    const f = format('f');
    expect(runsQuery(f, { ...initialView(f), hidden: ['s.a'] })).toEqual({ columns: ['run_id', 'status', 's.b'], filters: [], sort: [] });
  });

  it('picks the chosen format, else the only one, else none', () => {
    const [f, g] = [format('f'), format('g')];
    expect(pickedFormat([f, g], 'g')).toBe(g);
    expect(pickedFormat([f, g], null)).toBeNull();
    expect(pickedFormat([f, g], 'gone')).toBeNull();
    expect(pickedFormat([f], null)).toBe(f);
  });

  it('starts over for another store', () => {
    const s = { ...emptySession('a'), formatKey: 'f' };
    expect(sessionFor(s, 'a')).toBe(s);
    expect(sessionFor(s, 'b')).toEqual(emptySession('b'));
  });

  it('adds the cross-run filters to the runs query only when they are on', () => {
    const f = format('f');
    const on = setCrossFilter(setCrossFilter(initialView(f), 'anyStepFailed', true), 'slowerThanMedian', true);
    expect(runsQuery(f, on)).toMatchObject({ anyStepFailed: true, slowerThanMedian: true });
    expect(filterQuery(on)).toEqual({ filters: [], sort: [], anyStepFailed: true, slowerThanMedian: true });
    expect(activeCrossFilters(on)).toEqual(['anyStepFailed', 'slowerThanMedian']);
    expect(isFiltered(on)).toBe(true);
    const off = setCrossFilter(on, 'anyStepFailed', false);
    expect('anyStepFailed' in off).toBe(false);
    expect(runsQuery(f, off)).not.toHaveProperty('anyStepFailed');
    expect(activeCrossFilters(off)).toEqual(['slowerThanMedian']);
    expect(isFiltered(setCrossFilter(off, 'slowerThanMedian', false))).toBe(false);
  });
});

describe('the time window filter', () => {
  it('travels in the filter query, counts as filtering, and goes away when removed', () => {
    const w = { from: '2026-09-01T00:00:00.000Z', to: '2026-09-02T00:00:00.000Z' };
    const base = { filters: [], sort: [], hidden: [], stepsHidden: [] };
    const on = setWindow(base, w);
    expect(filterQuery(on).window).toEqual(w);
    expect(isFiltered(on)).toBe(true);
    const off = setWindow(on, null);
    expect('window' in filterQuery(off)).toBe(false);
    expect(isFiltered(off)).toBe(false);
  });

  it('says the window in the chip and rounds a brushed window out to whole seconds', () => {
    expect(describeWindow({ from: '2026-09-01T10:00:00.000Z', to: '2026-09-01T12:30:00.000Z' })).toBe('time 2026-09-01 10:00 → 2026-09-01 12:30 UTC');
    expect(windowOf(Date.UTC(2026, 8, 1, 10, 0, 0, 400), Date.UTC(2026, 8, 1, 10, 0, 5, 100))).toEqual({ from: '2026-09-01T10:00:00.000Z', to: '2026-09-01T10:00:06.000Z' });
  });
});
