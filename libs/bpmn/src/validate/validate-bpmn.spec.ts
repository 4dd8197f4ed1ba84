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

const problemsOf = async (xml: string) => (await loadBpmn(xml)).problems.map(({ elementId, rule, severity }) => ({ elementId, rule, severity }));

describe('validateBpmn', () => {
  it('accepts a well-formed executable process without problems', async () => {
    // given start -> classified user task -> end; when validated; then nothing is reported
    expect(await problemsOf(MINIMAL_PROCESS)).toEqual([]);
  });

  it.each([
    [
      'an element the engine cannot execute, by name',
      around('<bpmn:complexGateway id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:complexGateway>'),
      { elementId: 'x', rule: 'supported-element', severity: 'error' },
    ],
    [
      'a conditional start event at the process level',
      inlineBpmn(`<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:conditionalEventDefinition /></bpmn:startEvent>${END('f1')}${FLOW('f1', 'start', 'end')}`),
      { elementId: 'start', rule: 'start-event', severity: 'error' },
    ],
    [
      'a message start event without a message',
      inlineBpmn(`<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:messageEventDefinition /></bpmn:startEvent>${END('f1')}${FLOW('f1', 'start', 'end')}`),
      { elementId: 'start', rule: 'message-event', severity: 'error' },
    ],
    [
      'a signal catch event without a signal name',
      around('<bpmn:intermediateCatchEvent id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:signalEventDefinition /></bpmn:intermediateCatchEvent>'),
      { elementId: 'x', rule: 'signal-event', severity: 'error' },
    ],
    [
      'a message catch without a correlation key (warning)',
      inlineBpmn(
        `<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent><bpmn:receiveTask id="x" messageRef="m" tandem:valueClass="VA"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:receiveTask>${END()}${FLOW('f1', 'start', 'x')}${FLOW('f2', 'x', 'end')}`,
      ).replace('<bpmn:process', '<bpmn:message id="m" name="reply" /><bpmn:process'),
      { elementId: 'x', rule: 'message-event', severity: 'warning' },
    ],
    [
      'a correlation key with a FEEL syntax error',
      inlineBpmn(
        `<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent><bpmn:receiveTask id="x" messageRef="m" tandem:valueClass="VA"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:receiveTask>${END()}${FLOW('f1', 'start', 'x')}${FLOW('f2', 'x', 'end')}`,
      ).replace('<bpmn:process', '<bpmn:message id="m" name="reply" tandem:correlationKey="= order." /><bpmn:process'),
      { elementId: 'x', rule: 'feel-expression', severity: 'error' },
    ],
    ['a send task without a topic', task('', 'sendTask'), { elementId: 'x', rule: 'task-attributes', severity: 'error' }],
    ['a process without a start event', inlineBpmn('<bpmn:endEvent id="end" />'), { elementId: 'p', rule: 'start-event', severity: 'error' }],
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
      inlineBpmn(
        `${START}<bpmn:userTask id="x" tandem:valueClass="VA"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>${END()}${FLOW('f1', 'start', 'x')}${FLOW('f2', 'x', 'end', 'ok')}`,
      ),
      { elementId: 'f2', rule: 'condition-placement', severity: 'error' },
    ],
    [
      'a timer without a valid ISO duration',
      around(
        '<bpmn:intermediateCatchEvent id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>4 hours</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
      ),
      { elementId: 'x', rule: 'timer-event', severity: 'error' },
    ],
    [
      'a timeCycle on an intermediate catch event, which waits once',
      around(
        '<bpmn:intermediateCatchEvent id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
      ),
      { elementId: 'x', rule: 'timer-event', severity: 'error' },
    ],
    [
      'a timeDate without a zone',
      around(
        '<bpmn:intermediateCatchEvent id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDate>2026-03-05T10:00:00</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
      ),
      { elementId: 'x', rule: 'timer-event', severity: 'error' },
    ],
    [
      'a cron timeCycle with a field out of range',
      inlineBpmn(
        `<bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeCycle>0 0 25 * * MON</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>${END('f1')}${FLOW('f1', 'start', 'end')}`,
      ),
      { elementId: 'start', rule: 'timer-event', severity: 'error' },
    ],
    [
      'a timer with both a duration and a date',
      around(
        '<bpmn:intermediateCatchEvent id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration><bpmn:timeDate>2026-03-05T10:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
      ),
      { elementId: 'x', rule: 'timer-event', severity: 'error' },
    ],
    ['a service task without a topic', task('', 'serviceTask'), { elementId: 'x', rule: 'task-attributes', severity: 'error' }],
    ['retries that are not a whole number', task('tandem:topic="t" tandem:retries="two"', 'serviceTask'), { elementId: 'x', rule: 'task-attributes', severity: 'error' }],
    ['a dueIn that is not a duration', task('tandem:dueIn="tomorrow"'), { elementId: 'x', rule: 'task-attributes', severity: 'error' }],
    ['a FEEL dueIn with a syntax error', task('tandem:dueIn="= if tier then"'), { elementId: 'x', rule: 'feel-expression', severity: 'error' }],
    ['a followUpIn that is not a duration', task('tandem:followUpIn="later"'), { elementId: 'x', rule: 'task-attributes', severity: 'error' }],
    ['a priority above 100', task('tandem:priority="150"'), { elementId: 'x', rule: 'task-attributes', severity: 'error' }],
    ['an escalateTo naming two groups', task('tandem:escalateTo="second-line, experts"'), { elementId: 'x', rule: 'task-attributes', severity: 'error' }],
    ['a FEEL escalateTo with a syntax error', task('tandem:escalateTo="= if gold then"'), { elementId: 'x', rule: 'feel-expression', severity: 'error' }],
    [
      'an unknown value class',
      task('tandem:stage="diagnosis"').replace('tandem:valueClass="VA"', 'tandem:valueClass="XX"'),
      { elementId: 'x', rule: 'lean-attributes', severity: 'error' },
    ],
    ['an unknown stage', task('tandem:stage="lunch"'), { elementId: 'x', rule: 'lean-attributes', severity: 'error' }],
    ['standard minutes that are not a number', task('tandem:standardMinutes="ten"'), { elementId: 'x', rule: 'lean-attributes', severity: 'error' }],
    ['a VA step that keeps a waste type (warning)', task('tandem:wasteType="overprocessing"'), { elementId: 'x', rule: 'lean-attributes', severity: 'warning' }],
    ['an activity without a value class (warning)', task('').replace('tandem:valueClass="VA"', ''), { elementId: 'x', rule: 'lean-attributes', severity: 'warning' }],
    [
      'a boundary timer on a gateway',
      inlineBpmn(`${START}<bpmn:parallelGateway id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:parallelGateway>${END()}${FLOW('f1', 'start', 'x')}${FLOW('f2', 'x', 'end')}
        <bpmn:boundaryEvent id="b" attachedToRef="x"><bpmn:outgoing>f3</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:endEvent id="end2"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>${FLOW('f3', 'b', 'end2')}`),
      { elementId: 'b', rule: 'boundary-event', severity: 'error' },
    ],
    [
      'a sub-process without a none start event',
      around('<bpmn:subProcess id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:endEvent id="e" /></bpmn:subProcess>'),
      { elementId: 'x', rule: 'start-event', severity: 'error' },
    ],
    [
      'a sequence flow crossing a sub-process border',
      around(`<bpmn:subProcess id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
        <bpmn:startEvent id="s" /><bpmn:endEvent id="e" />${FLOW('i1', 's', 'e')}${FLOW('out', 's', 'end')}</bpmn:subProcess>`),
      { elementId: 'out', rule: 'sequence-flow', severity: 'error' },
    ],
    [
      'two none start events',
      inlineBpmn(
        `${START}<bpmn:startEvent id="start2"><bpmn:outgoing>f2</bpmn:outgoing></bpmn:startEvent>${END('f1')}<bpmn:endEvent id="end2" />${FLOW('f1', 'start', 'end')}${FLOW('f2', 'start2', 'end2')}`,
      ),
      { elementId: 'p', rule: 'start-event', severity: 'error' },
    ],
    [
      'a non-interrupting start event outside an event sub-process',
      inlineBpmn(`<bpmn:startEvent id="start" isInterrupting="false"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>${END('f1')}${FLOW('f1', 'start', 'end')}`),
      { elementId: 'start', rule: 'start-event', severity: 'error' },
    ],
    [
      'an error end event without an error code',
      inlineBpmn(`${START}<bpmn:endEvent id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:errorEventDefinition /></bpmn:endEvent>${FLOW('f1', 'start', 'x')}`),
      { elementId: 'x', rule: 'error-event', severity: 'error' },
    ],
    [
      'an escalation throw event without an escalation code',
      around(
        '<bpmn:intermediateThrowEvent id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:escalationEventDefinition /></bpmn:intermediateThrowEvent>',
      ),
      { elementId: 'x', rule: 'escalation-event', severity: 'error' },
    ],
    [
      'a non-interrupting error boundary event',
      task('tandem:topic="t"', 'serviceTask').replace(
        '</bpmn:process>',
        '<bpmn:boundaryEvent id="b" attachedToRef="x" cancelActivity="false"><bpmn:outgoing>f3</bpmn:outgoing><bpmn:errorEventDefinition /></bpmn:boundaryEvent><bpmn:endEvent id="e3" />' +
          FLOW('f3', 'b', 'e3') +
          '</bpmn:process>',
      ),
      { elementId: 'b', rule: 'boundary-event', severity: 'error' },
    ],
    [
      'a link throw event whose catch event is missing',
      inlineBpmn(
        `${START}<bpmn:intermediateThrowEvent id="x"><bpmn:incoming>f1</bpmn:incoming><bpmn:linkEventDefinition name="away" /></bpmn:intermediateThrowEvent>${FLOW('f1', 'start', 'x')}`,
      ),
      { elementId: 'x', rule: 'link-event', severity: 'error' },
    ],
    [
      'an event-based gateway leading to a task',
      inlineBpmn(`${START}<bpmn:eventBasedGateway id="gw"><bpmn:incoming>f1</bpmn:incoming></bpmn:eventBasedGateway>
        <bpmn:userTask id="t" tandem:valueClass="VA"><bpmn:outgoing>a2</bpmn:outgoing></bpmn:userTask>
        <bpmn:intermediateCatchEvent id="c"><bpmn:outgoing>b2</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="endA" /><bpmn:endEvent id="endB" />
        ${FLOW('f1', 'start', 'gw')}${FLOW('a', 'gw', 't')}${FLOW('b', 'gw', 'c')}${FLOW('a2', 't', 'endA')}${FLOW('b2', 'c', 'endB')}`),
      { elementId: 'gw', rule: 'event-based-gateway', severity: 'error' },
    ],
    [
      'an inclusive gateway whose default flow does not leave it',
      inlineBpmn(`${START}<bpmn:inclusiveGateway id="gw" default="f1"><bpmn:incoming>f1</bpmn:incoming></bpmn:inclusiveGateway>
        <bpmn:endEvent id="endA" /><bpmn:endEvent id="endB" />${FLOW('f1', 'start', 'gw')}${FLOW('a', 'gw', 'endA', 'x')}${FLOW('b', 'gw', 'endB', 'y')}`),
      { elementId: 'gw', rule: 'inclusive-gateway', severity: 'error' },
    ],
    [
      'a non-interrupting error start event (an error always interrupts)',
      inlineBpmn(`${START}${END('f1')}${FLOW('f1', 'start', 'end')}
        <bpmn:subProcess id="onError" triggeredByEvent="true"><bpmn:startEvent id="x" isInterrupting="false"><bpmn:outgoing>e1</bpmn:outgoing><bpmn:errorEventDefinition /></bpmn:startEvent>
        <bpmn:endEvent id="errorEnd"><bpmn:incoming>e1</bpmn:incoming></bpmn:endEvent>${FLOW('e1', 'x', 'errorEnd')}</bpmn:subProcess>`),
      { elementId: 'x', rule: 'start-event', severity: 'error' },
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
    const xml = around('<bpmn:complexGateway id="x" name="Tier 2"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:complexGateway>');
    // when loaded
    const { processes, problems } = await loadBpmn(xml);
    // then no process is compiled and the message is one a designer can act on
    expect(processes).toEqual([]);
    expect(problems[0]?.message).toBe("ComplexGateway 'Tier 2' cannot be executed: complex gateways are not executable (as in Camunda 8); use an inclusive gateway.");
  });

  it('skips processes marked not executable, with a warning', async () => {
    // given a second, documentation-only process beside the executable one
    const xml = MINIMAL_PROCESS.replace('</bpmn:definitions>', '<bpmn:process id="notes" isExecutable="false"><bpmn:task id="t" /></bpmn:process></bpmn:definitions>');
    // when loaded
    const { processes, problems } = await loadBpmn(xml);
    // then only the executable one is compiled
    expect(processes.map((process) => process.key)).toEqual(['p']);
    expect(problems).toEqual([expect.objectContaining({ elementId: 'notes', severity: 'warning' })]);
  });

  it('compiles a documentation-only model as far as it goes, every finding a warning', async () => {
    // given a model whose only process is not executable, with a complex gateway, a service task without a topic and a prose condition
    const xml = inlineBpmn(
      `${START}<bpmn:complexGateway id="gw" name="Who decides?" />
       <bpmn:serviceTask id="sync" name="Sync CRM" tandem:valueClass="NVA" tandem:standardMinutes="6" />
       ${END('f3')}${FLOW('f1', 'start', 'gw')}${FLOW('f2', 'gw', 'sync', 'if the customer is known')}${FLOW('f3', 'sync', 'end')}
       <bpmn:sequenceFlow id="dangling" sourceRef="sync" />`,
      'id="notes" name="Notes" isExecutable="false"',
    );
    // when loaded
    const { processes, problems } = await loadBpmn(xml);
    // then nothing is an error, and the reasons it could not run are named as warnings
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'executable-process', message: expect.stringContaining('documentation only') }),
        expect.objectContaining({ elementId: 'gw', rule: 'supported-element', message: expect.stringContaining('Documentation only') }),
        expect.objectContaining({ elementId: 'sync', rule: 'task-attributes' }),
        expect.objectContaining({ elementId: 'f2', rule: 'feel-expression' }),
      ]),
    );
    // and one graph marked not executable keeps every node, the unsupported one as an undefined task
    expect(processes).toHaveLength(1);
    const [sut] = processes;
    expect(sut).toMatchObject({ key: 'notes', name: 'Notes', executable: false, startEventId: 'start' });
    expect(sut!.nodes['gw']).toMatchObject({ type: 'task', name: 'Who decides?', incoming: ['f1'], outgoing: ['f2'] });
    expect(sut!.nodes['sync']).toMatchObject({ type: 'serviceTask', lean: { valueClass: 'NVA', standardMinutes: 6 } });
    expect(Object.keys(sut!.flows)).toEqual(['f1', 'f2', 'f3']);
  });

  it('does not mark an executable process', async () => {
    // when a runnable model is loaded; then its graph carries no executable flag
    const [sut] = (await loadBpmn(MINIMAL_PROCESS)).processes;
    expect(sut).not.toHaveProperty('executable');
  });
});
