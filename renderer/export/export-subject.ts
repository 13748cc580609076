/**
 * What the export dialog exports, independent of the view it was opened from: a title, the
 * columns and filters in words, the row count, and how to start the job on the server.
 *
 * This is the seam for the views: the table explorer builds its subject from its query
 * (`features/tables/table-export-subject.ts`), the runs view from its runs query, with the steps
 * of those runs as the alternative, and the steps pane from the run it shows
 * (`features/runs/runs-export-subject.ts`). Each subject says only what its export really writes.
 */
import type { Result } from '../../shared/api/result';
import type { RowCount } from '../../shared/model/catalog';
import type { ExportOptions } from './export-options';

/** Everything the dialog shows about an export before it starts, and how to start it. */
export interface ExportSubject {
  /** What is exported, for the dialog's title: a table's label. */
  readonly title: string;
  /** The file name offered (the server keeps it safe); the provenance file adds `.json`. */
  readonly fileName: string;
  /** The columns written, in order. */
  readonly columns: readonly string[];
  /** Every active filter in words, as its chip says it. */
  readonly filters: readonly string[];
  /** The sort the file keeps, in words ("duration_s ↓"); absent or empty: the store's own order. */
  readonly order?: readonly string[];
  /** How many rows it will write; null while counting (or when it is not counted ahead, see `countNote`). */
  readonly count: RowCount | null;
  /** What the dialog says while `count` is null, when no count is on its way ("counting…" otherwise). */
  readonly countNote?: string;
  /** Counts the rows on the server when `count` is null; the dialog calls it once it shows this subject. */
  readonly countAhead?: () => Promise<Result<RowCount>>;
  /** What "no filters" means for this subject ("every row of the table" otherwise). */
  readonly unfiltered?: string;
  /** Something else the same dialog can export instead, offered as a radio at its top. */
  readonly alternative?: ExportAlternative;
  /** Starts the job; `jobId` is null when the user cancelled the save dialog (Electron). */
  readonly start: (options: ExportOptions) => Promise<Result<{ readonly jobId: string | null }>>;
}

/** A second subject the dialog offers beside its own (the runs view: "Runs" or "Steps of these runs"). */
export interface ExportAlternative {
  /** The radio label of the subject the dialog was opened with. */
  readonly ownLabel: string;
  /** The radio label of the alternative. */
  readonly label: string;
  readonly subject: ExportSubject;
  /** Why the alternative cannot be picked right now, shown beside its radio; null when it can. */
  readonly unavailable: string | null;
}
