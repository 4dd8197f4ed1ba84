/** A rule whose output goes into the decision result (DMN: the rule is "hit"), with its outputs by name. */
export interface Hit {
  ruleId: string;
  outputs: Record<string, unknown>;
}
