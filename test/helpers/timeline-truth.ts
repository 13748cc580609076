/**
 * Ground truth for timeline tests, computed without the engine: times parsed in JavaScript from
 * the rows a test read with its own SQL, and the checks every timeline answer must pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { TimelineResult } from '../../shared/model/timeline';
import { parseTimestamp } from '../../shared/model/timestamps';

/** The real fixture data beside the project (`../shared/fixtures/real`), wherever the checkout sits. */
export function realFixtures(): string {
  const candidates = [path.resolve(__dirname, '../../../shared/fixtures/real'), path.resolve(__dirname, '../../../../shared/fixtures/real'), '/work/shared/fixtures/real'];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error('The real fixtures (../shared/fixtures/real) are not on this machine.');
  }
  return found;
}

/** Epoch ms of a stored time, or null when it has none that parses (numbers are epoch seconds or ms). */
export function ms(v: unknown, naive: 'utc' | 'local' = 'utc'): number | null {
  if (typeof v === 'number') {
    return Math.abs(v) > 100_000_000_000 ? v : v * 1000;
  }
  return typeof v === 'string' ? (parseTimestamp(v, { naive })?.epochMs ?? null) : null;
}

/** An item on the time axis, by id. */
export interface TruthItem {
  readonly id: string;
  readonly start: number | null;
  readonly end: number | null;
}

/** The items that overlap `[from, to)`: start before its end, end (or start) at or after its start. */
export function inWindow(items: readonly TruthItem[], from: number, to: number): TruthItem[] {
  return items.filter((i) => i.start !== null && i.start < to && (i.end ?? i.start) >= from);
}

/**
 * Every item appears once, as a bar or inside a bucket's count: bars are the expected items with
 * no repeats, counts add up per lane, and the unlisted lanes hold the rest of the total.
 */
export function expectEveryItemOnce(r: TimelineResult, expected: readonly TruthItem[]): void {
  expect(r.total).toBe(expected.length);
  const ids = new Set(expected.map((i) => i.id));
  const bars = r.lanes.flatMap((l) => l.bars.map((b) => b.id));
  expect(new Set(bars).size).toBe(bars.length);
  for (const id of bars) {
    expect(ids.has(id), `bar ${id} is in the window`).toBe(true);
  }
  for (const lane of r.lanes) {
    expect(lane.bars.length + lane.buckets.reduce((a, b) => a + b.count, 0)).toBe(lane.count);
    for (const b of lane.buckets) {
      expect(Object.values(b.byStatus).reduce((a, n) => a + (n ?? 0), 0)).toBe(b.count);
    }
  }
  const listed = r.lanes.reduce((a, l) => a + l.count, 0);
  expect(listed <= r.total).toBe(true);
  expect(r.moreLanes === 0 ? listed === r.total : listed < r.total).toBe(true);
}

/**
 * Times agree to the millisecond the engines keep: SQLite rounds sub-millisecond fractions to the
 * nearest millisecond, Postgres and JavaScript drop them.
 */
export function expectSameMs(actual: number | null | undefined, expected: number | null | undefined, what = 'time'): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, what).toBeNull();
    return;
  }
  expect(typeof actual, what).toBe('number');
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1);
}
