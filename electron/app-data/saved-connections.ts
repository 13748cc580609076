import crypto from 'node:crypto';
import path from 'node:path';
import { AuditlensError } from '../../shared/api/result';
import { readJsonFile, writeJsonFile } from './json-file';
import type { SecretBox } from './secret-box';

/** A saved Postgres connection as stored: the URL never holds the password; the sealed one is separate. */
interface StoredConnection {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly schemas: readonly string[];
  /** The password sealed by the OS keychain, or absent. */
  readonly sealed?: string;
}

/** A saved connection as the renderer sees it: never the password, only whether one is kept. */
export interface SavedConnection {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly schemas: readonly string[];
  readonly hasPassword: boolean;
}

/** Saved Postgres connections in the app's data folder; passwords only through a secret box. */
export class SavedConnections {
  private readonly file: string;

  public constructor(dataDir: string, private readonly box: SecretBox | null) {
    this.file = path.join(dataDir, 'connections.json');
  }

  /** Whether passwords can be kept here (Electron with an OS keychain). */
  public get canKeepPasswords(): boolean {
    return this.box !== null;
  }

  /** The saved connections, without secrets. */
  public list(): SavedConnection[] {
    return this.read().map((c) => ({ id: c.id, name: c.name, url: c.url, schemas: c.schemas, hasPassword: c.sealed !== undefined }));
  }

  /** Throws the reason a connection could not be saved, before anything is opened or written. */
  public assertSavable(url: string, password: string | undefined): void {
    if (url.includes('@') && /:[^/@]*@/.test(url.replace(/^postgres(ql)?:\/\//i, ''))) {
      throw new AuditlensError('bad-input', 'Put the password in the password field, not in the URL, so it is never saved in plain text.');
    }
    if (password !== undefined && password !== '' && !this.box) {
      throw new AuditlensError(
        'unsupported',
        'Passwords are saved only where the operating system keychain can encrypt them (the desktop app); here, use PGPASSWORD or ~/.pgpass.',
      );
    }
  }

  /** Saves (or replaces, by name) a connection; a password is kept only when the keychain can seal it. */
  public save(name: string, url: string, schemas: readonly string[], password: string | undefined): SavedConnection {
    this.assertSavable(url, password);
    const existing = this.read().find((c) => c.name === name);
    const entry: StoredConnection = {
      id: existing?.id ?? crypto.randomUUID(),
      name,
      url,
      schemas: [...schemas],
      ...(password && this.box ? { sealed: this.box.encrypt(password) } : {}),
    };
    writeJsonFile(this.file, [...this.read().filter((c) => c.name !== name), entry]);
    return { id: entry.id, name, url, schemas: entry.schemas, hasPassword: entry.sealed !== undefined };
  }

  /** The URL, schemas and (unsealed) password of a saved connection, for opening it in the main process. */
  public open(id: string): { url: string; schemas: readonly string[]; password: string | undefined } {
    const c = this.read().find((x) => x.id === id);
    if (!c) {
      throw new AuditlensError('not-found', 'That saved connection no longer exists.');
    }
    let password: string | undefined;
    if (c.sealed !== undefined) {
      if (!this.box) {
        throw new AuditlensError('unsupported', 'This connection\'s password was saved with the desktop app\'s keychain, which is not available here.');
      }
      password = this.box.decrypt(c.sealed);
    }
    return { url: c.url, schemas: c.schemas, password };
  }

  /** Removes a saved connection and its sealed password. */
  public remove(id: string): boolean {
    const all = this.read();
    const rest = all.filter((c) => c.id !== id);
    writeJsonFile(this.file, rest);
    return rest.length !== all.length;
  }

  private read(): StoredConnection[] {
    const raw = readJsonFile<unknown>(this.file, []);
    return Array.isArray(raw) ? (raw as StoredConnection[]).filter((c) => typeof c?.id === 'string' && typeof c.url === 'string') : [];
  }
}
