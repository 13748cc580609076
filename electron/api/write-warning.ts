/** What a login could change, as its source reports it. */
export interface WriteRiskFacts {
  readonly superuser: boolean;
  readonly writableTables: readonly string[];
  readonly powerfulRoles: readonly string[];
}

/**
 * The warning shown when the login could change audit data. Auditlens itself only reads, but a
 * login that can write is one mistake (or one other tool) away from losing audit history.
 */
export function writeWarning(risk: WriteRiskFacts, user: string): string | null {
  if (risk.superuser) {
    return `You are connected as ${user}, a superuser: Auditlens only reads, but this login could change or delete the audit data. Prefer a read-only login.`;
  }
  if (risk.powerfulRoles.length > 0) {
    return `This login has ${risk.powerfulRoles.join(', ')}, which can change data outside table grants. Auditlens only reads; prefer a read-only login.`;
  }
  if (risk.writableTables.length > 0) {
    const shown = risk.writableTables.slice(0, 5).join(', ');
    const more = risk.writableTables.length > 5 ? ` and ${risk.writableTables.length - 5} more` : '';
    return `This login may change ${risk.writableTables.length} of the tables (${shown}${more}). Auditlens only reads; prefer a read-only login.`;
  }
  return null;
}
