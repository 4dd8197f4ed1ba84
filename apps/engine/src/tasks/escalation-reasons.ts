/** Injection token of the escalation reason codes agents choose from. */
export const ESCALATION_REASONS = Symbol('EscalationReasons');

export const DEFAULT_ESCALATION_REASONS: readonly string[] = ['needs-expertise', 'customer-request', 'policy-limit', 'missing-information', 'technical-fault', 'other'];

/** `TANDEM_ESCALATION_REASONS` (comma-separated codes) replaces the default list. */
export const escalationReasonsFrom = (setting: string | undefined): readonly string[] => {
  const codes = (setting ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
  return codes.length > 0 ? codes : DEFAULT_ESCALATION_REASONS;
};
