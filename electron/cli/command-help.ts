/**
 * `auditlens COMMAND --help`: the command's own lines of the usage text (its synopsis and the lines
 * that continue it), read from the one usage text, so a new command's help cannot drift from it.
 */

/** The commands the usage text describes, in its order (`auditlens NAME …` lines). */
export function usageCommands(usage: string): string[] {
  return [...usage.matchAll(/^ {2}auditlens ([a-z][a-z-]*)\b/gm)].map((m) => m[1] ?? '');
}

/** The usage of one command, or null when the usage text has no such command. */
export function commandHelp(usage: string, command: string): string | null {
  const lines = usage.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`  auditlens ${command} `) || l === `  auditlens ${command}`);
  if (start < 0) {
    return null;
  }
  const own = [lines[start] ?? ''];
  // Continuation lines are indented deeper than `  auditlens`; a blank line or the next command ends it.
  for (const line of lines.slice(start + 1)) {
    if (!/^ {3,}\S/.test(line) || line.startsWith('  auditlens ')) {
      break;
    }
    own.push(line);
  }
  // The filter syntax follows the usage text; commands that take --filter show it too.
  const notes = lines.filter((l) => /^[A-Z][a-z]+:/.test(l) && l !== 'Usage:');
  const wantsNotes = own.some((l) => l.includes('--filter'));
  return ['Usage:', ...own, ...(wantsNotes && notes.length > 0 ? ['', ...notes] : [])].join('\n');
}

/** True when the arguments after a command ask for its help. */
export function asksForHelp(args: readonly string[]): boolean {
  // Only before `--`: after it, `--help` would be a value (a store named so), not an option.
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}
