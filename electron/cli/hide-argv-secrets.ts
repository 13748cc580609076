/**
 * Takes passwords out of this process's command line once the arguments have been read, so
 * `ps`, /proc/PID/cmdline and crash reports stop showing `postgres://user:pw@…` while a long
 * `auditlens serve` runs. The password itself stays in memory (pg gets it from there, never
 * through another process's arguments or environment).
 *
 * What each platform shows afterwards: Linux — `process.title` overwrites the argument block
 * the kernel reports, so cmdline reads the redacted line (the password was visible from exec
 * until this runs, a few milliseconds). macOS — libuv sets only the process name; `ps -o args`
 * still reads the original arguments. Windows — the command line in the process's PEB is not
 * changed. There, use PGPASSWORD, ~/.pgpass or the connection form instead of a password in the URL.
 */
import { redactSecrets } from '../app-data/redact-secrets';

/** The arguments with every recognised password replaced by `***`; null when none had one. */
export function redactedArgv(argv: readonly string[]): string[] | null {
  const out = argv.map(redactSecrets);
  return out.some((a, i) => a !== argv[i]) ? out : null;
}

/**
 * Replaces `proc.argv` with its redacted copy and sets `proc.title` to the redacted command line
 * (on Linux that rewrites what the kernel shows). Call after the arguments were copied for use.
 */
export function hideArgvSecrets(proc: { argv: string[]; title: string }): boolean {
  const redacted = redactedArgv(proc.argv);
  if (redacted === null) {
    return false;
  }
  proc.argv.splice(0, proc.argv.length, ...redacted);
  try {
    proc.title = redacted.join(' ');
  } catch {
    // Some platforms refuse a title; argv inside this process is still clean.
  }
  return true;
}
