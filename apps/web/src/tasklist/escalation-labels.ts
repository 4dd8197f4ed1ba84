/** The default reason codes (GET /api/escalation-reasons) as agents read them. */
const LABELS: Record<string, string> = {
  'needs-expertise': 'Needs expertise',
  'customer-request': 'Customer request',
  'policy-limit': 'Over the policy limit',
  'missing-information': 'Missing information',
  'technical-fault': 'Technical fault',
  other: 'Other',
};

/** A reason code in words: the known ones by their label, a configured one (TANDEM_ESCALATION_REASONS) with its dashes as spaces. */
export const reasonLabel = (code: string): string => {
  const known = LABELS[code];
  if (known !== undefined) return known;
  const words = code.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
