import { AGGREGATIONS, HIT_POLICIES } from '../../decision-table.js';
import { describeDecision, tablesOf } from '../decision-view.js';
import { problemFor, type DmnValidationRule } from '../rule.js';

const problem = problemFor('hit-policy');

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

/** The hit policy decides how many rules may match and how their outputs combine (DMN 1.3, 8.2.11). */
export const hitPolicy: DmnValidationRule = {
  name: 'hit-policy',
  check({ decisions }) {
    return tablesOf(decisions).flatMap((view) => {
      const policy: string = view.table.hitPolicy ?? 'UNIQUE';
      const aggregation: string | undefined = view.table.aggregation;
      const subject = describeDecision(view);
      if (!isOneOf(HIT_POLICIES, policy)) {
        return [problem('error', view.id, `${subject} has hit policy '${policy}'; supported are ${HIT_POLICIES.join(', ')}.`)];
      }
      if (aggregation === undefined) return [];
      if (!isOneOf(AGGREGATIONS, aggregation)) {
        return [problem('error', view.id, `${subject} has aggregation '${aggregation}'; supported are ${AGGREGATIONS.join(', ')}.`)];
      }
      if (policy !== 'COLLECT') {
        return [problem('error', view.id, `${subject} aggregates with ${aggregation}, but only hit policy COLLECT aggregates (it has ${policy}).`)];
      }
      return view.outputs.length > 1
        ? [problem('error', view.id, `${subject} aggregates with ${aggregation} over ${view.outputs.length} outputs; an aggregation needs exactly one output.`)]
        : [];
    });
  },
};
