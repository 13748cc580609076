import type { FormatSummary } from '../../shared/api/contract';
import { AuditlensError } from '../../shared/api/result';
import type { AuditModel } from '../../shared/model/audit-model';
import type { Catalog } from '../../shared/model/catalog';
import type { Mapping } from '../../shared/model/mapping';
import { modelFromMapping } from '../../shared/model/mapping';
import type { Source } from '../sources/source';
import { formatSummary } from './format-summary';
import { MedianCache } from './median-cache';
import type { StoreFormat } from './store-formats';
import { findIn, storeFormats } from './store-formats';
import { withTimeStyles } from './time-styles';

/** The user's mappings that still fit this catalog, as audit models; mappings that no longer fit are left out. */
export function mappedModels(mappings: readonly Mapping[], catalog: Catalog): AuditModel[] {
  return mappings.flatMap((m) => {
    try {
      return [modelFromMapping(m, catalog)];
    } catch {
      return [];
    }
  });
}

/**
 * The audit formats of one open store, resolved once from its catalog, the profiles and the
 * user's mappings: every runs, steps, timeline and lineage request of the store starts here.
 */
export class FormatCatalog {
  /** "Slower than median" thresholds of this store's views, reused for a minute. */
  public readonly medians = new MedianCache();

  private constructor(
    public readonly source: Source,
    public readonly catalog: Catalog,
    public readonly formats: readonly StoreFormat[],
  ) {}

  /** Detects the formats of a store and adds the given models (saved mappings, a `--mapping` file). */
  public static async resolve(source: Source, extra: (catalog: Catalog) => readonly AuditModel[]): Promise<FormatCatalog> {
    const catalog = await source.catalog();
    const formats = await Promise.all(storeFormats(catalog, extra(catalog)).map((f) => withTimeStyles(source, catalog, f)));
    return new FormatCatalog(source, catalog, formats);
  }

  /** A format by key, or by bare id when the store holds it once. */
  public find(keyOrId: string): StoreFormat {
    return findIn(this.formats, keyOrId);
  }

  /** A format by key or id, or the store's only one when none is named (the CLI without `--format`). */
  public pick(keyOrId: string | null): StoreFormat {
    if (keyOrId !== null) {
      return this.find(keyOrId);
    }
    const only = this.formats[0];
    if (this.formats.length === 1 && only) {
      return only;
    }
    const names = this.formats.map((f) => f.model.formatId).join(', ');
    throw new AuditlensError('bad-input', this.formats.length === 0
      ? 'The store holds no known audit format; give --mapping FILE, or export a table with --table.'
      : `The store holds several formats (${names}); choose one with --format ID.`);
  }

  /** The formats as the format picker lists them. */
  public summaries(): FormatSummary[] {
    return this.formats.map((f) => formatSummary(f, this.catalog));
  }
}
