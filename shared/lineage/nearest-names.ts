/** "Did you mean": the names closest to what the user typed, for a node that does not exist. */

/** Edit distance (insertions, deletions, substitutions) between two strings, case-insensitive. */
export function editDistance(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      row.push(Math.min(sub, (prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1));
    }
    prev = row;
  }
  return prev[y.length] ?? 0;
}

/**
 * Up to `n` names nearest to `wanted`: names that contain it (or its last dotted part) first, then
 * by edit distance; names too far to be a typo of it are left out.
 */
export function nearestNames(wanted: string, names: readonly string[], n = 3): string[] {
  const w = wanted.toLowerCase();
  const tail = w.split('.').pop() ?? w;
  const scored = names.map((name) => {
    const lower = name.toLowerCase();
    const contains = lower.includes(w) || (tail.length >= 3 && lower.includes(tail));
    return { name, contains, dist: editDistance(w, lower) };
  });
  const limit = Math.max(3, Math.ceil(w.length / 2));
  return scored
    .filter((s) => s.contains || s.dist <= limit)
    .sort((a, b) => Number(b.contains) - Number(a.contains) || a.dist - b.dist || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, n)
    .map((s) => s.name);
}
