import type { Effect } from '#engine';
import type { INSTANCE_AUDIT, RowOf } from '../tables.js';

/** The operator commands the audit trail records. */
export const AUDIT_OPERATIONS = ['cancel', 'suspend', 'resume', 'setVariables', 'migrate'] as const;

export type AuditOperation = (typeof AUDIT_OPERATIONS)[number];

/**
 * A row the commit inserts into `instance_audit`: who did what to the instance, when and why; its
 * details say what the operation changed (the variable names set, the versions and elements of a migration).
 */
export type AuditRow = RowOf<typeof INSTANCE_AUDIT.columns, { operation: AuditOperation; details: Record<string, unknown> }>;

/**
 * The audit records of one engine result, read from the effects of the operator commands, so they
 * are written in the same statement as the change they record (or not at all).
 */
export const auditRowsOf = (effects: readonly Effect[]): AuditRow[] =>
  effects.flatMap((effect): AuditRow[] => {
    switch (effect.kind) {
      case 'instanceEnded':
        // Only cancelInstance ends an instance as canceled; a completed one, or a called one ended by its error, is no operator's doing.
        return effect.status === 'canceled' && !effect.byError ? [row('cancel', effect, {})] : [];
      case 'instanceSuspended':
        return [row('suspend', effect, {})];
      case 'instanceResumed':
        return [row('resume', effect, {})];
      case 'variablesSet':
        return [row('setVariables', effect, { names: effect.names, ...(effect.activityInstanceId !== undefined && { activityInstanceId: effect.activityInstanceId }) })];
      case 'instanceMigrated':
        return [
          row('migrate', effect, {
            fromProcessVersionId: effect.fromProcessVersionId,
            toProcessVersionId: effect.toProcessVersionId,
            elementIds: effect.elementIds,
          }),
        ];
      default:
        return [];
    }
  });

const row = (operation: AuditOperation, effect: { actor?: string; reason?: string; at: string }, details: Record<string, unknown>): AuditRow => ({
  operation,
  actor: effect.actor ?? null,
  reason: effect.reason ?? null,
  details,
  at: effect.at,
});
