import type { AuditModel } from '../../shared/model/audit-model';
import type { Catalog } from '../../shared/model/catalog';
import { dbtAuditProfile } from './dbt-audit';
import { dbtEventLogProfile } from './dbt-event-log';
import { dbtHookLogProfile } from './dbt-hook-log';
import { dbtArtifactsProfile } from './dbt-artifacts';
import { dbtLogProfile } from './dbt-log';
import { dbtPackageArtifactsProfile } from './dbt-package-artifacts';
import { ddeutilAuditProfile } from './ddeutil-audit';
import { ddeutilFileAuditProfile } from './ddeutil-file-audit';
import { marquezLineageEventsProfile } from './marquez-lineage-events';
import { openLineageProfile } from './openlineage';
import { fivetranLogProfile } from './fivetran-log';
import type { Profile } from './profile';
import { transformationLogProfile } from './transformation-log';

/** Every known audit format, in the order the format picker lists them. */
export const PROFILES: readonly Profile[] = [
  dbtAuditProfile, dbtHookLogProfile, dbtEventLogProfile, dbtArtifactsProfile, dbtPackageArtifactsProfile, dbtLogProfile,
  ddeutilAuditProfile, ddeutilFileAuditProfile, fivetranLogProfile, openLineageProfile, marquezLineageEventsProfile, transformationLogProfile,
];

/** All formats found in a catalog: a store may hold several (the demo store holds them all). */
export function detectFormats(catalog: Catalog): AuditModel[] {
  return PROFILES.flatMap((p) => p.detect(catalog));
}
