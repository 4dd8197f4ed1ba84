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
        { name: 'formKey', isAttr: true, type: 'String' },
        { name: 'costPerHour', isAttr: true, type: 'String' },
      ],
    },
    {
      name: 'WorkerTask',
      isAbstract: true,
      extends: ['bpmn:ServiceTask'],
      properties: [
        { name: 'topic', isAttr: true, type: 'String' },
        { name: 'retries', isAttr: true, type: 'String' },
      ],
    },
  ],
};
