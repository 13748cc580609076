/**
 * The explorer's modes, in the order of the switch in the store bar: each is a whole view of the
 * open store, with a single-key shortcut. A new mode (timeline, lineage) is one entry here and
 * its view in `MODE_VIEWS` (explorer.tsx); the compiler insists on both.
 */
import type { FormatSummary } from '../../../shared/api/contract';
import type { NavIntent } from './nav-intent';

/** What the explorer knows about a store when it picks the mode to land on. */
export interface LandingFacts {
  readonly formats: readonly FormatSummary[] | null;
}

/** One mode, as the store bar, the keyboard and the landing choice see it. */
export interface ExplorerMode {
  readonly id: string;
  readonly label: string;
  readonly testId: string;
  /** The segment's tooltip, naming its key. */
  readonly hint: string;
  /** The key that switches to this mode (no modifier, not while typing). */
  readonly key: string;
  /** Where `/` puts the focus in this mode; omitted where the mode's view handles `/` itself. */
  readonly findTarget?: string;
  /** Whether an opened store lands on this mode; the first mode that says so wins, else the last mode. */
  readonly landsOn?: (facts: LandingFacts) => boolean;
}

/** Every mode, in switch order. */
export const EXPLORER_MODES = [
  {
    id: 'runs', label: 'Runs', testId: 'mode-runs', hint: 'Runs of the audit formats in this store (r)', key: 'r',
    // Users open an audit store to see runs: land on them when the store has a known format.
    landsOn: (facts: LandingFacts) => facts.formats !== null && facts.formats.length > 0,
  },
  { id: 'timeline', label: 'Timeline', testId: 'mode-timeline', hint: 'Runs and steps on a time axis (i)', key: 'i' },
  {
    id: 'lineage', label: 'Lineage', testId: 'mode-lineage', hint: 'Which tables and columns feed which (l)', key: 'l', findTarget: '.lineage-search-input',
  },
  // Tables is where a store without a known format lands; the SQL console after it never does.
  { id: 'tables', label: 'Tables', testId: 'mode-tables', hint: 'Every table of the store (t)', key: 't', findTarget: '.sidebar-filter', landsOn: () => true },
  { id: 'sql', label: 'SQL', testId: 'mode-sql', hint: 'A read-only SQL console on the store (q)', key: 'q', findTarget: '.sql-input' },
] as const satisfies readonly ExplorerMode[];

/** The id of a mode. */
export type ModeId = (typeof EXPLORER_MODES)[number]['id'];

/** What every mode's view gets from the explorer. */
export interface ModeViewProps {
  /** Switches the explorer to another mode (the runs' empty state leads to the tables). */
  readonly onMode: (mode: ModeId) => void;
  /** Follows a link to another mode with something to show there (a node's runs, a run's lineage). */
  readonly onNavigate: (intent: NavIntent) => void;
  /** The link this mode was opened by, until the mode calls `onIntentDone`; null otherwise. */
  readonly intent: NavIntent | null;
  readonly onIntentDone: () => void;
}

/** A mode's entry. */
export function modeInfo(id: ModeId): ExplorerMode {
  return EXPLORER_MODES.find((m) => m.id === id) ?? EXPLORER_MODES[0];
}

/** The mode an opened store shows until the user picks one: the first that wants it, else the last. */
export function landingMode(facts: LandingFacts): ModeId {
  const modes: readonly (ExplorerMode & { readonly id: ModeId })[] = EXPLORER_MODES;
  const landing = modes.find((m) => m.landsOn?.(facts) === true) ?? modes[modes.length - 1];
  return landing?.id ?? EXPLORER_MODES[0].id;
}
