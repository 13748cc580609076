/**
 * One label per column: a view may give a column a friendlier label than its stored name
 * ("Started" for `started_at`); wherever both could be read, the label leads and the stored name
 * follows as secondary text, so the chooser, the headers and the filter chips say the same.
 */

/** The label with the stored name after it when they differ: `Started (started_at)`, or just `status`. */
export function columnTitle(label: string, stored: string): string {
  return label === stored ? stored : `${label} (${stored})`;
}
