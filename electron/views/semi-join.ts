import type { Plan, PlanCondition } from '../../shared/query/plan';
import type { Catalog } from '../../shared/model/catalog';
import { findTable } from '../../shared/model/catalog';
import type { AuditModel } from '../../shared/model/audit-model';
import { hasLeadingIndex } from '../profiles/index-advice';

/**
 * How "a step of this run matches" is asked of the engine, chosen by measurement (npm run bench
 * -- step-semi-join, 120k runs / 1.2M steps in SQLite): with an index on the steps' run key a
 * correlated EXISTS probes it per run and a page of 100 runs comes in milliseconds, while IN
 * reads every matching step first; without that index EXISTS scans all steps once per run
 * (minutes) and IN reads them once (under a second). So EXISTS only where the probe is an index
 * seek on a plain steps table; IN otherwise (derived steps, views, no index). Postgres plans
 * both as the same semi-join.
 */
export function stepsSemiJoin(catalog: Catalog, model: AuditModel): 'exists' | 'in' {
  const s = model.steps;
  if (!s || s.relation) {
    return 'in';
  }
  const steps = findTable(catalog, s.table);
  return steps && steps.kind === 'table' && hasLeadingIndex(steps, s.runKey) ? 'exists' : 'in';
}

/**
 * The plan with every semi-join asked as IN: a count or a facet reads every run anyway, and
 * there IN, one pass over the steps, measured faster than EXISTS even with the index
 * (0.79 s against 1.05 s for 120k runs / 1.2M steps).
 */
export function forWholeScan(plan: Plan): Plan {
  const asIn = (c: PlanCondition): PlanCondition =>
    c.kind === 'exists' ? { ...c, semiJoin: 'in' } : c.kind === 'anyOf' ? { ...c, conditions: c.conditions.map(asIn) } : c;
  return plan.conditions ? { ...plan, conditions: plan.conditions.map(asIn) } : plan;
}
