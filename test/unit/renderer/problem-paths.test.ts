import { describe, expect, it } from 'vitest';
import { filterProblems, noticeText, problemsBadgeText, shortenProblemPath, splitBySeverity } from '../../../renderer/app/explorer/problem-paths';
import { severityOf } from '../../../shared/model/catalog';

const ROOT = '/work/fixtures/context';

describe('load problem paths', () => {
  it('shows paths relative to the store folder', () => {
    expect(shortenProblemPath(`${ROOT}/jobs_strategies_failed.json`, ROOT)).toBe('jobs_strategies_failed.json');
    expect(shortenProblemPath(`${ROOT}/2024/05/a.ndjson`, `${ROOT}/`)).toBe('2024/05/a.ndjson');
    expect(shortenProblemPath('C:\\logs\\json\\day1\\a.json', 'C:\\logs\\json')).toBe('day1\\a.json');
  });

  it('shows the store itself by its name, and leaves other paths alone', () => {
    expect(shortenProblemPath(ROOT, ROOT)).toBe('context');
    expect(shortenProblemPath('/work/one.json', '/work/one.json')).toBe('one.json');
    // A sibling folder that merely starts with the same letters is not inside the store.
    expect(shortenProblemPath('/work/fixtures/context-old/a.json', ROOT)).toBe('/work/fixtures/context-old/a.json');
    expect(shortenProblemPath('/elsewhere/a.json', ROOT)).toBe('/elsewhere/a.json');
    expect(shortenProblemPath('/a.json', '')).toBe('/a.json');
  });

  it('filters by shown path or message, ignoring case', () => {
    const problems = [
      { path: `${ROOT}/a.json`, message: "line 30, byte 650: a trailing comma before '}'" },
      { path: `${ROOT}/link.json`, message: 'a symbolic link; links are not followed, so it was skipped' },
    ];
    expect(filterProblems(problems, '', ROOT).map((p) => p.shown)).toEqual(['a.json', 'link.json']);
    expect(filterProblems(problems, 'TRAILING', ROOT).map((p) => p.shown)).toEqual(['a.json']);
    expect(filterProblems(problems, ' link ', ROOT).map((p) => p.shown)).toEqual(['link.json']);
    // The folder part is not shown, so it does not match.
    expect(filterProblems(problems, 'fixtures', ROOT)).toEqual([]);
  });

  it('counts problems in the badge', () => {
    expect(problemsBadgeText(1)).toBe('1 load problem');
    expect(problemsBadgeText(12)).toBe('12 load problems');
  });

  it('sends notices to the info line and everything else, by default, to the badge', () => {
    const copy = { path: `${ROOT}/audit.db`, message: 'a WAL store without its index (-shm): read from a private copy', severity: 'notice' as const };
    const skipped = { path: `${ROOT}/a.json`, message: 'a syntax error, so it was skipped' };
    const denied = { path: 'public.secret', message: 'no SELECT privilege', severity: 'problem' as const };
    expect(severityOf(skipped)).toBe('problem');
    expect(severityOf(copy)).toBe('notice');
    const { problems, notices } = splitBySeverity([skipped, copy, denied]);
    expect(problems).toEqual([skipped, denied]);
    expect(notices).toEqual([copy]);
    expect(noticeText(copy)).toBe('A WAL store without its index (-shm): read from a private copy');
    expect(splitBySeverity([])).toEqual({ problems: [], notices: [] });
  });
});
