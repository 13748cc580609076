/**
 * When the newest run of a format started, in the whole store (not under the view's filters):
 * what the quick ranges ("last hour", "7 days") count back from, so a store whose last run was
 * years ago still lands on its last runs.
 */
import { parseTimestamp } from '../../shared/model/timestamps';
import type { Source } from '../sources/source';
import type { StoreFormat } from './store-formats';
import { viewPlan } from './view-plans';
import { fromClause } from '../../shared/query/sql';

/** How long the answer is reused: long enough for one screen's calls, short enough to see new runs. */
const TTL_MS = 60_000;
const cache = new WeakMap<Source, Map<string, { readonly at: number; readonly value: Promise<string | null> }>>();

/** The newest run start as ISO 8601 UTC, or null when the format has no start times or no runs. */
export function newestRunStart(source: Source, f: StoreFormat, now: () => number = Date.now): Promise<string | null> {
  const entries = cache.get(source) ?? new Map<string, { readonly at: number; readonly value: Promise<string | null> }>();
  cache.set(source, entries);
  const hit = entries.get(f.key);
  if (hit && now() - hit.at < TTL_MS) {
    return hit.value;
  }
  const value = compute(source, f);
  entries.set(f.key, { at: now(), value });
  value.catch(() => entries.delete(f.key));
  return value;
}

async function compute(source: Source, f: StoreFormat): Promise<string | null> {
  if (f.model.runs.started === undefined) {
    return null;
  }
  const d = source.dialect;
  const plan = viewPlan(f.runs, { columns: ['started_at'], filters: [], sort: [] });
  const read = f.runs.instants?.started_at;
  // One style: the greatest stored text is the newest (and an index answers it); mixed: by instant.
  const expr = read ? d.epochMs(d.quote('started_at'), read.family, read.naive, read.zone) : d.quote('started_at');
  const rows = await source.rows({ sql: `SELECT max(${expr}) FROM ${fromClause(plan, d)}`, params: [] }, 1);
  const v = rows[0]?.[0] ?? null;
  if (typeof v === 'number') {
    // Mixed styles give epoch ms; a column of epoch numbers gives seconds or milliseconds.
    const ms = read || Math.abs(v) > 100_000_000_000 ? v : v * 1000;
    return new Date(ms).toISOString();
  }
  if (typeof v !== 'string') {
    return null;
  }
  const parsed = parseTimestamp(v, { naive: f.model.naiveTime });
  return parsed ? new Date(parsed.epochMs).toISOString() : null;
}
