import { describe } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('sequence-flow');

/** Every sequence flow connects two flow nodes of the same process. */
export const sequenceFlow: ValidationRule = {
  name: 'sequence-flow',
  check({ processes }) {
    return processes.flatMap(({ sequenceFlows, flowNodes }) => {
      const nodeIds = new Set(flowNodes.map((node) => node.id));
      return sequenceFlows.flatMap((flow) => {
        const missing = [
          !flow.sourceRef || !nodeIds.has(flow.sourceRef.id) ? 'source' : undefined,
          !flow.targetRef || !nodeIds.has(flow.targetRef.id) ? 'target' : undefined,
        ].filter(Boolean);
        return missing.length === 0
          ? []
          : [problem('error', flow, `${describe(flow)} has no valid ${missing.join(' or ')} flow node in this process.`)];
      });
    });
  },
};
