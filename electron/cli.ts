/**
 * The `auditlens` command line: inspect, export, query, timeline, lineage, serve and demo. It shares the app's sources,
 * plans and exporter; errors print one human line on stderr and exit non-zero.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AuditlensError } from '../shared/api/result';
import { UsageError } from './cli/cli-error';
import { asksForHelp, commandHelp } from './cli/command-help';
import { exportCommand, formatProgressLine } from './cli/export-command';
import { hideArgvSecrets } from './cli/hide-argv-secrets';
import { defaultAppPaths } from './app-data/app-paths';
import type { MappingStore } from './app-data/mapping-store';
import type { ExportJobProgress } from './export/export-service';
import { sweepStaleExports } from './export/temp-sweep';
import { runtimePaths } from './runtime-paths';
import { spawnNodeWorker } from './workers/worker-process';
import { StoreManager, sweepSourceLeftovers } from './sources/store-manager';
import { fileSystemError } from './sources/sqlite/sqlite-errors';

const USAGE = `Usage:
  auditlens inspect STORE [--json] [--count-views]   (--count-views runs each view's code to count it)
  auditlens export STORE (--table T | --view runs|steps [--format ID] [--run RUN_ID] [--mapping FILE])
                   [--filter EXPR]... [--sort COL[:desc]]... [--columns A,B]
                   [--out FILE|-] [--safe|--raw] [--bom] [--delimiter ,|;|tab] [--crlf]
                   [--time stored|utc|local] [--no-provenance]
  auditlens timeline STORE [--format ID] [--run RUN_ID] [--filter EXPR]... [--from T] [--to T]
                   [--lanes COLUMN] [--width PX] [--time utc|local] [--mapping FILE] [--out FILE.json|FILE.svg|FILE.png|-]
  auditlens lineage STORE --node NAME [--format ID] [--upstream|--downstream|--both] [--depth N|all]
                   [--columns] [--as-of T] [--run RUN_ID] [--mapping FILE] [--out FILE.csv|FILE.json|FILE.dot|FILE.svg|-]
  auditlens query STORE "SELECT …" [--out FILE|-] [--timeout SECONDS] [--safe|--raw] [--no-provenance]
                   (one read-only statement; its rows as CSV, to standard output without --out)
  auditlens serve [STORE] [--port N]
  auditlens demo --out FILE

Filters: COL=VALUE  COL!=VALUE  COL>VALUE  COL>=VALUE  COL<VALUE  COL<=VALUE  COL~TEXT (contains)  COL= (is empty)`;

function stores(): StoreManager {
  return new StoreManager({ spawn: spawnNodeWorker, workerScript: runtimePaths().workerScript }, {}, path.join(defaultAppPaths().cacheDir, 'json'));
}

/**
 * The app's saved mappings, for `--view` only. Loaded on demand, with serve: their schema
 * library (zod) took 0.1 s of every start-up, 7 % of a filtered 2M-row export (bench).
 */
async function savedMappings(): Promise<MappingStore> {
  const { MappingStore } = await import('./app-data/mapping-store');
  return new MappingStore(defaultAppPaths().dataDir);
}

function delimiterOf(v: string | undefined): ',' | ';' | '\t' {
  if (v === undefined || v === ',' || v === 'comma') {
    return ',';
  }
  if (v === ';' || v === 'semicolon') {
    return ';';
  }
  if (v === '\t' || v === 'tab' || v === '\\t') {
    return '\t';
  }
  throw new UsageError(`--delimiter must be a comma, a semicolon or tab, not "${v}".`);
}

function timeOf(v: string | undefined): 'stored' | 'utc' | 'local' {
  if (v === undefined || v === 'stored' || v === 'utc' || v === 'local') {
    return v ?? 'stored';
  }
  throw new UsageError(`--time must be stored, utc or local, not "${v}".`);
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${runtimePaths().version}\n`);
    return 0;
  }
  // `auditlens serve --help`: the command's usage, not Node's "unknown option" from parseArgs.
  const help = asksForHelp(rest) ? commandHelp(USAGE, command) : null;
  if (help !== null) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  try {
    // Temporary export files a killed run left behind (temp-sweep.ts).
    sweepStaleExports(defaultAppPaths().dataDir);
    // And temporary JSON caches of a killed ingest (any location), and private copies of WAL stores.
    sweepSourceLeftovers(path.join(defaultAppPaths().cacheDir, 'json'));
  } catch {
    // A sweep problem must never stop the command itself.
  }
  switch (command) {
    case 'inspect': {
      const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: { json: { type: 'boolean' }, 'count-views': { type: 'boolean' } } });
      const store = positionals[0];
      if (store === undefined || positionals.length > 1) {
        throw new UsageError('inspect takes one STORE: auditlens inspect STORE [--json] [--count-views]');
      }
      const { inspectStore } = await import('./cli/inspect-command');
      process.stdout.write(await inspectStore(stores(), store, values.json === true, 2_000, values['count-views'] === true));
      return 0;
    }
    case 'export': {
      const { values, positionals } = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: {
          table: { type: 'string' },
          filter: { type: 'string', multiple: true },
          sort: { type: 'string', multiple: true },
          columns: { type: 'string' },
          out: { type: 'string' },
          safe: { type: 'boolean' },
          raw: { type: 'boolean' },
          bom: { type: 'boolean' },
          delimiter: { type: 'string' },
          crlf: { type: 'boolean' },
          time: { type: 'string' },
          'no-provenance': { type: 'boolean' },
          view: { type: 'string' },
          format: { type: 'string' },
          run: { type: 'string' },
          mapping: { type: 'string' },
        },
      });
      const store = positionals[0];
      if (store === undefined || positionals.length > 1) {
        throw new UsageError('export takes one STORE: auditlens export STORE --table T [--out FILE|-]');
      }
      if (values.view !== undefined && values.view !== 'runs' && values.view !== 'steps') {
        throw new UsageError(`--view must be runs or steps, not "${values.view}".`);
      }
      if ((values.table === undefined) === (values.view === undefined)) {
        throw new UsageError('export needs --table T or --view runs|steps (see auditlens inspect STORE for the names).');
      }
      if (values.safe === true && values.raw === true) {
        throw new UsageError('Choose --safe or --raw, not both.');
      }
      const out = values.out ?? '-';
      // Progress goes to stderr only on a terminal, and not when the CSV itself is printed there.
      const progress = process.stderr.isTTY && (out !== '-' || !process.stdout.isTTY) ? progressPrinter() : undefined;
      const mappings = values.view === undefined ? undefined : await savedMappings();
      try {
        const r = await withInterrupt((signal) => exportCommand(
          stores(),
          {
            store,
            table: values.table ?? null,
            view: values.view === 'runs' || values.view === 'steps'
              ? { kind: values.view, format: values.format ?? null, run: values.run ?? null, mappingFile: values.mapping ?? null }
              : null,
            filters: values.filter ?? [],
            sort: values.sort ?? [],
            columns: values.columns ? values.columns.split(',').map((c) => c.trim()).filter((c) => c !== '') : null,
            out,
            options: {
              safe: values.raw !== true,
              bom: values.bom === true,
              delimiter: delimiterOf(values.delimiter),
              eol: values.crlf === true ? '\r\n' : '\n',
              time: timeOf(values.time),
              provenance: values['no-provenance'] !== true,
            },
          },
          {
            dataDir: defaultAppPaths().dataDir, appVersion: runtimePaths().version, signal, onProgress: progress, mappings,
          },
        ));
        if (out !== '-') {
          const seconds = (r.elapsedMs / 1_000).toFixed(1);
          process.stderr.write(`${progress ? '\r\x1b[K' : ''}Wrote ${r.rows.toLocaleString('en-US')} rows (${r.bytes.toLocaleString('en-US')} bytes) to ${r.path} in ${seconds} s${r.provenancePath ? ` (provenance: ${r.provenancePath})` : ''}\n`);
        }
      } finally {
        if (progress) {
          process.stderr.write('\r\x1b[K');
        }
      }
      return 0;
    }
    case 'timeline': {
      const { values, positionals } = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: {
          format: { type: 'string' },
          run: { type: 'string' },
          filter: { type: 'string', multiple: true },
          from: { type: 'string' },
          to: { type: 'string' },
          lanes: { type: 'string' },
          width: { type: 'string' },
          time: { type: 'string' },
          mapping: { type: 'string' },
          out: { type: 'string' },
        },
      });
      const store = positionals[0];
      if (store === undefined || positionals.length > 1) {
        throw new UsageError('timeline takes one STORE: auditlens timeline STORE [--format ID] [--run RUN_ID] [--out FILE.json|FILE.svg|FILE.png|-]');
      }
      const { timelineCommand } = await import('./cli/timeline-command');
      const out = values.out ?? '-';
      const mappings = await savedMappings();
      const r = await withInterrupt((signal) => timelineCommand(stores(), {
        store, format: values.format ?? null, run: values.run ?? null, filters: values.filter ?? [], from: values.from ?? null, to: values.to ?? null,
        lanes: values.lanes ?? null, width: values.width ?? null, time: values.time ?? null, out, mappingFile: values.mapping ?? null,
      }, {
        mappings, signal,
        note: (line) => process.stderr.write(`${line}\n`),
        stdout: (text) => process.stdout.write(text),
      }));
      if (out !== '-') {
        const bars = r.lanes.reduce((a, l) => a + l.bars.length, 0);
        const buckets = r.lanes.reduce((a, l) => a + l.buckets.length, 0);
        const what = /\.(svg|png)$/i.test(out) ? 'a picture of ' : '';
        process.stderr.write(`Wrote ${what}${r.total.toLocaleString('en-US')} ${r.items ?? 'runs'} in ${r.lanes.length.toLocaleString('en-US')} lanes (${bars.toLocaleString('en-US')} bars, ${buckets.toLocaleString('en-US')} buckets) to ${out}\n`);
      }
      return 0;
    }
    case 'lineage': {
      const { values, positionals } = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: {
          format: { type: 'string' }, node: { type: 'string' }, upstream: { type: 'boolean' }, downstream: { type: 'boolean' }, both: { type: 'boolean' },
          depth: { type: 'string' }, columns: { type: 'boolean' }, 'as-of': { type: 'string' }, run: { type: 'string' }, mapping: { type: 'string' }, out: { type: 'string' },
        },
      });
      const store = positionals[0];
      if (store === undefined || positionals.length > 1) {
        throw new UsageError('lineage takes one STORE: auditlens lineage STORE --node NAME [--upstream|--downstream|--both] [--out FILE.csv|-]');
      }
      const { lineageCommand } = await import('./cli/lineage-command');
      const out = values.out ?? '-';
      const mappings = await savedMappings();
      const g = await withInterrupt((signal) => lineageCommand(stores(), {
        store, format: values.format ?? null, node: values.node ?? null, upstream: values.upstream === true, downstream: values.downstream === true,
        both: values.both === true, depth: values.depth ?? null, columns: values.columns === true, asOf: values['as-of'] ?? null, run: values.run ?? null,
        out, mappingFile: values.mapping ?? null,
      }, { mappings, signal, stdout: (text) => process.stdout.write(text) }));
      if (out !== '-') {
        process.stderr.write(`Wrote ${g.edges.length.toLocaleString('en-US')} edges between ${g.nodes.length.toLocaleString('en-US')} nodes to ${out}${g.truncated ? ' (stopped at the node budget)' : ''}\n`);
      }
      return 0;
    }
    case 'query': {
      const { values, positionals } = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: { out: { type: 'string' }, timeout: { type: 'string' }, safe: { type: 'boolean' }, raw: { type: 'boolean' }, 'no-provenance': { type: 'boolean' } },
      });
      const [store, sql] = positionals;
      if (store === undefined || sql === undefined || positionals.length > 2) {
        throw new UsageError('query takes one STORE and one SQL statement: auditlens query STORE "SELECT …" [--out FILE|-]');
      }
      if (values.safe === true && values.raw === true) {
        throw new UsageError('Choose --safe or --raw, not both.');
      }
      const { queryCommand, parseTimeout } = await import('./cli/query-command');
      const timeoutMs = parseTimeout(values.timeout);
      if (timeoutMs === 'bad') {
        throw new UsageError(`--timeout must be a number of seconds above 0, not "${values.timeout ?? ''}".`);
      }
      const out = values.out ?? '-';
      const r = await withInterrupt((signal) => queryCommand(stores(), {
        store, sql, out, timeoutMs,
        options: { safe: values.raw !== true, bom: false, delimiter: ',', eol: '\n', time: 'stored', provenance: values['no-provenance'] !== true },
      }, { dataDir: defaultAppPaths().dataDir, appVersion: runtimePaths().version, signal }));
      if (out !== '-') {
        process.stderr.write(`Wrote ${r.rows.toLocaleString('en-US')} rows (${r.bytes.toLocaleString('en-US')} bytes) to ${r.path}${r.provenancePath ? ` (provenance: ${r.provenancePath})` : ''}\n`);
      }
      return 0;
    }
    case 'serve': {
      const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: { port: { type: 'string' }, demo: { type: 'boolean' } } });
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port ?? ''}".`);
      }
      const { startBrowserMode } = await import('./browser-mode');
      let bridge: Awaited<ReturnType<typeof startBrowserMode>>;
      try {
        bridge = await startBrowserMode(positionals[0] ?? null, port, values.demo === true);
      } catch (e) {
        // Nothing may keep a server that never started alive: one sentence, then exit 1.
        process.stderr.write(`auditlens: ${e instanceof Error ? e.message.split('\n')[0] ?? '' : String(e)}\n`);
        process.exit(1);
      }
      process.stdout.write(`Auditlens is serving ${bridge.initial ? bridge.initial.source.location : 'no store yet'} at ${bridge.url}\n`);
      const stop = (): void => {
        void bridge.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return new Promise<number>(() => undefined);
    }
    case 'demo': {
      const { values } = parseArgs({ args: [...rest], options: { out: { type: 'string' }, seed: { type: 'string' } } });
      if (values.out === undefined) {
        throw new UsageError('demo needs --out FILE.');
      }
      const { generateDemoStore } = await import('./demo/generate-demo');
      const started = Date.now();
      const r = generateDemoStore(path.resolve(values.out), values.seed === undefined ? {} : { seed: Number(values.seed) });
      const total = Object.values(r.tables).reduce((a, b) => a + b, 0);
      process.stderr.write(`Wrote the demo store (${total.toLocaleString('en-US')} rows in ${Object.keys(r.tables).length} tables) to ${r.path} in ${Date.now() - started} ms\n`);
      return 0;
    }
    default:
      throw new UsageError(`"${command}" is not an auditlens command.\n${USAGE}`);
  }
}

/** Runs `work` with a signal that Ctrl-C (SIGINT) or SIGTERM aborts, so a long command stops cleanly. */
async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const cancel = new AbortController();
  const onSignal = (): void => cancel.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await work(cancel.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Rewrites one stderr line with rows, MiB, rows/s and time left, at most five times a second. */
function progressPrinter(): (p: ExportJobProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last >= 200) {
      last = now;
      process.stderr.write(`\r\x1b[K${formatProgressLine(p)}`);
    }
  };
}

/**
 * A raw file-system error (`EACCES: permission denied, open '…'`) as a sentence: in Auditlens's own
 * data or cache folder it says how to pick another; elsewhere as the stores' errors say it.
 */
function fileSystemSentence(e: Error): string {
  const code = String((e as NodeJS.ErrnoException).code);
  const file = (e as NodeJS.ErrnoException).path;
  const paths = defaultAppPaths();
  const own = [paths.dataDir, paths.cacheDir].find((d) => typeof file === 'string' && file.startsWith(`${d}${path.sep}`));
  if (own !== undefined && ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT'].includes(code)) {
    const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'its disk is full' : code === 'EROFS' ? 'it is on a read-only file system' : 'this user may not write to it';
    return `Auditlens cannot write to its own folder ${own} (${why}); fix that, or point AUDITLENS_DATA_DIR and AUDITLENS_CACHE_DIR at a folder this user owns.`;
  }
  return fileSystemError(code, e, typeof file === 'string' ? file : '')?.message ?? e.message;
}

// Copied for use first; then the passwords leave the process's visible command line (hide-argv-secrets.ts).
const args = process.argv.slice(2);
hideArgvSecrets(process);

main(args).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`auditlens: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (e instanceof AuditlensError && e.code === 'cancelled' && /closed it/.test(e.message)) {
      // A reader like `head` stopped early: the usual quiet end of a pipeline.
      return;
    }
    if (e instanceof AuditlensError || (e instanceof Error && 'code' in e)) {
      process.stderr.write(`auditlens: ${e instanceof AuditlensError ? e.message : fileSystemSentence(e)}\n`);
      process.exitCode = 1;
      return;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`auditlens: ${msg.split('\n')[0] ?? 'unexpected error'}\n`);
    process.exitCode = 1;
  },
);
