import crypto from 'node:crypto';
import path from 'node:path';
import type { RecentStore } from '../../shared/api/contract';
import type { SourceInfo } from '../../shared/model/catalog';
import { readJsonFile, writeJsonFile } from './json-file';

const MAX_RECENT = 20;

/** The list of recently opened stores, kept in the app's data folder. */
export class RecentStores {
  private readonly file: string;

  public constructor(dataDir: string) {
    this.file = path.join(dataDir, 'recent-stores.json');
  }

  /** The stores, most recent first. */
  public list(): RecentStore[] {
    const items = readJsonFile<unknown>(this.file, []);
    return Array.isArray(items) ? items.filter(isRecent).slice(0, MAX_RECENT) : [];
  }

  /** Records that a store was opened, moving it to the top. */
  public add(source: SourceInfo): void {
    const id = crypto.createHash('sha256').update(`${source.kind}\0${source.location}`).digest('hex').slice(0, 16);
    const entry: RecentStore = { id, title: source.title, location: source.location, kind: source.kind, openedAt: new Date().toISOString() };
    writeJsonFile(this.file, [entry, ...this.list().filter((r) => r.id !== id)].slice(0, MAX_RECENT));
  }

  /** Finds a recent store by id. */
  public get(id: string): RecentStore | undefined {
    return this.list().find((r) => r.id === id);
  }
}

function isRecent(v: unknown): v is RecentStore {
  return typeof v === 'object' && v !== null && typeof (v as RecentStore).id === 'string' && typeof (v as RecentStore).location === 'string';
}
