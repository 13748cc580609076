/**
 * The in-app tab strip of the runs mode: the fixed "Runs" tab plus one tab per opened run or
 * comparison of two runs. A tab is opened once (opening it again just activates it); closing
 * the active tab moves to its right neighbour, else its left one, else back to "Runs".
 */
import type { CellValue } from '../../../shared/model/values';

/** A run opened in its own tab: enough to show it and fetch its steps again. */
export interface RunTab {
  readonly kind?: 'run';
  readonly id: string;
  readonly formatKey: string;
  /** The run's key values, as `runs.page` gave them; `runs.steps` takes them back. */
  readonly key: readonly CellValue[];
  /** The run's `run_id` text, to fetch the whole row (all columns) again. */
  readonly runId: CellValue;
  readonly title: string;
  /** The cells as the grid loaded them, shown until the whole row arrives. */
  readonly cells: readonly (readonly [string, CellValue])[];
}

/** Two runs of the same name side by side (`runs.compare`). */
export interface CompareTab {
  readonly kind: 'compare';
  readonly id: string;
  readonly formatKey: string;
  /** Run A's key (the run whose tab asked for the comparison). */
  readonly a: readonly CellValue[];
  readonly b: readonly CellValue[];
  readonly title: string;
  /** Tooltip: which two runs. */
  readonly hint: string;
}

/** Any tab after the fixed "Runs" one. */
export type AnyTab = RunTab | CompareTab;

/** The open tabs and the active one (null: the "Runs" tab). */
export interface TabsState {
  readonly tabs: readonly AnyTab[];
  readonly active: string | null;
}

/** A tab id that cannot collide, whatever the key values hold. */
export function runTabId(formatKey: string, key: readonly CellValue[]): string {
  return JSON.stringify([formatKey, key]);
}

/** The id of a comparison's tab; it never equals a run tab's id (three parts, not two). */
export function compareTabId(formatKey: string, a: readonly CellValue[], b: readonly CellValue[]): string {
  return JSON.stringify([formatKey, a, b]);
}

/** Opens (or re-activates) a tab and makes it active. */
export function openTab(state: TabsState, tab: AnyTab): TabsState {
  const exists = state.tabs.some((t) => t.id === tab.id);
  return { tabs: exists ? state.tabs : [...state.tabs, tab], active: tab.id };
}

/** Closes a tab; when it was active, its right neighbour (else left, else "Runs") becomes active. */
export function closeTab(state: TabsState, id: string): TabsState {
  const at = state.tabs.findIndex((t) => t.id === id);
  if (at < 0) {
    return state;
  }
  const tabs = state.tabs.filter((t) => t.id !== id);
  if (state.active !== id) {
    return { tabs, active: state.active };
  }
  const next = tabs[at] ?? tabs[at - 1] ?? null;
  return { tabs, active: next ? next.id : null };
}
