import type { Source } from './source';

/**
 * Reads a just-opened source's catalog, so a store that opens but cannot be read fails at open
 * with its typed error; the source (and its worker or session) is closed before the error leaves.
 */
export async function withCatalogOrClose<T extends Source>(source: T): Promise<T> {
  try {
    await source.catalog();
  } catch (e) {
    await source.close();
    throw e;
  }
  return source;
}
