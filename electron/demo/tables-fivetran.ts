import type { Database as Db } from 'better-sqlite3';
import { DAY_MS, at, formatTs, type Prng } from './prng';

interface ConnectionDef {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly destination: string;
  readonly schema: string;
  readonly tables: readonly string[];
  /** Configured sync frequency, shown in edit events; the demo spaces syncs to fill a row budget. */
  readonly everyHours: number;
}

function conn(
  id: string, name: string, type: string, destination: string, schema: string, tables: string, everyHours: number,
): ConnectionDef {
  return { id, name, type, destination, schema, tables: tables.split(' '), everyHours };
}

// Ids and destinations follow the real seeds (two-word snake case); the first four appear there.
const CONNECTIONS: readonly ConnectionDef[] = [
  conn('this_connection', 'this_connection', 'instagram_business', 'ups_trampoline', 'instagram_business',
    'media_insights media_history user_history user_insights fivetran_audit', 6),
  conn('legislative_lazy', 'salesforce_prod', 'salesforce', 'ups_trampoline', 'salesforce',
    'account opportunity contact lead user task', 1),
  conn('paint_wedges', 'google_ads_main', 'google_ads', 'ups_trampoline', 'google_ads',
    'campaign_stats ad_group_stats keyword_stats', 12),
  conn('aft_gleeful', 'test', 's3', 'obtained_willow', 's3_landing', 'events_raw', 24),
  conn('protestations_mourned', 'iterable_marketing', 'iterable', 'obtained_willow', 'iterable', 'campaign event list_user', 6),
  conn('intrinsic_departed', 'postgres_orders', 'postgres', 'ups_trampoline', 'public_orders',
    'orders order_items customers refunds', 1),
  conn('cobalt_sprinkle', 'stripe_billing', 'stripe', 'ups_trampoline', 'stripe',
    'charge invoice subscription balance_transaction', 3),
  conn('mellow_harbor', 'hubspot_crm', 'hubspot', 'television_trace', 'hubspot', 'company deal contact engagement', 6),
  conn('quiet_lantern', 'zendesk_support', 'zendesk', 'television_trace', 'zendesk', 'ticket ticket_comment user', 3),
  conn('brisk_meadow', 'shopify_store', 'shopify', 'ups_trampoline', 'shopify', 'order product customer fulfillment', 2),
  conn('velvet_orbit', 'netsuite_finance', 'netsuite_suiteanalytics', 'obtained_willow', 'netsuite',
    'transactions accounts subsidiaries', 24),
  conn('humble_quarry', 'github_eng', 'github', 'television_trace', 'github', 'issue pull_request commit', 12),
];

const ACTORS = ['someone@example.com', 'me@me.com', 'ops.lead@example.com', 'dana+fivetran@example.org'];

/** id, time_stamp, _fivetran_synced, connection_id, event, message_data, message_event, transformation_id, sync_id */
type LogRow = [string, string, string, string, string | null, string | null, string, string | null, string | null];

interface LogEntry {
  readonly at: number;
  readonly row: LogRow;
}

/** Appends one log row of the current connection; objects in `data` are stored as JSON text. */
type Emit = (
  atMs: number, event: string | null, messageEvent: string, data: object | string | null, syncId: string | null,
) => void;

function createTables(db: Db): void {
  db.exec(`
    CREATE TABLE connection (
      connection_id TEXT NOT NULL, _fivetran_synced TIMESTAMP, connecting_user_id TEXT,
      connection_name TEXT, connector_type TEXT, destination_id TEXT NOT NULL, paused BOOLEAN,
      signed_up TIMESTAMP, _fivetran_deleted BOOLEAN,
      PRIMARY KEY (connection_id, destination_id));
    CREATE TABLE log (
      id TEXT NOT NULL, time_stamp TIMESTAMP, _fivetran_synced TIMESTAMP, connection_id TEXT,
      event TEXT, message_data TEXT, message_event TEXT, transformation_id TEXT, sync_id TEXT);
  `);
}

function createIndexes(db: Db): void {
  db.exec(`
    CREATE INDEX log_connection_time ON log (connection_id, time_stamp);
    CREATE INDEX log_sync_id ON log (sync_id);
    CREATE INDEX log_id ON log (id);
  `);
}

const SYNC_END: readonly (readonly [string, number])[] = [
  ['SUCCESSFUL', 88], ['FAILURE', 4], ['FAILURE_WITH_TASK', 3], ['RESCHEDULED', 4], ['CANCELED', 1],
];

const FAILURE_REASONS = [
  'java.net.SocketTimeoutException: Read timed out',
  'Too many requests (429)',
  'ERROR: canceling statement due to statement timeout',
];

function syncEndData(rng: Prng, status: string, t: number): object {
  switch (status) {
    case 'SUCCESSFUL':
      return { status };
    case 'RESCHEDULED':
      return {
        status,
        reason: 'Sync has been rescheduled, this is intended behavior',
        rescheduledAt: `${formatTs(t + 3_600_000, { sep: 'T', digits: 3 })}Z`,
      };
    case 'CANCELED':
      return { status, reason: 'Sync was canceled by user' };
    case 'FAILURE_WITH_TASK':
      return {
        status,
        reason: 'Permission denied on schema',
        taskType: 'reconnect',
        message: 'Grant USAGE on the source schema to the Fivetran user',
      };
    default:
      return { status, reason: rng.pick(FAILURE_REASONS) };
  }
}

/** Emits the rows of one sync, from sync_start through the table writes to sync_end. */
function emitSync(rng: Prng, c: ConnectionDef, t0: number, legacy: boolean, emit: Emit, counter: { records: number }): void {
  const syncId = legacy ? null : rng.uuid();
  let t = t0;
  const tick = (maxMs: number): number => (t += rng.int(5, maxMs));
  const status = rng.weighted(SYNC_END);
  emit(t, 'INFO', 'sync_start', null, syncId);
  for (let k = rng.int(0, 2); k > 0; k--) {
    const uri = `https://api.${c.type}.example.com/v1/${rng.pick(c.tables)}`;
    emit(tick(3000), 'INFO', 'api_call', { method: rng.pick(['GET', 'POST']), uri }, syncId);
  }
  // Both spellings occur in the real seed.
  const queries = rng.int(1, 40);
  const totalRows = rng.int(0, 90_000);
  const summary = rng.chance(0.3)
    ? { totalQueries: queries, total_rows: totalRows }
    : { total_queries: queries, total_rows: totalRows };
  emit(tick(20_000), 'INFO', 'extract_summary', summary, syncId);
  if (rng.chance(0.05)) {
    const message = `${c.schema}.${rng.pick(c.tables)}__ChangeEvent has been Excluded by system. Reason : Not queryable`;
    emit(tick(500), 'WARNING', 'warning', { type: 'table_excluded_by_system', message }, syncId);
  }
  if (rng.chance(0.01)) {
    emit(tick(500), 'INFO', 'create_table', { schema: c.schema, name: `${rng.pick(c.tables)}_v2` }, syncId);
  }
  const failing = status.startsWith('FAILURE');
  const tables = failing ? rng.sample(c.tables, rng.int(0, c.tables.length - 1)) : c.tables;
  for (const table of tables) {
    emit(tick(2000), 'INFO', 'write_to_table_start', { table }, syncId);
    emit(tick(30_000), 'INFO', 'write_to_table_end', { table }, syncId);
    counter.records += 1;
    // Every 997th count exceeds int32, as `11624686068` does in the seed.
    const count = counter.records % 997 === 0 ? rng.int(2 ** 31, 2 ** 34) : rng.int(0, 25_000);
    const operationType = rng.weighted([['REPLACED_OR_INSERTED', 85], ['UPDATED', 10], ['DELETED', 5]] as const);
    emit(tick(400), 'INFO', 'records_modified', { schema: c.schema, count, operationType, table }, syncId);
  }
  if (failing) {
    const message = 'Sync failed: source returned an unexpected response';
    emit(tick(1000), 'SEVERE', 'error', { type: 'sync_error', message }, syncId);
  }
  emit(tick(1500), 'INFO', 'sync_end', syncEndData(rng, status, t), syncId);
}

/** Creates and fills the Fivetran Platform Connector `log` and `connection` tables. */
export function buildFivetranTables(db: Db, rng: Prng, base: number, scale = 1): void {
  createTables(db);
  const insertConnection = db.prepare('INSERT INTO connection VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const entries: LogEntry[] = [];
  const start = base - 90 * DAY_MS;
  const budget = Math.max(40, Math.round((20_000 * scale) / CONNECTIONS.length));
  const counter = { records: 0 };

  CONNECTIONS.forEach((c, index) => {
    const newcomer = index === CONNECTIONS.length - 1;
    const signedUp = (newcomer ? start + 20 * DAY_MS : start - rng.int(30, 900) * DAY_MS) + rng.int(0, DAY_MS - 1);
    const userName = `${rng.pick(['intimation', 'off', 'tidy'])}_${rng.pick(['awkwardly', 'ence', 'orbit'])}`;
    const user = rng.chance(0.15) ? null : userName;
    const synced = formatTs(base - rng.int(1_000, 3_600_000), { digits: 3 });
    const signed = formatTs(signedUp, { digits: 6, micros: rng.int(0, 999) });
    insertConnection.run(c.id, synced, user, c.name, c.type, c.destination, index % 5 === 4 ? 1 : 0, signed, 0);
    if (c.id === 'this_connection') {
      // The real seed holds the same connection_id twice: an older, deleted copy elsewhere.
      const older = formatTs(signedUp - 400 * DAY_MS, { digits: 6, micros: 910 });
      insertConnection.run(c.id, synced, 'off_ence', c.name, c.type, 'television_trace', 1, older, 1);
    }
    // Precision differs per writer era, and a few rows drop the fraction, as in the seeds.
    const digits: 0 | 3 | 6 = index % 4 === 3 ? 6 : 3;
    let rows = 0;
    let batch = 0;
    const emit: Emit = (atMs, event, messageEvent, data, syncId) => {
      const own = rng.chance(0.07) ? 0 : digits;
      batch += rng.int(1, 50);
      const text = data === null || typeof data === 'string' ? data : JSON.stringify(data);
      const row: LogRow = [
        rng.base64Id(), formatTs(atMs, { digits: own, micros: rng.int(0, 999) }),
        formatTs(batch, { digits, micros: rng.int(0, 999) }), c.id, event, text, messageEvent, null, syncId,
      ];
      entries.push({ at: atMs, row });
      rows += 1;
    };
    const actorEvent = (atMs: number, messageEvent: string, body: object): void => {
      batch = atMs + rng.int(1, 6) * 3_600_000;
      emit(atMs, 'INFO', messageEvent, body, null);
    };
    actorEvent(signedUp, 'create_connection', {
      actor: rng.pick(ACTORS),
      properties: { endpoint: '************', apiKey: '************', syncMode: 'AllEvents', isE2ETest: false, events: [] },
      id: c.type,
    });
    const first = Math.max(start, signedUp + DAY_MS);
    const expectedPerSync = 4 + c.tables.length * 3;
    // Spread just enough syncs over the window to fill this connection's share of the rows.
    const interval = Math.floor((base - first) / Math.max(1, budget / expectedPerSync));
    let syncNo = 0;
    const end = base - 3_600_000;
    for (let t = first + rng.int(0, 3_600_000); t < end && rows < budget; t += interval + rng.int(-60_000, 60_000)) {
      batch = t + rng.int(1, 8) * 3_600_000;
      // The first syncs of two connections predate `sync_id` (added to the log in 2022).
      emitSync(rng, c, t, index < 2 && syncNo < 3, emit, counter);
      syncNo += 1;
      if (rng.chance(0.01)) {
        const actor = rng.chance(0.2) ? 'fivetran' : rng.pick(ACTORS);
        const action = rng.pick(['edit_connection', 'pause_connection', 'resume_connection']);
        actorEvent(t + interval / 2, action, { actor, id: c.id, properties: { schedule: `${c.everyHours}h` } });
      }
      if (syncNo % 40 === 0) {
        // Transformation rows: event NULL, transformation_id set, outcome only in the text.
        const when = t + 1_800_000;
        const outcome = rng.chance(0.85) ? 'has succeeded' : 'has failed';
        const row: LogRow = [
          rng.base64Id(), formatTs(when, { digits: 3 }), formatTs(when + 3_600_000, { digits: 3 }), c.id, null,
          `Transformation "${c.schema}_rollup" ${outcome}`, 'transformation_run', `tr_${rng.alnum(12)}`, null,
        ];
        entries.push({ at: when, row });
      }
    }
  });
  const notJson = start + 10 * DAY_MS;
  entries.push({
    at: notJson,
    row: [rng.base64Id(), formatTs(notJson, { digits: 3 }), formatTs(notJson + 7_200_000, { digits: 3 }),
      'intrinsic_departed', 'INFO', 'says actor but not a json', 'status', null, null],
  });
  entries.sort((a, b) => a.at - b.at);
  // The real seed repeats one id three times (a dedup test); do the same.
  const dupId = at(entries, Math.floor(entries.length / 3)).row[0];
  at(entries, Math.floor(entries.length / 2)).row[0] = dupId;
  at(entries, Math.floor((entries.length * 2) / 3)).row[0] = dupId;
  const insertLog = db.prepare('INSERT INTO log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const entry of entries) {
    insertLog.run(...entry.row);
  }
  createIndexes(db);
}
