/**
 * Reads a view link back (see view-link-codec.ts for its form). Never throws: what it cannot
 * read is left out with a sentence, unknown parts are counted and never echoed (a mistyped
 * link may hold anything, secrets included), and a pasted Postgres password is dropped.
 */
import { z } from 'zod';
import type { ColumnFilter } from '../../../shared/model/view-request';
import { cellValueSchema, columnFilterSchema, FILTER_OPS, isoInstantSchema, MAX_LINEAGE_DEPTH, timeWindowSchema } from '../../../shared/model/view-request';
import type { DecodedLink, ViewLink, ViewMode } from './view-link-codec';
import { MAX_LINK_CHARS, RESERVED, VIEW_MODES, withoutPassword } from './view-link-codec';

const MAX_FILTERS = 200;
const MAX_SORT = 16;
const MAX_HIDDEN = 2_000;
const MAX_SEARCH_CHARS = 2_000;

/** Reads a view from query text (with or without `?`); never throws, whatever the text holds. */
export function decodeViewLink(query: string): DecodedLink {
  if (query.length > MAX_LINK_CHARS) {
    return { link: {}, problems: [`The link is longer than ${MAX_LINK_CHARS.toLocaleString('en-US')} characters, so Auditlens did not read it.`] };
  }
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  } catch {
    return { link: {}, problems: ['The link could not be read as URL parameters.'] };
  }
  const problems: string[] = [];
  const left = (what: string): void => {
    problems.push(`The link's ${what} could not be read and was left out.`);
  };
  const one = (name: string): string | undefined => {
    const all = params.getAll(name);
    if (all.length > 1) {
      problems.push(`The link names its ${name.slice(1)} ${all.length} times; the first is used.`);
    }
    return all[0];
  };
  const link: { -readonly [K in keyof ViewLink]: ViewLink[K] } = {};

  const stores = (['_path', '_pg', '_conn'] as const).filter((n) => params.has(n));
  if (stores.length > 1) {
    problems.push('The link names more than one store; the first is used.');
  }
  const storeParam = stores[0];
  const storeText = storeParam === undefined ? undefined : one(storeParam);
  if (storeParam !== undefined && storeText !== undefined) {
    if (storeText === '' || storeText.length > 4_096) {
      left('store');
    } else if (storeParam === '_path') {
      link.store = { kind: 'path', path: storeText };
    } else if (storeParam === '_conn') {
      link.store = storeText.length <= 100 ? { kind: 'saved', id: storeText } : undefined;
    } else if (!/^postgres(ql)?:\/\//i.test(storeText) || !canParse(storeText)) {
      left('Postgres address');
    } else {
      const clean = withoutPassword(storeText);
      if (clean !== storeText) {
        problems.push('The link carried a password, which links never keep; it was dropped, so Auditlens will ask for it.');
      }
      link.store = { kind: 'postgres', url: clean };
    }
  }

  const mode = one('_mode');
  if (mode !== undefined) {
    if ((VIEW_MODES as readonly string[]).includes(mode)) {
      link.mode = mode as ViewMode;
    } else {
      left('mode');
    }
  }
  const format = one('_format');
  if (format !== undefined) {
    if (format.length >= 1 && format.length <= 2_000) {
      link.format = format;
    } else {
      left('format');
    }
  }
  const table = one('_table');
  const schema = one('_schema');
  if (table !== undefined && table !== '') {
    link.table = { schema: schema ?? null, name: table };
  } else if (table !== undefined || schema !== undefined) {
    left('table');
  }

  const filters: ColumnFilter[] = [];
  let unknown = 0;
  for (const [name, value] of params) {
    if (RESERVED.has(name)) {
      continue;
    }
    const filter = decodeFilter(name, value);
    if (filter === 'not-a-filter') {
      unknown += 1;
    } else if (filter === null) {
      left(`filter on “${name.slice(0, name.lastIndexOf('__')).slice(0, 80)}”`);
    } else if (filters.length >= MAX_FILTERS) {
      left(`filters beyond the first ${MAX_FILTERS}`);
      break;
    } else {
      filters.push(filter);
    }
  }
  if (unknown > 0) {
    // Unknown names are counted, not echoed: a mistyped link may hold anything, secrets included.
    problems.push(unknown === 1 ? 'The link has a part Auditlens does not know; it was left out.' : `The link has ${unknown} parts Auditlens does not know; they were left out.`);
  }
  if (filters.length > 0) {
    link.filters = filters;
  }

  const sort = params.getAll('_sort');
  if (sort.length > 0) {
    const keys = sort.filter((s) => s.length > 0 && s.length <= 20_000 && s !== '-' && s !== '+').slice(0, MAX_SORT)
      .map((s) => (s.startsWith('-') ? { column: s.slice(1), desc: true } : { column: s.startsWith('+') ? s.slice(1) : s, desc: false }));
    if (keys.length < sort.length) {
      left('sort');
    }
    link.sort = keys;
  }
  const hidden = params.getAll('_nocol');
  if (hidden.length > 0) {
    link.hidden = hidden.filter((c) => c !== '' && c.length <= 20_000).slice(0, MAX_HIDDEN);
  }
  const flag = (name: string, what: string): boolean | undefined => {
    const v = one(name);
    if (v === undefined) {
      return undefined;
    }
    if (v === '1' || v === 'true') {
      return true;
    }
    left(what);
    return undefined;
  };
  const failed = flag('_failed', '"any step failed" filter');
  const slower = flag('_slower', '"slower than the median" filter');
  if (failed) {
    link.anyStepFailed = true;
  }
  if (slower) {
    link.slowerThanMedian = true;
  }
  const search = one('_q')?.trim();
  if (search !== undefined && search !== '') {
    if (search.length <= MAX_SEARCH_CHARS) {
      link.search = search;
    } else {
      left('search text (longer than the search box takes)');
    }
  }

  const from = one('_from');
  const to = one('_to');
  if (from !== undefined || to !== undefined) {
    const w = timeWindowSchema.safeParse({ from, to });
    if (w.success) {
      link.window = w.data;
    } else {
      left('time window');
    }
  }

  const runKey = one('_run');
  if (runKey !== undefined) {
    const key = parseJson(runKey, z.array(cellValueSchema).min(1).max(16));
    const id = parseJson(one('_run_id') ?? 'null', cellValueSchema);
    if (key === undefined || id === undefined) {
      left('run');
    } else {
      link.run = { key, id, tab: flag('_tab', 'run tab') === true };
    }
  }

  const root = one('_root');
  if (root !== undefined) {
    if (root.length >= 1 && root.length <= 20_000) {
      link.root = root;
    } else {
      left('lineage root');
    }
  }
  const depth = one('_depth');
  if (depth !== undefined) {
    const n = /^\d{1,3}$/.test(depth) ? Number(depth) : NaN;
    if (depth === 'all') {
      link.depth = null;
    } else if (n >= 1 && n <= MAX_LINEAGE_DEPTH) {
      link.depth = n;
    } else {
      left(`lineage depth (1 to ${MAX_LINEAGE_DEPTH}, or "all")`);
    }
  }
  if (flag('_columns', 'column level')) {
    link.columns = true;
  }
  const asOf = one('_asof');
  if (asOf !== undefined) {
    const t = isoInstantSchema.safeParse(asOf);
    if (t.success) {
      link.asOf = t.data;
    } else {
      left('lineage "as of" time');
    }
  }
  const lineageRun = one('_lrun');
  if (lineageRun !== undefined) {
    if (lineageRun.length >= 1 && lineageRun.length <= 20_000) {
      link.lineageRun = lineageRun;
    } else {
      left('lineage run');
    }
  }
  return { link, problems };
}

function decodeFilter(name: string, raw: string): ColumnFilter | null | 'not-a-filter' {
  const at = name.lastIndexOf('__');
  const op = at > 0 ? name.slice(at + 2) : '';
  if (!(FILTER_OPS as readonly string[]).includes(op)) {
    return 'not-a-filter';
  }
  const column = name.slice(0, at);
  let value: unknown;
  if (raw === '~') {
    value = undefined;
  } else if (raw.startsWith('~')) {
    try {
      value = JSON.parse(raw.slice(1));
    } catch {
      return null;
    }
  } else {
    value = raw;
  }
  const candidate = op === 'in' ? { column, op, values: value } : { column, op, ...(value === undefined ? {} : { value }) };
  const parsed = columnFilterSchema.safeParse(candidate);
  if (!parsed.success || (op === 'in' && parsed.data.values === undefined)) {
    return null;
  }
  const f = parsed.data;
  return { column: f.column, op: f.op, ...(f.value === undefined ? {} : { value: f.value }), ...(f.values === undefined ? {} : { values: f.values }) };
}

function parseJson<T>(text: string, schema: z.ZodType<T>): T | undefined {
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

function canParse(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}
