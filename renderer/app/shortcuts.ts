/**
 * Every keyboard shortcut of the app, in one list: the `?` sheet shows it and every button's hint
 * names its key through `withShortcut`, so the two cannot disagree (a unit test reads the source
 * for hints written by hand). Keys are written as the sheet shows them; on macOS Cmd stands for Ctrl.
 */
import { EXPLORER_MODES } from './explorer/explorer-modes';

/** Where a shortcut works, as the sheet groups them. */
export type ShortcutScope = 'Anywhere' | 'Explorer' | 'Grids' | 'Timeline' | 'Lineage' | 'SQL';

/** One shortcut: its keys as shown, and what it does. */
export interface Shortcut {
  readonly id: string;
  readonly keys: string;
  readonly does: string;
  readonly scope: ShortcutScope;
}

/** The shortcuts named by id in the app's hints; the modes' keys are added from EXPLORER_MODES. */
const FIXED = [
  { id: 'help', keys: '?', does: 'Show this list of shortcuts', scope: 'Anywhere' },
  { id: 'open', keys: 'Ctrl+O', does: 'Open a store, from anywhere', scope: 'Anywhere' },
  { id: 'settings', keys: 'Ctrl+,', does: 'Open the settings', scope: 'Anywhere' },
  { id: 'close', keys: 'Esc', does: 'Close a dialog, a popover or the detail beside a grid', scope: 'Anywhere' },
  { id: 'find', keys: '/', does: 'Filter the focused grid column, else go to the search box of the mode', scope: 'Explorer' },
  { id: 'export', keys: 'Ctrl+E', does: 'Export what the grid shows as CSV', scope: 'Grids' },
  { id: 'last-row', keys: 'Ctrl+End', does: 'Go to the last row', scope: 'Grids' },
  { id: 'first-row', keys: 'Ctrl+Home', does: 'Go to the first row', scope: 'Grids' },
  { id: 'move-row', keys: '↑ ↓', does: 'Move to the row above or below (its run or row detail follows)', scope: 'Grids' },
  { id: 'open-row', keys: 'Enter', does: 'Open the focused row: its steps, or every column of it', scope: 'Grids' },
  { id: 'add-sort', keys: 'Shift+click', does: 'Add a column to the sort (on its header)', scope: 'Grids' },
  { id: 'timeline-zoom', keys: '+ −', does: 'Zoom in or out', scope: 'Timeline' },
  { id: 'timeline-pan', keys: '← →', does: 'Pan the time axis', scope: 'Timeline' },
  { id: 'timeline-lane', keys: '↑ ↓', does: 'Select the bar in the lane above or below', scope: 'Timeline' },
  { id: 'timeline-fit', keys: '0', does: 'Fit every bar', scope: 'Timeline' },
  { id: 'timeline-fit-selection', keys: 'F', does: 'Fit the selected bar', scope: 'Timeline' },
  { id: 'timeline-open', keys: 'Enter', does: 'Open the selected run', scope: 'Timeline' },
  { id: 'lineage-move', keys: '← → ↑ ↓', does: 'Move between nodes', scope: 'Lineage' },
  { id: 'lineage-expand', keys: 'Enter', does: 'Expand the selected node', scope: 'Lineage' },
  { id: 'lineage-zoom', keys: '+ −', does: 'Zoom in or out', scope: 'Lineage' },
  { id: 'lineage-fit', keys: '0', does: 'Fit the graph', scope: 'Lineage' },
  { id: 'sql-run', keys: 'Ctrl+Enter', does: 'Run the statement', scope: 'SQL' },
  { id: 'sql-complete', keys: 'Ctrl+Space', does: 'List the table and column names that fit', scope: 'SQL' },
] as const satisfies readonly Shortcut[];

/** The id of a shortcut a hint can name. */
export type ShortcutId = (typeof FIXED)[number]['id'];

/** Every shortcut, the modes' keys among them, in the order the sheet lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  ...FIXED.slice(0, 5),
  ...EXPLORER_MODES.map((m) => ({ id: `mode-${m.id}`, keys: m.key, does: `Show the ${m.label} mode`, scope: 'Explorer' as const })),
  ...FIXED.slice(5),
];

/** The scopes in the order the sheet shows them. */
export const SHORTCUT_SCOPES: readonly ShortcutScope[] = ['Anywhere', 'Explorer', 'Grids', 'Timeline', 'Lineage', 'SQL'];

/** The keys of a shortcut, as the sheet shows them. */
export function shortcutKeys(id: ShortcutId): string {
  return FIXED.find((s) => s.id === id)?.keys ?? '';
}

/** A button's hint naming its shortcut: `Export … (Ctrl+E)`. */
export function withShortcut(text: string, id: ShortcutId): string {
  return `${text} (${shortcutKeys(id)})`;
}

/** True for the key press that opens the sheet: `?` with no Ctrl, Cmd or Alt (Shift makes the `?`). */
export function isHelpKey(e: { readonly key: string; readonly ctrlKey: boolean; readonly metaKey: boolean; readonly altKey: boolean }): boolean {
  return e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey;
}

/** True for Ctrl+O (Cmd+O): open a store. */
export function isOpenKey(e: { readonly key: string; readonly ctrlKey: boolean; readonly metaKey: boolean; readonly altKey: boolean; readonly shiftKey: boolean }): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'o';
}
