/** Wraps process content in a definitions document with the namespaces our models use (tests only). */
export const inlineBpmn = (content: string, processAttributes = 'id="p" isExecutable="true"'): string => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="defs" targetNamespace="http://tandem.dev/test">
  <bpmn:process ${processAttributes}>
${content}
  </bpmn:process>
</bpmn:definitions>`;

/** start -> task -> end, the smallest runnable process. */
export const MINIMAL_PROCESS = inlineBpmn(`
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="task" name="Answer" tandem:valueClass="VA"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />`);
