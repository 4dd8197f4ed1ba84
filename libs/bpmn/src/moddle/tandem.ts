/**
 * The `tandem:` BPMN extension namespace (DESIGN.md section 3), shared by the server parser and the
 * web modeler so our attributes round-trip unchanged. A .ts module rather than tandem.json because tsc
 * does not copy JSON read at run time into dist.
 */
export const TANDEM_NAMESPACE = 'https://tandem.dev/schema/bpmn/1.0';

export const tandemDescriptor = {
  name: 'Tandem',
  prefix: 'tandem',
  uri: TANDEM_NAMESPACE,
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  enumerations: [],
  types: [
    {
      name: 'LeanFlowNode',
      isAbstract: true,
      extends: ['bpmn:FlowNode'],
      properties: [
        { name: 'valueClass', isAttr: true, type: 'String' },
        { name: 'wasteType', isAttr: true, type: 'String' },
        { name: 'stage', isAttr: true, type: 'String' },
        { name: 'standardMinutes', isAttr: true, type: 'String' },
      ],
    },
    {
      name: 'HumanTask',
      isAbstract: true,
      extends: ['bpmn:UserTask'],
      properties: [
        { name: 'candidateGroups', isAttr: true, type: 'String' },
        { name: 'candidateUsers', isAttr: true, type: 'String' },
        { name: 'assignee', isAttr: true, type: 'String' },
        { name: 'dueIn', isAttr: true, type: 'String' },
        { name: 'followUpIn', isAttr: true, type: 'String' },
        { name: 'priority', isAttr: true, type: 'String' },
        { name: 'escalateTo', isAttr: true, type: 'String' },
        { name: 'formKey', isAttr: true, type: 'String' },
        { name: 'costPerHour', isAttr: true, type: 'String' },
      ],
    },
    {
      name: 'ProcessPriority',
      isAbstract: true,
      extends: ['bpmn:Process'],
      properties: [
        { name: 'priority', isAttr: true, type: 'String' },
        // "true": at most one case of the process per business key (any version), enforced by the database.
        { name: 'uniqueBusinessKey', isAttr: true, type: 'String' },
        // "channel,category,customerTier": the case variables the analytics keep per case to filter reports by.
        { name: 'segments', isAttr: true, type: 'String' },
      ],
    },
    {
      name: 'LaneGroups',
      isAbstract: true,
      extends: ['bpmn:Lane'],
      properties: [{ name: 'candidateGroups', isAttr: true, type: 'String' }],
    },
    {
      name: 'WorkerTask',
      isAbstract: true,
      // Send tasks and message throw events are external tasks too: a worker delivers the message.
      extends: ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:EndEvent', 'bpmn:IntermediateThrowEvent'],
      properties: [
        { name: 'topic', isAttr: true, type: 'String' },
        { name: 'retries', isAttr: true, type: 'String' },
      ],
    },
    {
      name: 'CorrelatedMessage',
      isAbstract: true,
      extends: ['bpmn:Message'],
      properties: [{ name: 'correlationKey', isAttr: true, type: 'String' }],
    },
    {
      name: 'ScriptResult',
      isAbstract: true,
      extends: ['bpmn:ScriptTask', 'bpmn:BusinessRuleTask'],
      properties: [{ name: 'resultVariable', isAttr: true, type: 'String' }],
    },
    {
      name: 'CalledDecision',
      isAbstract: true,
      extends: ['bpmn:BusinessRuleTask'],
      properties: [{ name: 'decisionRef', isAttr: true, type: 'String' }],
    },
    {
      name: 'CalledProcess',
      isAbstract: true,
      extends: ['bpmn:CallActivity'],
      properties: [
        { name: 'calledElementBinding', isAttr: true, type: 'String' },
        { name: 'calledElementVersion', isAttr: true, type: 'String' },
        { name: 'businessKey', isAttr: true, type: 'String' },
        { name: 'propagateAllParentVariables', isAttr: true, type: 'String' },
      ],
    },
    // Extension elements mirroring Camunda 8's zeebe: ones, so the same models work with either prefix.
    {
      name: 'IoMapping',
      superClass: ['Element'],
      properties: [
        { name: 'inputParameters', isMany: true, type: 'Input' },
        { name: 'outputParameters', isMany: true, type: 'Output' },
      ],
    },
    {
      name: 'VariableMapping',
      isAbstract: true,
      properties: [
        { name: 'source', isAttr: true, type: 'String' },
        { name: 'target', isAttr: true, type: 'String' },
      ],
    },
    { name: 'Input', superClass: ['VariableMapping'] },
    { name: 'Output', superClass: ['VariableMapping'] },
    // A user task's form-js schema written into the model, its JSON as the element's text.
    {
      name: 'Form',
      superClass: ['Element'],
      properties: [{ name: 'body', isBody: true, type: 'String' }],
    },
    {
      name: 'AdHoc',
      superClass: ['Element'],
      properties: [{ name: 'activeElementsCollection', isAttr: true, type: 'String' }],
    },
    {
      name: 'LoopCharacteristics',
      superClass: ['Element'],
      properties: [
        { name: 'inputCollection', isAttr: true, type: 'String' },
        { name: 'inputElement', isAttr: true, type: 'String' },
        { name: 'outputCollection', isAttr: true, type: 'String' },
        { name: 'outputElement', isAttr: true, type: 'String' },
      ],
    },
  ],
};
