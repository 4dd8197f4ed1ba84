import type { DmnElement } from 'dmn-moddle';
import type { Problem } from '../../../problem.js';
import { describeDecision, type DecisionView } from '../decision-view.js';
import { problemFor, type DmnValidationRule } from '../rule.js';

const problem = problemFor('supported-element');

/** DRG elements that only document a decision; its inputs are the instance variables. */
const PASSIVE_TYPES = new Set(['dmn:Decision', 'dmn:InputData', 'dmn:KnowledgeSource']);

const LOGIC_NAMES: Record<string, string> = {
  'dmn:LiteralExpression': 'a literal expression',
  'dmn:Context': 'a boxed context',
  'dmn:Invocation': 'an invocation',
  'dmn:List': 'a boxed list',
  'dmn:Relation': 'a relation',
  'dmn:FunctionDefinition': 'a function definition',
};

/** Decision tables only, for now: anything else is refused at deploy by name, never silently skipped. */
export const supportedElement: DmnValidationRule = {
  name: 'supported-element',
  check({ definitions, decisions }) {
    const drgElements: DmnElement[] = definitions.drgElement ?? [];
    return [
      ...drgElements
        .filter((element) => !PASSIVE_TYPES.has(element.$type))
        .map((element) =>
          problem(
            'error',
            element.id ?? null,
            `${element.$type.replace('dmn:', '')} '${element.name ?? element.id}' cannot be executed: only decision tables without required decisions or knowledge are supported.`,
          ),
        ),
      ...decisions.flatMap(checkDecision),
    ];
  },
};

function checkDecision(view: DecisionView): Problem[] {
  const logic: DmnElement | undefined = view.decision.decisionLogic;
  const problems: Problem[] = [];
  if (!logic) {
    problems.push(problem('error', view.id, `${describeDecision(view)} has no decision logic; add a decision table.`));
  } else if (!view.table) {
    const kind = LOGIC_NAMES[logic.$type] ?? logic.$type;
    problems.push(problem('error', view.id, `${describeDecision(view)} is ${kind}; only decision tables can be executed.`));
  }
  for (const requirement of view.decision.informationRequirement ?? []) {
    const required = requirement.requiredDecision?.href;
    if (required) {
      problems.push(
        problem(
          'error',
          view.id,
          `${describeDecision(view)} requires decision '${required.replace(/^#/, '')}'; decision requirement graphs are not supported, so give the business-rule task the variables it needs instead.`,
        ),
      );
    }
  }
  for (const requirement of view.decision.knowledgeRequirement ?? []) {
    problems.push(
      problem(
        'error',
        view.id,
        `${describeDecision(view)} requires business knowledge '${(requirement.requiredKnowledge?.href ?? '').replace(/^#/, '')}'; business knowledge models are not supported.`,
      ),
    );
  }
  return problems;
}
