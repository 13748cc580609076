/** The export subject of the SQL console: every row of the statement, as a CSV. */
import type { ApiCall } from '../../app/api-types';
import type { ExportSubject } from '../../export/export-subject';
import type { ConsoleRun } from './console-page-source';

/** The statement's first line, shortened, as the dialog's title. */
export function statementTitle(sql: string): string {
  const line = sql.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/** What the export dialog shows and starts for a console run. */
export function consoleExportSubject(call: ApiCall, storeId: string, run: ConsoleRun): ExportSubject {
  const { first } = run;
  return {
    title: `SQL: ${statementTitle(run.sql)}`,
    fileName: 'query.csv',
    columns: first.columns,
    filters: [],
    unfiltered: 'every row the statement returns (it runs again for the file)',
    count: first.more ? null : { value: first.rows.length, exact: true },
    countNote: `more than ${first.rows.length.toLocaleString('en-US')} rows; not counted ahead`,
    start: (options) => call('export.startConsole', { storeId, sql: run.sql, options }),
  };
}
