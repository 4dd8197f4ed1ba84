import { loadBpmn } from '../load-bpmn.js';
import { MINIMAL_PROCESS, inlineBpmn } from '../testing/inline-bpmn.js';

const START = '<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>';
const END = (incoming = 'f2') => `<bpmn:endEvent id="end"><bpmn:incoming>${incoming}</bpmn:incoming></bpmn:endEvent>`;
const FLOW = (id: string, source: string, target: string, condition?: string) =>
  condition === undefined
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
/** start -> {node} -> end, where the node under test has id "x". */
const around = (node: string) => inlineBpmn(`${START}${node}${END()}${FLOW('f1', 'start', 'x')}${FLOW('f2', 'x', 'end')}`);
const task = (attributes: string, type = 'userTask', body = '') =>
  around(`<bpmn:${type} id="x" tandem:valueClass="VA" ${attributes}><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>${body}</bpmn:${type}>`);
const gateway = (flows: string, defaultFlow = '') =>
  inlineBpmn(`${START}
    <bpmn:exclusiveGateway id="gw" ${defaultFlow}><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>a</bpmn:outgoing><bpmn:outgoing>b</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="endA"><bpmn:incoming>a</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="endB"><bpmn:incoming>b</bpmn:incoming></bpmn:endEvent>
    ${FLOW('f1', 'start', 'gw')}${flows}`);

const problemsOf = async (xml: string) =>
  (await loadBpmn(xml)).problems.map(({ elementId, rule, severity }) => ({ elementId, rule, severity }));

describe('validateBpmn', () => {
  it('accepts a well-formed executable process without problems', async () => {
    // given start -> classified user task -> end; when validated; then nothing is reported
    expect(await problemsOf(MINIMAL_PROCESS)).toEqual([]);
  });

  it.each([
    [
      'an element the engine cannot execute, by name',
      around('<bpmn:subProcess id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:subProcess>'),
      { elementId: 'x', rule: 'supported-element', severity: 'error' },
    ],
    [
      'a message start event',
      inlineBpmn(`<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:messageEventDefinition /></bpmn:startEvent>${END('f1')}${FLOW('f1', 'start', 'end')}`),
      { elementId: 'start', rule: 'supported-element', severity: 'error' },
    ],
    [
      'a process without a start event',
      inlineBpmn('<bpmn:endEvent id="end" />'),
      { elementId: 'p', rule: 'start-event', severity: 'error' },
    ],
    [
      'a document without any process',
      `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t"></bpmn:definitions>`,
      { elementId: null, rule: 'executable-process', severity: 'error' },
    ],
    [
      'a task no token can leave',
      inlineBpmn(`${START}<bpmn:userTask id="x" tandem:valueClass="VA"><bpmn:incoming>f1</bpmn:incoming></bpmn:userTask>${FLOW('f1', 'start', 'x')}`),
      { elementId: 'x', rule: 'flow-node-connected', severity: 'error' },
    ],
    [
      'a gateway branch without a condition that is not the default',
      gateway(`${FLOW('a', 'gw', 'endA', '= amount &gt; 10')}${FLOW('b', 'gw', 'endB')}`),
      { elementId: 'b', rule: 'exclusive-gateway', severity: 'error' },
    ],
    [
      'a gateway without a default flow (warning)',
      gateway(`${FLOW('a', 'gw', 'endA', 'amount &gt; 10')}${FLOW('b', 'gw', 'endB', 'amount &lt;= 10')}`),
      { elementId: 'gw', rule: 'exclusive-gateway', severity: 'warning' },
    ],
    [
      'a FEEL syntax error in a condition',
      gateway(`${FLOW('a', 'gw', 'endA', 'amount &gt;')}${FLOW('b', 'gw', 'endB')}`, 'default="b"'),
      { elementId: 'a', rule: 'feel-expression', severity: 'error' },
    ],
    [
      'a condition after a task, where it would be ignored',
      inlineBpmn(`${START}<bpmn:userTask id="x" tandem:valueClass="VA"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>${END()}${FLOW('f1', 'start', 'x')}${FLOW('f2', 'x', 'end', 'ok')}`),
      { elementId: 'f2', rule: 'condition-placement', severity: 'error' },
    ],
    [
      'a timer without a valid ISO duration',
      around('<bpmn:intermediateCatchEvent id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>4 hours</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>'),
      { elementId: 'x', rule: 'timer-event', severity: 'error' },
    ],
    [
      'a timeCycle timer, not executable yet',
      around('<bpmn:intermediateCatchEvent id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>'),
      { elementId: 'x', rule: 'timer-event', severity: 'error' },
    ],
    ['a service task without a topic', task('', 'serviceTask'), { elementId: 'x', rule: 'task-attributes', severity: 'error' }],
    ['retries that are not a whole number', task('tandem:topic="t" tandem:retries="two"', 'serviceTask'), { elementId: 'x', rule: 'task-attributes', severity: 'error' }],
    ['a dueIn that is not a duration', task('tandem:dueIn="tomorrow"'), { elementId: 'x', rule: 'task-attributes', severity: 'error' }],
    ['a FEEL dueIn with a syntax error', task('tandem:dueIn="= if tier then"'), { elementId: 'x', rule: 'feel-expression', severity: 'error' }],
    ['an unknown value class', task('tandem:stage="diagnosis"').replace('tandem:valueClass="VA"', 'tandem:valueClass="XX"'), { elementId: 'x', rule: 'lean-attributes', severity: 'error' }],
    ['an unknown stage', task('tandem:stage="lunch"'), { elementId: 'x', rule: 'lean-attributes', severity: 'error' }],
    ['standard minutes that are not a number', task('tandem:standardMinutes="ten"'), { elementId: 'x', rule: 'lean-attributes', severity: 'error' }],
    ['an activity without a value class (warning)', task('').replace('tandem:valueClass="VA"', ''), { elementId: 'x', rule: 'lean-attributes', severity: 'warning' }],
    [
      'a boundary timer on a gateway',
      inlineBpmn(`${START}<bpmn:parallelGateway id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:parallelGateway>${END()}${FLOW('f1', 'start', 'x')}${FLOW('f2', 'x', 'end')}
        <bpmn:boundaryEvent id="b" attachedToRef="x"><bpmn:outgoing>f3</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:endEvent id="end2"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>${FLOW('f3', 'b', 'end2')}`),
      { elementId: 'b', rule: 'boundary-event', severity: 'error' },
    ],
    [
      'a sequence flow pointing at nothing',
      inlineBpmn(`${START}${END('f1')}${FLOW('f1', 'start', 'end')}${FLOW('f9', 'start', 'ghost')}`),
      { elementId: 'f9', rule: 'sequence-flow', severity: 'error' },
    ],
  ])('reports %s', async (_case, xml, expected) => {
    // given a model with one mistake; when validated; then the problem names the element and rule
    expect(await problemsOf(xml)).toContainEqual(expected);
  });

  it('refuses to compile anything when there is an error, and says so in the message', async () => {
    // given an unsupported element
    const xml = around('<bpmn:subProcess id="x" name="Tier 2"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:subProcess>');
    // when loaded
    const { processes, problems } = await loadBpmn(xml);
    // then no process is compiled and the message is one a designer can act on
    expect(processes).toEqual([]);
    expect(problems[0]?.message).toBe("SubProcess 'Tier 2' cannot be executed: SubProcess is not executable yet.");
  });

  it('skips processes marked not executable, with a warning', async () => {
    // given a second, documentation-only process beside the executable one
    const xml = MINIMAL_PROCESS.replace(
      '</bpmn:definitions>',
      '<bpmn:process id="notes" isExecutable="false"><bpmn:task id="t" /></bpmn:process></bpmn:definitions>',
    );
    // when loaded
    const { processes, problems } = await loadBpmn(xml);
    // then only the executable one is compiled
    expect(processes.map((process) => process.key)).toEqual(['p']);
    expect(problems).toEqual([expect.objectContaining({ elementId: 'notes', severity: 'warning' })]);
  });
});
