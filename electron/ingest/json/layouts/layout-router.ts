import { DBT_DEPENDENCIES, DBT_INVOCATIONS, DBT_NODES, DBT_RESULTS, dbtArtifactsLayout } from './dbt-artifacts';
import { DBT_LOG_EVENTS, dbtLogLayout } from './dbt-log';
import { DDEUTIL_JOBS, DDEUTIL_RUNS, DDEUTIL_STAGES, ddeutilLayout } from './ddeutil-audit';
import { genericLayout } from './generic';
import type { EmitRow, Layout, RecordContext } from './layout-kit';
import { OPENLINEAGE_EVENTS, openLineageLayout } from './openlineage';

/** Table names owned by the known layouts (plain records never get these names). */
export const LAYOUT_TABLES: ReadonlySet<string> = new Set([
  OPENLINEAGE_EVENTS.name, 'openlineage_edges', 'openlineage_runs', 'openlineage_jobs', 'openlineage_datasets',
  DBT_INVOCATIONS.name, DBT_RESULTS.name, DBT_NODES.name, DBT_DEPENDENCIES.name, DBT_LOG_EVENTS.name,
  DDEUTIL_RUNS.name, DDEUTIL_JOBS.name, DDEUTIL_STAGES.name,
]);

const KNOWN: readonly Layout[] = [openLineageLayout, dbtLogLayout, dbtArtifactsLayout, ddeutilLayout];

/**
 * Offers each record to the known layouts, most recently successful first (a file of OpenLineage
 * events answers on the first try), and gives it to the generic layout when none takes it.
 */
export class LayoutRouter {
  private order: Layout[] = [...KNOWN];
  private readonly generic = genericLayout(LAYOUT_TABLES);

  /** Routes one record; returns the name of the layout that took it. */
  public route(value: unknown, ctx: RecordContext, emit: EmitRow): string {
    for (let i = 0; i < this.order.length; i++) {
      const layout = this.order[i] as Layout;
      if (layout.accept(value, ctx, emit)) {
        if (i > 0) {
          this.order = [layout, ...this.order.filter((l) => l !== layout)];
        }
        return layout.name;
      }
    }
    this.generic.accept(value, ctx, emit);
    return this.generic.name;
  }
}
