/**
 * What one mode asks another to show when the user follows a link between them (the lineage
 * graph ↔ the runs): the explorer switches to the intent's mode and hands it the intent, which the
 * mode applies to its own session once. Features never import each other; they meet here.
 */

/** Show these runs (by `run_id`) of a format, in the runs grid or on the timeline. */
export interface RunsIntent {
  readonly kind: 'runs';
  readonly mode: 'runs' | 'timeline';
  readonly format: string;
  readonly runIds: readonly string[];
}

/** Show the lineage one run recorded. */
export interface LineageIntent {
  readonly kind: 'lineage';
  readonly format: string;
  readonly run: string;
}

/** A link followed from one mode to another. */
export type NavIntent = RunsIntent | LineageIntent;

/** The mode an intent opens. */
export function intentMode(intent: NavIntent): 'runs' | 'timeline' | 'lineage' {
  return intent.kind === 'runs' ? intent.mode : 'lineage';
}
