/**
 * Load problems as the problems panel lists them: each file path relative to the store's folder
 * (the folder is already in the store bar, and the interesting part is the file), and a text
 * filter over path and message.
 */
import type { LoadProblem } from '../../../shared/model/catalog';
import { severityOf } from '../../../shared/model/catalog';

/** A load problem with the path to show. */
export interface ShownProblem {
  readonly problem: LoadProblem;
  /** The path relative to the store's folder when it lies inside it; else the path as given. */
  readonly shown: string;
}

/**
 * `path` relative to `root` when it lies inside it (either separator, so Windows paths work);
 * the root itself (a one-file store) shows as its file name; anything else stays as it is.
 */
export function shortenProblemPath(path: string, root: string): string {
  const base = root.replace(/[\\/]+$/, '');
  if (base === '') {
    return path;
  }
  if (path === base || path === root) {
    return base.split(/[\\/]/).pop() || path;
  }
  const next = path.charAt(base.length);
  if (path.startsWith(base) && (next === '/' || next === '\\')) {
    const rest = path.slice(base.length).replace(/^[\\/]+/, '');
    return rest === '' ? path : rest;
  }
  return path;
}

/** The problems whose shown path or message contains `needle` (case-insensitive), in order. */
export function filterProblems(problems: readonly LoadProblem[], needle: string, root: string): ShownProblem[] {
  const n = needle.trim().toLowerCase();
  return problems
    .map((problem) => ({ problem, shown: shortenProblemPath(problem.path, root) }))
    .filter(({ problem, shown }) => n === '' || shown.toLowerCase().includes(n) || problem.message.toLowerCase().includes(n));
}

/** The badge's words: "1 load problem", "12 load problems". */
export function problemsBadgeText(count: number): string {
  return `${count} load ${count === 1 ? 'problem' : 'problems'}`;
}

/** A catalog's entries split by severity: problems go to the warning badge, notices to an info line. */
export function splitBySeverity(entries: readonly LoadProblem[]): { readonly problems: readonly LoadProblem[]; readonly notices: readonly LoadProblem[] } {
  return {
    problems: entries.filter((e) => severityOf(e) === 'problem'),
    notices: entries.filter((e) => severityOf(e) === 'notice'),
  };
}

/** A notice as its info line shows it: the message with its first letter in capitals. */
export function noticeText(notice: LoadProblem): string {
  return notice.message.charAt(0).toUpperCase() + notice.message.slice(1);
}
