import { describe } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('sequence-flow');

/** Every sequence flow connects two flow nodes of the same container: no flow crosses a sub-process border. */
export const sequenceFlow: ValidationRule = {
  name: 'sequence-flow',
  check({ processes }) {
    return processes.flatMap(({ sequenceFlows, containerOf }) =>
      sequenceFlows.flatMap((flow) => {
        const container = containerOf.get(flow.id);
        const missing = [
          !flow.sourceRef || containerOf.get(flow.sourceRef.id) !== container ? 'source' : undefined,
          !flow.targetRef || containerOf.get(flow.targetRef.id) !== container ? 'target' : undefined,
        ].filter(Boolean);
        return missing.length === 0 ? [] : [problem('error', flow, `${describe(flow)} has no valid ${missing.join(' or ')} flow node in its own process or sub-process.`)];
      }),
    );
  },
};
