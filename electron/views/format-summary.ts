import type { FormatSummary } from '../../shared/api/contract';
import type { Catalog } from '../../shared/model/catalog';
import { indexAdvice } from '../profiles/index-advice';
import type { StoreFormat } from './store-formats';

/** How the format picker lists a format. */
export function formatSummary(f: StoreFormat, catalog: Catalog): FormatSummary {
  return {
    key: f.key,
    id: f.model.formatId,
    title: f.model.title,
    runsTable: f.model.runs.table.name,
    stepsTable: f.model.steps?.table.name ?? null,
    timeline: f.model.timeline,
    lineage: f.model.lineage.length > 0,
    runColumns: f.runs.table.columns.map((c) => c.name),
    stepColumns: f.steps?.table.columns.map((c) => c.name).filter((n) => !(f.steps?.hidden ?? []).includes(n)) ?? [],
    instantColumns: Object.keys(f.runs.instants ?? {}),
    naiveTime: f.model.naiveTime,
    ...(f.model.runs.duration && f.model.runs.started && f.model.runs.ended
      ? { ownDuration: { column: `${f.model.runs.table.name}.${f.model.runs.duration.column}`, unit: f.model.runs.duration.unit } }
      : {}),
    ...(f.model.steps && f.model.steps.status === undefined ? { stepsWithoutStatus: true } : {}),
    ...(f.model.steps?.shown?.length ? { stepsShown: f.model.steps.shown.map((c) => `${f.model.steps?.table.name ?? ''}.${c}`) } : {}),
    warnings: indexAdvice(f.model, catalog),
  };
}
