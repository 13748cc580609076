import type { Database as Db, Statement } from 'better-sqlite3';
import { DAY_MS, at, formatDate, formatTs, type Prng } from './prng';

const SESSION_TYPES = [
  'BRONZE_TO_SILVER', 'SILVER_AGGREGATE', 'SILVER_TO_GOLD', 'GOLD_VISUALIZATION',
  'CROSS_LAYER_ANALYSIS', 'AD_HOC_QUERY', 'DATA_EXPORT', 'DATA_CORRECTION',
] as const;
const OPERATION_TYPES = [
  'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'UPSERT', 'AGGREGATE', 'JOIN', 'FILTER', 'CALCULATE',
  'PIVOT', 'UNPIVOT', 'NORMALIZE', 'CLEAN', 'DEDUPLICATE', 'VALIDATE', 'TRANSFORM', 'EXPORT', 'REFRESH',
] as const;
const TRANSFORMATION_TYPES = ['SQL', 'PYTHON', 'PANDAS', 'FORMULA', 'SPARK', 'MANUAL', 'SYSTEM'] as const;
const ARTIFACT_TYPES = ['CHART', 'DASHBOARD', 'REPORT', 'CSV_EXPORT', 'EXCEL_EXPORT', 'TABLE_SNAPSHOT', 'FORECAST'] as const;
const AGENTS = [
  ['wasde-ingest-agent', 'INGESTION', '1.4.2'], ['balance-sheet-agent', 'TRANSFORMATION', '2.0.1'],
  ['price-analyst', 'ANALYSIS', '0.9.7'], ['viz-builder', 'VISUALIZATION', '1.1.0'], ['ops-console', 'HUMAN', null],
] as const;

const COMMODITIES = ['corn', 'soybeans', 'wheat', 'cotton', 'soybean_oil', 'soybean_meal', 'sorghum'];
const BRONZE = [
  ...COMMODITIES.map((c) => `usda_wasde_${c}_raw`),
  'usda_nass_crop_progress_raw', 'cftc_cot_raw', 'cme_settlements_raw', 'eia_ethanol_raw', 'census_trade_raw',
  'noaa_weather_raw', 'ams_cash_prices_raw',
];
const SILVER = [
  ...COMMODITIES.map((c) => `${c}_balance_sheet`),
  'crop_progress_weekly', 'cot_positions', 'futures_settlements', 'ethanol_production', 'export_sales',
  'weather_daily', 'cash_basis',
];
const GOLD = [
  ...COMMODITIES.map((c) => `${c}_supply_demand_dashboard`),
  'price_forecast_monthly', 'fund_positioning_summary', 'crush_margin_daily', 'export_pace_tracker',
  'data_quality_dashboard',
];
const COLUMNS = ['marketing_year', 'ending_stocks', 'total_supply', 'exports', 'feed_residual', 'price', 'report_date'];

function tablesOf(layer: 'BRONZE' | 'SILVER' | 'GOLD'): readonly string[] {
  return layer === 'BRONZE' ? BRONZE : layer === 'SILVER' ? SILVER : GOLD;
}

const RELATIONSHIP_TYPES = [
  'DERIVES_FROM', 'COPIES', 'AGGREGATES', 'JOINS', 'FILTERS', 'TRANSFORMS', 'ENRICHES', 'VALIDATES', 'REFERENCES',
] as const;

function inList(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}

function createTables(db: Db): void {
  db.exec(`
    CREATE TABLE transformation_session (
      id TEXT PRIMARY KEY,
      session_type VARCHAR(50) NOT NULL CHECK (session_type IN (${inList(SESSION_TYPES)})),
      agent_id VARCHAR(100) NOT NULL, agent_type VARCHAR(50), agent_version VARCHAR(20),
      source_layer VARCHAR(10) NOT NULL CHECK (source_layer IN ('BRONZE','SILVER','GOLD')),
      source_tables TEXT NOT NULL, source_filters TEXT, data_start_date DATE, data_end_date DATE,
      status VARCHAR(20) DEFAULT 'ACTIVE'
        CHECK (status IN ('ACTIVE', 'COMPLETED', 'FAILED', 'ABANDONED', 'ROLLED_BACK')),
      started_at TIMESTAMPTZ, completed_at TIMESTAMPTZ, purpose TEXT, ticket_id VARCHAR(50),
      parent_session_id TEXT REFERENCES transformation_session(id),
      operations_count INTEGER DEFAULT 0, outputs_count INTEGER DEFAULT 0,
      total_rows_processed BIGINT DEFAULT 0,
      error_message TEXT, error_details TEXT, created_at TIMESTAMPTZ);
    CREATE INDEX transformation_session_parent ON transformation_session (parent_session_id);
    CREATE INDEX transformation_session_started ON transformation_session (started_at);
    CREATE TABLE transformation_operation (
      id INTEGER PRIMARY KEY,
      session_id TEXT NOT NULL REFERENCES transformation_session(id) ON DELETE CASCADE,
      operation_type VARCHAR(50) NOT NULL CHECK (operation_type IN (${inList(OPERATION_TYPES)})),
      operation_order INTEGER NOT NULL, input_tables TEXT, input_columns TEXT, input_row_count BIGINT,
      transformation_logic TEXT, transformation_type VARCHAR(30), parameters TEXT, output_table VARCHAR(200),
      output_columns TEXT, output_row_count BIGINT, warnings TEXT, execution_time_ms INTEGER, created_at TIMESTAMPTZ);
    CREATE INDEX transformation_operation_session ON transformation_operation (session_id, operation_order);
    CREATE TABLE output_artifact (
      id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES transformation_session(id),
      artifact_type VARCHAR(50) NOT NULL, artifact_name VARCHAR(200) NOT NULL, artifact_location TEXT,
      source_tables TEXT, source_columns TEXT, row_count BIGINT, column_count INTEGER, data_as_of TIMESTAMPTZ,
      data_start_date DATE, data_end_date DATE, is_current BOOLEAN DEFAULT 1,
      superseded_by_id TEXT REFERENCES output_artifact(id), created_at TIMESTAMPTZ, expires_at TIMESTAMPTZ,
      description TEXT, metadata TEXT);
    CREATE INDEX output_artifact_session ON output_artifact (session_id);
    CREATE TABLE lineage_edge (
      id INTEGER PRIMARY KEY,
      source_type VARCHAR(30) NOT NULL, source_schema VARCHAR(50), source_name VARCHAR(200) NOT NULL,
      source_column VARCHAR(100), target_type VARCHAR(30) NOT NULL, target_schema VARCHAR(50),
      target_name VARCHAR(200) NOT NULL, target_column VARCHAR(100),
      relationship_type VARCHAR(30) NOT NULL CHECK (relationship_type IN (${inList(RELATIONSHIP_TYPES)})),
      session_id TEXT REFERENCES transformation_session(id) ON DELETE SET NULL,
      transformation_description TEXT, is_current BOOLEAN DEFAULT 1, created_at TIMESTAMPTZ, invalidated_at TIMESTAMPTZ,
      UNIQUE (source_type, source_schema, source_name, source_column, target_type, target_schema, target_name,
        target_column, relationship_type));
    CREATE INDEX lineage_edge_source ON lineage_edge (source_schema, source_name);
    CREATE INDEX lineage_edge_target ON lineage_edge (target_schema, target_name);
    CREATE INDEX lineage_edge_session ON lineage_edge (session_id);
  `);
}

/** PostgreSQL-style TIMESTAMPTZ text: `2026-10-12 08:15:02.123456+00:00`. */
function tz(rng: Prng, ms: number): string {
  return formatTs(ms, { digits: 6, micros: rng.int(0, 999), offsetMinutes: 0 });
}

const FAILURES = [
  ['relation "bronze.census_trade_raw" does not exist', { sqlstate: '42P01', hint: null }],
  ['duplicate key value violates unique constraint "balance_sheet_pkey"',
    { sqlstate: '23505', key: '(commodity, marketing_year)' }],
  ['Validation failed: ending_stocks negative for 3 rows',
    { failed_checks: ['ending_stocks >= 0'], sample_rows: [17, 42, 99] }],
  ['MemoryError while pivoting 48M rows', { python: '3.11.9', peak_mb: 15872 }],
] as const;

type Row = Record<string, string | number | null>;

/** An INSERT with `@column` placeholders taken from the first row's keys (every row has the same keys). */
function inserter(db: Db, table: string, verb = 'INSERT'): (row: Row) => void {
  let statement: Statement | undefined;
  return (row) => {
    const columns = Object.keys(row);
    const values = columns.map((c) => `@${c}`).join(', ');
    statement ??= db.prepare(`${verb} INTO ${table} (${columns.join(', ')}) VALUES (${values})`);
    statement.run(row);
  };
}

/** Builds a session's operations in order; returns them with the clock after the last one. */
/**
 * What a session's operations write: the table its first source feeds in the curated lineage
 * (bronze i → silver i → the gold tables built on silver i), else `fallback`; gold-layer sessions
 * write artifacts, not tables. Keeps operation edges as layered as lineage_edge.
 */
function outputTable(layer: string, sources: readonly string[], fallback: string): string | null {
  const first = (sources[0] ?? '').split('.').pop() ?? '';
  if (layer === 'GOLD') {
    return null;
  }
  if (layer === 'BRONZE') {
    const i = BRONZE.indexOf(first);
    return `silver.${i >= 0 && i < SILVER.length ? at(SILVER, i) : fallback}`;
  }
  const i = SILVER.indexOf(first);
  const gold = GOLD.find((_, g) => g % SILVER.length === i);
  return `gold.${gold ?? fallback}`;
}

function buildOperations(
  rng: Prng, sessionId: string, layer: string, sources: readonly string[], count: number, startedAt: number,
): { rows: Row[]; clock: number; totalRows: number } {
  const targetLayer = layer === 'BRONZE' ? 'SILVER' : 'GOLD';
  const rows: Row[] = [];
  let clock = startedAt;
  let totalRows = 0;
  for (let k = 1; k <= count; k++) {
    const opType = k === 1 ? 'SELECT' : rng.pick(OPERATION_TYPES);
    const inRows = rng.int(0, 2_000_000);
    let outRows = inRows;
    if (opType === 'FILTER' || opType === 'DEDUPLICATE') {outRows = rng.int(0, inRows);}
    if (opType === 'AGGREGATE') {outRows = rng.int(1, 5_000);}
    const ms = Math.round(rng.skewed(800, 1));
    const year = rng.int(23, 25);
    clock += ms + rng.int(5, 500);
    totalRows += outRows;
    let warnings: string[] | null = null;
    if (rng.chance(0.1)) {warnings = [`${rng.int(1, 400)} rows had NULL ${rng.pick(COLUMNS)}`];}
    else if (rng.chance(0.03)) {warnings = ['implicit cast TEXT -> NUMERIC', 'sort spilled to disk'];}
    rows.push({
      session_id: sessionId,
      operation_type: opType,
      operation_order: k,
      input_tables: JSON.stringify(sources),
      input_columns: JSON.stringify(rng.sample(COLUMNS, rng.int(1, 5))),
      input_row_count: inRows,
      transformation_logic: `${opType} over ${sources.join(', ')}`,
      transformation_type: rng.pick(TRANSFORMATION_TYPES),
      parameters: JSON.stringify({ commodity: rng.pick(COMMODITIES), marketing_year: `20${year}/${year + 1}` }),
      output_table: outputTable(layer, sources, rng.pick(tablesOf(targetLayer))),
      output_columns: JSON.stringify(rng.sample(COLUMNS, rng.int(2, 6))),
      output_row_count: outRows,
      warnings: warnings ? JSON.stringify(warnings) : null,
      execution_time_ms: ms,
      created_at: tz(rng, clock),
    });
  }
  return { rows, clock, totalRows };
}

const PURPOSES = [
  'Monthly WASDE refresh', 'Rebuild balance sheets after revision', 'Ad hoc price check', 'Backfill 2024/25 marketing year',
];
const SESSION_STATUS = [['COMPLETED', 82], ['FAILED', 11], ['ABANDONED', 5], ['ACTIVE', 2]] as const;

/** Creates and fills the transformation-logging tables (SQLite shape of the §6.4 Postgres schema). */
export function buildTransformationTables(db: Db, rng: Prng, base: number, scale = 1): void {
  createTables(db);
  const insertSession = inserter(db, 'transformation_session');
  const insertOp = inserter(db, 'transformation_operation');
  const insertArtifact = inserter(db, 'output_artifact');
  const supersede = db.prepare('UPDATE output_artifact SET superseded_by_id = ?, is_current = 0 WHERE id = ?');
  const sessions = Math.max(1, Math.round(800 * scale));
  const span = 90 * DAY_MS;
  const sessionIds: string[] = [];
  const latestArtifact = new Map<string, string>();

  for (let i = 0; i < sessions; i++) {
    const id = rng.uuid();
    const sessionType = rng.pick(SESSION_TYPES);
    let layer: 'BRONZE' | 'SILVER' | 'GOLD' = rng.pick(['SILVER', 'SILVER', 'BRONZE', 'GOLD'] as const);
    if (sessionType === 'BRONZE_TO_SILVER') {layer = 'BRONZE';}
    if (sessionType.startsWith('GOLD')) {layer = 'GOLD';}
    const [agentId, agentType, agentVersion] = rng.pick(AGENTS);
    const sources = rng.sample(tablesOf(layer), rng.int(1, 4)).map((t) => `${layer.toLowerCase()}.${t}`);
    const startedAt = base - span + Math.floor(((i + rng.next()) / sessions) * span);
    const recent = base - startedAt < 2 * DAY_MS;
    const status = recent && rng.chance(0.5) ? 'ACTIVE' : rng.weighted(SESSION_STATUS);
    const window = Math.max(0, sessionIds.length - 30);
    const parent = sessionIds.length > 0 && rng.chance(0.12) ? at(sessionIds, rng.int(window, sessionIds.length - 1)) : null;
    const opsWanted = rng.int(3, 12);
    const opsCount = status === 'COMPLETED' ? opsWanted : rng.int(3, opsWanted);
    const dataEnd = startedAt - rng.int(0, 3) * DAY_MS;
    const failure = status === 'FAILED' ? rng.pick(FAILURES) : null;
    const ops = buildOperations(rng, id, layer, sources, opsCount, startedAt);
    const outputs = status === 'COMPLETED' && (i % 2 === 0 || rng.chance(0.1)) ? 1 : 0;
    let completedAt: string | null = null;
    if (status === 'ABANDONED') {completedAt = tz(rng, startedAt + DAY_MS);}
    else if (status !== 'ACTIVE') {completedAt = tz(rng, ops.clock + rng.int(10, 2000));}
    let errorMessage: string | null = failure ? failure[0] : null;
    if (status === 'ABANDONED') {errorMessage = 'Session abandoned after 24h without activity';}
    const region = rng.pick(['US', 'WORLD', 'BRAZIL']);
    const filters = rng.chance(0.4) ? { commodity: rng.pick(COMMODITIES), region } : null;
    insertSession({
      id, session_type: sessionType, agent_id: agentId, agent_type: agentType, agent_version: agentVersion,
      source_layer: layer, source_tables: JSON.stringify(sources), source_filters: filters ? JSON.stringify(filters) : null,
      data_start_date: formatDate(dataEnd - rng.int(7, 365) * DAY_MS), data_end_date: formatDate(dataEnd),
      status, started_at: tz(rng, startedAt), completed_at: completedAt, purpose: rng.pick(PURPOSES),
      ticket_id: rng.chance(0.3) ? `RLC-${rng.int(100, 999)}` : null, parent_session_id: parent,
      operations_count: opsCount, outputs_count: outputs, total_rows_processed: ops.totalRows,
      error_message: errorMessage,
      error_details: failure ? JSON.stringify({ ...failure[1], operation_order: opsCount }) : null,
      created_at: tz(rng, startedAt),
    });
    sessionIds.push(id);
    ops.rows.forEach(insertOp);
    if (outputs > 0) {
      const artifactId = rng.uuid();
      const type = rng.pick(ARTIFACT_TYPES);
      const name = `${rng.pick(COMMODITIES)}_${type.toLowerCase()}`;
      const format = type === 'CHART' ? 'png' : 'parquet';
      insertArtifact({
        id: artifactId, session_id: id, artifact_type: type, artifact_name: name,
        artifact_location: `s3://rlc-artifacts/${formatDate(startedAt)}/${name}.${format}`,
        source_tables: JSON.stringify(sources), source_columns: JSON.stringify(rng.sample(COLUMNS, 3)),
        row_count: ops.totalRows, column_count: rng.int(3, 40), data_as_of: tz(rng, dataEnd),
        data_start_date: formatDate(dataEnd - 365 * DAY_MS), data_end_date: formatDate(dataEnd), is_current: 1,
        created_at: tz(rng, ops.clock), expires_at: rng.chance(0.3) ? tz(rng, ops.clock + 30 * DAY_MS) : null,
        description: `Generated by ${agentId}`, metadata: JSON.stringify({ format, generator: agentId }),
      });
      // A newer artifact of the same name supersedes the previous one.
      const previous = latestArtifact.get(name);
      if (previous !== undefined) {supersede.run(artifactId, previous);}
      latestArtifact.set(name, artifactId);
    }
  }
  buildLineage(db, rng, sessionIds, base);
}

/** One end of a lineage edge: type, schema, name and (for column edges) column. */
type EdgeEnd = readonly [string, string, string, string | null];

/** A bronze → silver → gold table chain (~40 tables) plus column-level edges. */
function buildLineage(db: Db, rng: Prng, sessionIds: readonly string[], base: number): void {
  const insert = inserter(db, 'lineage_edge', 'INSERT OR IGNORE');
  const edge = (s: EdgeEnd, t: EdgeEnd, rel: string, description: string): void => {
    const created = base - rng.int(1, 120) * DAY_MS;
    const current = rng.chance(0.93);
    insert({
      source_type: s[0], source_schema: s[1], source_name: s[2], source_column: s[3],
      target_type: t[0], target_schema: t[1], target_name: t[2], target_column: t[3],
      relationship_type: rel,
      // Edges outlive archived sessions, whose id is then NULL.
      session_id: rng.chance(0.15) ? null : rng.pick(sessionIds),
      transformation_description: description,
      is_current: current ? 1 : 0,
      created_at: tz(rng, created),
      invalidated_at: current ? null : tz(rng, created + rng.int(1, 30) * DAY_MS),
    });
  };
  SILVER.forEach((silver, i) => {
    const raw = at(BRONZE, i);
    const rel = rng.pick(['DERIVES_FROM', 'TRANSFORMS', 'FILTERS']);
    edge(['TABLE', 'bronze', raw, null], ['TABLE', 'silver', silver, null], rel, `Clean and type ${raw}`);
    if (rng.chance(0.3)) {
      edge(['TABLE', 'bronze', rng.pick(BRONZE), null], ['TABLE', 'silver', silver, null], 'ENRICHES', 'Lookup enrichment');
    }
  });
  GOLD.forEach((gold, i) => {
    const primary = at(SILVER, i % SILVER.length);
    const target: EdgeEnd = ['VIEW', 'gold', gold, null];
    edge(['TABLE', 'silver', primary, null], target, 'AGGREGATES', `Aggregate ${primary} to reporting grain`);
    for (const other of rng.sample(SILVER, rng.int(1, 2))) {
      if (other !== primary) {edge(['TABLE', 'silver', other, null], target, 'JOINS', `Join ${other}`);}
    }
  });
  const dq: EdgeEnd = ['VIEW', 'gold', 'data_quality_dashboard', null];
  edge(['TABLE', 'audit', 'ingest_run', null], dq, 'REFERENCES', 'Ingest run history');
  edge(['TABLE', 'audit', 'validation_status', null], dq, 'VALIDATES', 'Validation results');
  const chart: EdgeEnd = ['ARTIFACT', 'artifacts', 'price_forecast_chart', null];
  edge(['VIEW', 'gold', 'price_forecast_monthly', null], chart, 'DERIVES_FROM', 'Rendered chart');
  for (const commodity of COMMODITIES) {
    for (const column of rng.sample(COLUMNS, rng.int(2, 4))) {
      const bronze: EdgeEnd = ['COLUMN', 'bronze', `usda_wasde_${commodity}_raw`, column];
      const silver: EdgeEnd = ['COLUMN', 'silver', `${commodity}_balance_sheet`, column];
      const gold: EdgeEnd = ['COLUMN', 'gold', `${commodity}_supply_demand_dashboard`, column];
      edge(bronze, silver, rng.pick(['COPIES', 'TRANSFORMS']), `Map ${column}`);
      edge(silver, gold, 'DERIVES_FROM', `Expose ${column}`);
    }
  }
  lineageStories(db, sessionIds, base);
}

/**
 * What the lineage view must show and the random edges may miss: a cycle, an edge replaced by
 * another at a known time (so as-of brings it back), and column edges that only shape rows
 * (INDIRECT: filters and joins) beside those that carry values (DIRECT).
 */
function lineageStories(db: Db, sessionIds: readonly string[], base: number): void {
  const insert = inserter(db, 'lineage_edge', 'INSERT OR IGNORE');
  const session = (i: number): string | null => sessionIds[i % Math.max(1, sessionIds.length)] ?? null;
  let n = 0;
  const edge = (s: EdgeEnd, t: EdgeEnd, rel: string, description: string, createdDaysAgo: number, invalidatedDaysAgo: number | null = null): void => {
    const utc = (days: number): string => formatTs(base - days * DAY_MS, { digits: 6, micros: 0, offsetMinutes: 0 });
    insert({
      source_type: s[0], source_schema: s[1], source_name: s[2], source_column: s[3],
      target_type: t[0], target_schema: t[1], target_name: t[2], target_column: t[3],
      relationship_type: rel, session_id: session(n++), transformation_description: description,
      is_current: invalidatedDaysAgo === null ? 1 : 0, created_at: utc(createdDaysAgo),
      invalidated_at: invalidatedDaysAgo === null ? null : utc(invalidatedDaysAgo),
    });
  };
  const table = (schema: string, name: string): EdgeEnd => ['TABLE', schema, name, null];
  // Positions, settlements and basis reconcile against each other: a cycle in silver.
  edge(table('silver', 'cot_positions'), table('silver', 'futures_settlements'), 'JOINS', 'Open interest joined to settlements', 90);
  edge(table('silver', 'futures_settlements'), table('silver', 'cash_basis'), 'DERIVES_FROM', 'Basis = cash - nearby futures', 90);
  edge(table('silver', 'cash_basis'), table('silver', 'cot_positions'), 'ENRICHES', 'Basis regime tags on positions', 60);
  // The soybean dashboard read weather until the crop-progress feed replaced it 20 days ago.
  const soy: EdgeEnd = ['VIEW', 'gold', 'soybeans_supply_demand_dashboard', null];
  edge(table('silver', 'weather_daily'), soy, 'ENRICHES', 'Weather overlay (retired)', 100, 20);
  edge(table('silver', 'crop_progress_weekly'), soy, 'ENRICHES', 'Crop-progress overlay', 20);
  for (const c of COMMODITIES) {
    const silver = (column: string): EdgeEnd => ['COLUMN', 'silver', `${c}_balance_sheet`, column];
    const gold = (column: string): EdgeEnd => ['COLUMN', 'gold', `${c}_supply_demand_dashboard`, column];
    edge(silver('total_supply'), gold('total_supply'), 'COPIES', 'Carried over as is', 45);
    edge(silver('marketing_year'), gold('total_supply'), 'FILTERS', 'Current marketing year only', 45);
    edge(silver('report_date'), gold('total_supply'), 'JOINS', 'Latest report per year', 45);
  }
}
