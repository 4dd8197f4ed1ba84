import type { DmnElement } from 'dmn-moddle';
import type { Problem } from '../../../problem.js';
import { describeDecision, describePart, inputHeading, outputHeading, tablesOf } from '../decision-view.js';
import { problemFor, type DmnValidationRule } from '../rule.js';

const problem = problemFor('expression-language');

/** FEEL's URIs differ between DMN versions and tools ("https://www.omg.org/spec/DMN/20191111/FEEL/", "feel"). */
const isFeelLanguage = (language: string | undefined): boolean => language === undefined || /feel/i.test(language);

/** An expression of the table, the element a problem names, and how to describe it. */
interface Located {
  expression: DmnElement | undefined;
  elementId: string;
  subject: string;
}

/** Expressions are FEEL, evaluated in a sandbox; JUEL, JavaScript or Groovy from Camunda 7 models are refused. */
export const expressionLanguage: DmnValidationRule = {
  name: 'expression-language',
  check({ definitions, decisions }) {
    const documentLanguage: string | undefined = definitions.expressionLanguage;
    return [
      ...(isFeelLanguage(documentLanguage)
        ? []
        : [problem('error', definitions.id ?? null, `The document's expression language is '${documentLanguage}'; only FEEL is supported.`)]),
      ...tablesOf(decisions).flatMap((view): Problem[] => {
        const located: Located[] = [
          ...view.inputs.flatMap((input) => {
            const column = describePart('input', input, inputHeading(input));
            return [
              { expression: input.element.inputExpression, elementId: input.id, subject: `the input expression of ${column}` },
              { expression: input.element.inputValues, elementId: input.id, subject: `the input values of ${column}` },
            ];
          }),
          ...view.outputs.map((output) => ({
            expression: output.element.outputValues,
            elementId: output.id,
            subject: `the output values of ${describePart('output', output, outputHeading(output))}`,
          })),
          ...view.rules.flatMap((rule) =>
            [...(rule.element.inputEntry ?? []), ...(rule.element.outputEntry ?? [])].map((entry: DmnElement) => ({
              expression: entry,
              elementId: rule.id,
              subject: `an entry of rule '${rule.id}'`,
            })),
          ),
        ];
        return located
          .filter(({ expression }) => !isFeelLanguage(expression?.expressionLanguage))
          .map(({ expression, elementId, subject }) =>
            problem('error', elementId, `${subject} of ${describeDecision(view)} is in '${expression?.expressionLanguage}'; only FEEL is supported.`),
          );
      }),
    ];
  },
};
