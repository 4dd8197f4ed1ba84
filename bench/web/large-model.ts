/**
 * A generated customer-service-like process far larger than a hand-drawn one: segments of an
 * exclusive split, two classified tasks and a join, laid out in rows with full diagram interchange.
 * Used by `npm run bench:web` and by the browser test that opens a large model.
 */

const VALUE_CLASSES = ['NVA', 'VA', 'BVA'] as const;

export interface LargeModel {
  xml: string;
  processKey: string;
  /** Flow nodes plus sequence flows: what a designer would call the diagram's elements. */
  elementCount: number;
  /** The figures the summary bar must show for it. */
  expected: { nvaSteps: number; nvaMinutes: number; va: number; bva: number; unclassified: number };
  /** Ids of the generated user tasks, in order. */
  taskIds: string[];
}

export interface LargeModelOptions {
  segments: number;
  processKey?: string;
  /** Changes the classification of every n-th task (for a second version to diff against). */
  reclassifyEvery?: number;
}

const SEGMENT_WIDTH = 420;
const SEGMENTS_PER_ROW = 8;
const ROW_HEIGHT = 320;
const LEFT = 160;
const TOP = 100;

interface Shape {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const center = (shape: Shape) => ({ x: shape.x + shape.width / 2, y: shape.y + shape.height / 2 });

export function generateLargeModel({ segments, processKey = 'large-service', reclassifyEvery }: LargeModelOptions): LargeModel {
  const nodes: string[] = [];
  const flows: string[] = [];
  const shapes: Shape[] = [];
  const edges: string[] = [];
  const taskIds: string[] = [];
  const expected = { nvaSteps: 0, nvaMinutes: 0, va: 0, bva: 0, unclassified: 0 };

  const edge = (id: string, points: { x: number; y: number }[]) =>
    edges.push(`<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">${points.map((point) => `<di:waypoint x="${point.x}" y="${point.y}" />`).join('')}</bpmndi:BPMNEdge>`);
  const flow = (id: string, from: Shape, to: Shape, points: { x: number; y: number }[], condition?: string) => {
    flows.push(
      condition
        ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from.id}" targetRef="${to.id}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`
        : `<bpmn:sequenceFlow id="${id}" sourceRef="${from.id}" targetRef="${to.id}" />`,
    );
    edge(id, points);
  };

  const start: Shape = { id: 'Start', x: LEFT - 100, y: TOP + 82, width: 36, height: 36 };
  nodes.push(`<bpmn:startEvent id="Start" name="Request received" />`);
  shapes.push(start);
  let previous = start;

  for (let index = 0; index < segments; index++) {
    const row = Math.floor(index / SEGMENTS_PER_ROW);
    const column = index % SEGMENTS_PER_ROW;
    const x = LEFT + column * SEGMENT_WIDTH;
    const y = TOP + row * ROW_HEIGHT;
    const split: Shape = { id: `Split_${index}`, x, y: y + 75, width: 50, height: 50 };
    const upper: Shape = { id: `Task_${index}_A`, x: x + 110, y: y, width: 100, height: 80 };
    const lower: Shape = { id: `Task_${index}_B`, x: x + 110, y: y + 120, width: 100, height: 80 };
    const join: Shape = { id: `Join_${index}`, x: x + 270, y: y + 75, width: 50, height: 50 };
    nodes.push(`<bpmn:exclusiveGateway id="${split.id}" name="Check ${index}?" default="Flow_${index}_B" />`);
    for (const [task, variant] of [
      [upper, 0],
      [lower, 1],
    ] as const) {
      const position = index * 2 + variant;
      const reclassified = reclassifyEvery !== undefined && position % reclassifyEvery === 0;
      const valueClass = VALUE_CLASSES[(position + (reclassified ? 1 : 0)) % VALUE_CLASSES.length]!;
      const minutes = (position % 7) + 1;
      if (valueClass === 'NVA') {
        expected.nvaSteps += 1;
        expected.nvaMinutes += minutes;
      } else if (valueClass === 'VA') expected.va += 1;
      else expected.bva += 1;
      taskIds.push(task.id);
      nodes.push(
        `<bpmn:userTask id="${task.id}" name="Step ${index}${variant === 0 ? 'a' : 'b'}" tandem:valueClass="${valueClass}" tandem:standardMinutes="${minutes}" tandem:candidateGroups="team-${index % 5}" tandem:dueIn="PT4H" />`,
      );
    }
    nodes.push(`<bpmn:exclusiveGateway id="${join.id}" />`);
    shapes.push(split, upper, lower, join);

    // Into the segment: straight on within a row, down and back left to the next row otherwise.
    const entry = { x: split.x, y: center(split).y };
    const exit = previous === start ? { x: start.x + 36, y: center(start).y } : { x: previous.x + previous.width, y: center(previous).y };
    const into =
      column === 0 && index > 0
        ? [exit, { x: exit.x + 30, y: exit.y }, { x: exit.x + 30, y: y - 40 }, { x: entry.x - 30, y: y - 40 }, { x: entry.x - 30, y: entry.y }, entry]
        : [exit, entry];
    flow(`Flow_${index}_In`, previous, split, into);
    flow(
      `Flow_${index}_A`,
      split,
      upper,
      [
        { x: center(split).x, y: split.y },
        { x: center(split).x, y: center(upper).y },
        { x: upper.x, y: center(upper).y },
      ],
      `= amount &gt; ${index * 100}`,
    );
    flow(`Flow_${index}_B`, split, lower, [
      { x: center(split).x, y: split.y + 50 },
      { x: center(split).x, y: center(lower).y },
      { x: lower.x, y: center(lower).y },
    ]);
    flow(`Flow_${index}_AJ`, upper, join, [
      { x: upper.x + 100, y: center(upper).y },
      { x: center(join).x, y: center(upper).y },
      { x: center(join).x, y: join.y },
    ]);
    flow(`Flow_${index}_BJ`, lower, join, [
      { x: lower.x + 100, y: center(lower).y },
      { x: center(join).x, y: center(lower).y },
      { x: center(join).x, y: join.y + 50 },
    ]);
    previous = join;
  }

  const end: Shape = { id: 'End', x: previous.x + 100, y: center(previous).y - 18, width: 36, height: 36 };
  nodes.push(`<bpmn:endEvent id="End" name="Case closed" />`);
  shapes.push(end);
  flow('Flow_End', previous, end, [
    { x: previous.x + 50, y: center(previous).y },
    { x: end.x, y: center(end).y },
  ]);

  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="Definitions_${processKey}" targetNamespace="https://tandem.dev/bench">
  <bpmn:process id="${processKey}" name="Large service process (${segments} segments)" isExecutable="true">
    ${nodes.join('\n    ')}
    ${flows.join('\n    ')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_${processKey}">
    <bpmndi:BPMNPlane id="Plane_${processKey}" bpmnElement="${processKey}">
      ${shapes.map((shape) => `<bpmndi:BPMNShape id="${shape.id}_di" bpmnElement="${shape.id}"${shape.id.startsWith('Split') || shape.id.startsWith('Join') ? ' isMarkerVisible="true"' : ''}><dc:Bounds x="${shape.x}" y="${shape.y}" width="${shape.width}" height="${shape.height}" /></bpmndi:BPMNShape>`).join('\n      ')}
      ${edges.join('\n      ')}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
  return { xml, processKey, elementCount: nodes.length + flows.length, expected, taskIds };
}
