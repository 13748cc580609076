import crypto from 'node:crypto';
import path from 'node:path';
import type { Catalog } from '../../shared/model/catalog';
import type { Mapping } from '../../shared/model/mapping';
import { mappingSchema } from '../../shared/model/mapping';
import { readJsonFile, writeJsonFile } from './json-file';

/**
 * A fingerprint of a store's schema (tables, columns and their types), so a mapping made for one
 * store is offered again for any store of the same shape: tomorrow's copy, or a colleague's.
 */
export function schemaFingerprint(catalog: Catalog): string {
  const lines = catalog.tables
    .map((t) => `${t.schema ?? ''}.${t.name}(${t.columns.map((c) => `${c.name}:${c.type.toLowerCase()}`).join(',')})`)
    .sort();
  return crypto.createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 32);
}

/** User mappings in the app's data folder, one file per schema fingerprint. */
export class MappingStore {
  private readonly dir: string;

  public constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'mappings');
  }

  /** The mappings saved for stores of this schema; unreadable entries are skipped. */
  public list(catalog: Catalog): Mapping[] {
    const raw = readJsonFile<unknown>(this.file(catalog), []);
    if (!Array.isArray(raw)) {
      return [];
    }
    return raw.flatMap((m) => {
      const parsed = mappingSchema.safeParse(m);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Saves a mapping for stores of this schema, replacing one with the same title. */
  public save(catalog: Catalog, mapping: Mapping): void {
    writeJsonFile(this.file(catalog), [...this.list(catalog).filter((m) => m.title !== mapping.title), mapping]);
  }

  /** Removes the mapping with this title; true when there was one. */
  public remove(catalog: Catalog, title: string): boolean {
    const all = this.list(catalog);
    const rest = all.filter((m) => m.title !== title);
    writeJsonFile(this.file(catalog), rest);
    return rest.length !== all.length;
  }

  private file(catalog: Catalog): string {
    return path.join(this.dir, `${schemaFingerprint(catalog)}.json`);
  }
}
