import fs from 'node:fs';
import path from 'node:path';
import { redactSecrets } from './redact-secrets';

/** The log file grows to this, then the previous one is kept as `.1` and a new one starts. */
const MAX_LOG_BYTES = 1 << 20;

/** Where the app writes what went wrong, with secrets taken out (Help → Show Log shows the file). */
export class AppLog {
  /** The log file's path. */
  public readonly file: string;

  public constructor(dir: string, private readonly now: () => Date = () => new Date()) {
    this.file = path.join(dir, 'auditlens.log');
  }

  /** Appends one entry (a message and, for errors, their stack); never throws. */
  public write(level: 'error' | 'warn' | 'info', message: string, error?: unknown): void {
    const detail = error instanceof Error ? `\n${error.stack ?? `${error.name}: ${error.message}`}` : error === undefined ? '' : `\n${typeof error === 'string' ? error : JSON.stringify(error) ?? typeof error}`;
    const entry = redactSecrets(`${this.now().toISOString()} ${level} ${message}${detail}`).replace(/\n/g, '\n    ');
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      if ((fs.statSync(this.file, { throwIfNoEntry: false })?.size ?? 0) > MAX_LOG_BYTES) {
        fs.renameSync(this.file, `${this.file}.1`);
      }
      fs.appendFileSync(this.file, `${entry}\n`, { mode: 0o600 });
    } catch {
      // A log that cannot be written must not become the next error.
    }
  }
}
