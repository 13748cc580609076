import { tableLabel } from '../../shared/model/catalog';
import type { Anchor, Seek } from '../../shared/query/keyset-anchors';
import { seekFor, withAnchor } from '../../shared/query/keyset-anchors';
import type { Plan } from '../../shared/query/plan';

/** Queries whose anchors are kept; the least recently learned is dropped past this. */
const MAX_QUERIES = 64;

/**
 * Identifies what a plan selects and in which order: the table, its derived relation, filters,
 * cross-view conditions and order. Anchors learned for one query are never used for another.
 */
export function planFingerprint(plan: Plan): string {
  return JSON.stringify([tableLabel(plan.table), plan.from ?? null, plan.filters, plan.conditions ?? [], plan.order]);
}

/** Keyset anchors of recent queries, shared by every source that pages by key. */
export class AnchorCache {
  private readonly byQuery = new Map<string, Anchor[]>();

  /** Where to start a page: after the nearest known key, or by position for plans without a key. */
  public seek(plan: Plan, startRow: number): Seek {
    return plan.keyset ? seekFor(this.byQuery.get(planFingerprint(plan)) ?? [], startRow) : { after: null, offset: startRow };
  }

  /** Records that rows from `position` on come after `key` in this plan's order. */
  public remember(plan: Plan, position: number, key: readonly unknown[]): void {
    if (!plan.keyset) {
      return;
    }
    const fingerprint = planFingerprint(plan);
    const known = this.byQuery.get(fingerprint) ?? [];
    this.byQuery.delete(fingerprint);
    this.byQuery.set(fingerprint, withAnchor(known, { position, key }));
    if (this.byQuery.size > MAX_QUERIES) {
      const oldest = this.byQuery.keys().next().value;
      if (oldest !== undefined) {
        this.byQuery.delete(oldest);
      }
    }
  }
}
