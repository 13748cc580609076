import type { Catalog } from '../../shared/model/catalog';
import type { Mapping } from '../../shared/model/mapping';
import type { Source } from '../sources/source';
import { FormatCatalog, mappedModels } from './format-catalog';

/**
 * The format catalog of each open store, resolved on first use and kept until the store closes
 * or a mapping changes. Mappings are saved per schema, so a change may concern every open store
 * of that schema: `invalidate` drops them all.
 */
export class FormatCatalogs {
  private readonly byStore = new Map<string, { readonly source: Source; readonly catalog: Promise<FormatCatalog> }>();

  public constructor(
    private readonly stores: { get(storeId: string): Source },
    private readonly mappings: (catalog: Catalog) => readonly Mapping[],
  ) {}

  /** The formats of an open store (a typed error when the store is not open). */
  public of(storeId: string): Promise<FormatCatalog> {
    const source = this.stores.get(storeId);
    const hit = this.byStore.get(storeId);
    if (hit && hit.source === source) {
      return hit.catalog;
    }
    const catalog = FormatCatalog.resolve(source, (c) => mappedModels(this.mappings(c), c));
    this.byStore.set(storeId, { source, catalog });
    catalog.catch(() => {
      if (this.byStore.get(storeId)?.catalog === catalog) {
        this.byStore.delete(storeId);
      }
    });
    return catalog;
  }

  /** Forgets every resolved catalog: a mapping was saved, removed or imported. */
  public invalidate(): void {
    this.byStore.clear();
  }

  /** Forgets one store's catalog: the store was closed. */
  public forget(storeId: string): void {
    this.byStore.delete(storeId);
  }
}
