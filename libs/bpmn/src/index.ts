export * from './process-graph.js';
export { hasErrors, type Problem, type ProblemSeverity } from './problem.js';
export { BPMN_ERRORS } from './bpmn-errors.js';
export { TANDEM_NAMESPACE, tandemDescriptor } from './moddle/tandem.js';
export { parseBpmn, type ParsedBpmn } from './parse/parse-bpmn.js';
export { validateBpmn, RULES } from './validate/validate-bpmn.js';
export { compileBpmn } from './compile/compile-bpmn.js';
export { loadBpmn, type LoadedBpmn } from './load-bpmn.js';
export { isFeel, stripFeelPrefix, feelSyntaxError } from './feel/feel-syntax.js';
export { abbreviate, FEEL_LIMITS, feelCostProblem } from './feel/feel-cost.js';
export { isIsoDuration } from './duration.js';
export * from './dmn/decision-table.js';
export { DMN_ERRORS } from './dmn/dmn-errors.js';
export { parseDmn, DMN13_NAMESPACE, type ParsedDmn } from './dmn/parse/parse-dmn.js';
export { validateDmn, DMN_RULES } from './dmn/validate/validate-dmn.js';
export { checkDecisionIds } from './dmn/validate/unique-decision-id.js';
export { compileDmn } from './dmn/compile/compile-dmn.js';
export { loadDmn, type LoadedDmn } from './dmn/load-dmn.js';
export { documentKind, type DocumentKind } from './parse/document-kind.js';
export { describeReaderMessage } from './parse/reader-message.js';
export { matchesAnything, unaryTestsSyntaxError } from './dmn/feel/unary-tests-syntax.js';
export { isIsoDateTime, nextCronOccurrence, parseTimeCycle, type TimeCycle } from './timer-syntax.js';
export {
  summarizeValueClasses,
  valueNodesOfGraph,
  valueNodesOfDefinitions,
  expectsValueClass,
  isValueClass,
  type ValueNode,
  type ValueSummary,
} from './value/value-summary.js';
export { diffProcesses } from './diff/diff-processes.js';
export type * from './diff/process-diff.js';
export * from './forms/form-schema.js';
export { FORM_ERRORS } from './forms/form-errors.js';
export { FORM_KEY_PREFIX, formKeyOf, referencedFormId } from './forms/form-reference.js';
export { formSchemaProblems, readFormSchema } from './forms/check-form-schema.js';
export { validateFormSubmission } from './forms/validate-form-submission.js';
