/**
 * Reopening a saved mapping in the form: the JSON `mapping.export` hands back, read defensively
 * (it went through the server's schema, but a renderer treats every answer as data), turned
 * back into a draft.
 */
import type { Mapping } from '../../../../shared/model/mapping';
import { tableLabel } from '../../../../shared/model/catalog';
import type { MappingDraft, RunRole, StepRole } from './mapping-draft';
import { RUN_ROLES, STEP_ROLES } from './mapping-draft';
import type { EdgeRole } from './mapping-lineage';
import { EDGE_ROLES } from './mapping-lineage';

type Json = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const own = (o: Json, key: string): unknown => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);

function tableRef(v: unknown): { schema: string | null; name: string } | null {
  if (!isObject(v) || typeof own(v, 'name') !== 'string') {
    return null;
  }
  const schema = own(v, 'schema');
  return { schema: typeof schema === 'string' ? schema : null, name: text(own(v, 'name')) };
}

/** The draft of a saved mapping's JSON text, or null when the text is not a mapping. */
export function draftFromMappingJson(json: string): MappingDraft | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isObject(raw) || !isObject(own(raw, 'runs'))) {
    return null;
  }
  const runs = own(raw, 'runs') as Json;
  const runsTable = tableRef(own(runs, 'table'));
  if (!runsTable) {
    return null;
  }
  const stepsRaw = own(raw, 'steps');
  const steps = isObject(stepsRaw) ? stepsRaw : null;
  const stepsTable = steps ? tableRef(own(steps, 'table')) : null;
  const duration = own(runs, 'duration');
  const order = steps ? own(steps, 'order') : undefined;
  const lineageRaw = own(raw, 'lineage');
  const lineage = isObject(lineageRaw) ? lineageRaw : null;
  const edgesTable = lineage ? tableRef(own(lineage, 'table')) : null;
  return {
    title: text(own(raw, 'title')),
    runsTable: tableLabel(runsTable),
    runKey: texts(own(runs, 'key')),
    runRoles: Object.fromEntries(RUN_ROLES.map((r) => [r, text(own(runs, r))])) as Record<RunRole, string>,
    duration: isObject(duration) ? text(own(duration, 'column')) : '',
    durationUnit: isObject(duration) && own(duration, 'unit') === 'ms' ? 'ms' : 's',
    withSteps: stepsTable !== null,
    stepsTable: stepsTable ? tableLabel(stepsTable) : '',
    stepKey: steps ? texts(own(steps, 'runKey')) : [],
    stepOrder: Array.isArray(order) ? order.filter(isObject).map((o) => ({ column: text(own(o, 'column')), desc: own(o, 'desc') === true })) : [],
    stepRoles: Object.fromEntries(STEP_ROLES.map((r) => [r, steps ? text(own(steps, r)) : ''])) as Record<StepRole, string>,
    naiveTime: own(raw, 'naiveTime') === 'local' ? 'local' : 'utc',
    withLineage: edgesTable !== null,
    edgesTable: edgesTable ? tableLabel(edgesTable) : '',
    edgeRoles: Object.fromEntries(EDGE_ROLES.map((r) => [r, lineage ? text(own(lineage, r)) : ''])) as Record<EdgeRole, string>,
  };
}

/** Keeps the saved status words of an edited mapping, which the form does not show. */
export function statusWordsOf(json: string): Pick<Mapping, 'runStatus' | 'stepStatus'> {
  try {
    const raw: unknown = JSON.parse(json);
    if (!isObject(raw)) {
      return {};
    }
    const pick = (key: string): Mapping['runStatus'] => {
      const v = own(raw, key);
      return isObject(v) ? (v as Mapping['runStatus']) : undefined;
    };
    const runStatus = pick('runStatus');
    const stepStatus = pick('stepStatus');
    return { ...(runStatus ? { runStatus } : {}), ...(stepStatus ? { stepStatus } : {}) };
  } catch {
    return {};
  }
}
