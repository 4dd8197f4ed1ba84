import { TANDEM_NAMESPACE } from '#bpmn';

/** A short random suffix so two new diagrams do not deploy under the same process key by accident. */
const suffix = (): string => Math.random().toString(36).slice(2, 8);

/**
 * An empty executable process with one start event. bpmn-js's own blank diagram is not executable,
 * and the engine (like its validation) only looks at executable processes.
 */
export const newDiagramXml = (): string => {
  const key = `process-${suffix()}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:tandem="${TANDEM_NAMESPACE}" id="Definitions_${key}" targetNamespace="https://tandem.dev/processes">
  <bpmn:process id="${key}" name="New process" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" name="Request received" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${key}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="180" y="160" width="36" height="36" />
        <bpmndi:BPMNLabel><dc:Bounds x="156" y="203" width="84" height="27" /></bpmndi:BPMNLabel>
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
};
