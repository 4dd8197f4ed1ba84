import type { INSTANCE_AUDIT, RowOf } from '../tables.js';

/** The operator commands the audit trail records. */
export const AUDIT_OPERATIONS = ['cancel', 'suspend', 'resume', 'setVariables', 'migrate'] as const;

export type AuditOperation = (typeof AUDIT_OPERATIONS)[number];

/**
 * A row the commit inserts into `instance_audit`: who did what to the instance, when and why; its
 * details say what the operation changed (the variable names set, the versions and elements of a migration).
 */
export type AuditRow = RowOf<typeof INSTANCE_AUDIT.columns, { operation: AuditOperation; details: Record<string, unknown> }>;

/** The audit record of an operator command's effect (see the effect handlers of commit-plan.ts). */
export const auditRow = (operation: AuditOperation, effect: { actor?: string; reason?: string; at: string }, details: Record<string, unknown> = {}): AuditRow => ({
  operation,
  actor: effect.actor ?? null,
  reason: effect.reason ?? null,
  details,
  at: effect.at,
});
