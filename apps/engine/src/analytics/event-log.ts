import type { ElementCatalog, StepEvent, StepType } from '#analytics';
import type { EventLogCase } from '#persistence';
import { writeCsv } from '../common/csv-output.js';

/**
 * The step ledger as an event log for process-mining tools, written batch by batch: XES (IEEE
 * 1849-2016) or CSV, one event per step. Markers (breached, migrated) are not lifecycle transitions
 * and stay out of the XES.
 */
export type EventLogFormat = 'csv' | 'xes';

/** The XES standard lifecycle transition of a step; the first `started` is start, a later one resume. */
const transitionOf = (type: StepType, startedBefore: boolean): string | null => {
  switch (type) {
    case 'ready':
      return 'schedule';
    case 'claimed':
      return 'assign';
    case 'unclaimed':
    case 'escalated':
      return 'reassign';
    case 'started':
      return startedBefore ? 'resume' : 'start';
    case 'paused':
      return 'suspend';
    case 'completed':
      return 'complete';
    case 'canceled':
      return 'ate_abort';
    default:
      return null;
  }
};

export const XES_HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
  <global scope="trace">
    <string key="concept:name" value="__INVALID__"/>
  </global>
  <global scope="event">
    <string key="concept:name" value="__INVALID__"/>
    <string key="lifecycle:transition" value="complete"/>
    <date key="time:timestamp" value="1970-01-01T00:00:00.000Z"/>
  </global>
  <classifier name="Activity" keys="concept:name"/>
  <classifier name="Activity and transition" keys="concept:name lifecycle:transition"/>
  <string key="concept:name" value="Tandem step ledger"/>
`;

export const XES_FOOTER = '</log>\n';

const escape = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const attribute = (type: 'string' | 'int' | 'date', key: string, value: string | number): string => `<${type} key="${key}" value="${escape(String(value))}"/>`;

const activityName = (catalog: ElementCatalog, elementId: string): string => catalog.get(elementId)?.name ?? elementId;

/** The traces of one batch: one per case, its steps in ledger order. */
export const xesTraces = (cases: readonly EventLogCase[], steps: readonly StepEvent[], catalog: ElementCatalog): string => {
  const byCase = stepsByCase(steps);
  const out: string[] = [];
  for (const record of cases) {
    out.push('  <trace>');
    out.push(`    ${attribute('string', 'concept:name', record.instanceId)}`);
    out.push(`    ${attribute('string', 'processKey', record.processKey)}`);
    out.push(`    ${attribute('int', 'processVersion', record.version)}`);
    out.push(`    ${attribute('string', 'processVersionId', record.processVersionId)}`);
    if (record.businessKey !== null) out.push(`    ${attribute('string', 'businessKey', record.businessKey)}`);
    if (record.experimentId !== null) out.push(`    ${attribute('string', 'experiment', record.experimentId)}`);
    if (record.arm !== null) out.push(`    ${attribute('string', 'experimentArm', record.arm)}`);
    out.push(`    ${attribute('string', 'origin', record.origin)}`);
    const started = new Set<string>();
    for (const step of byCase.get(record.instanceId) ?? []) {
      const transition = transitionOf(step.type, started.has(step.activityInstanceId));
      if (step.type === 'started') started.add(step.activityInstanceId);
      if (transition === null) continue;
      out.push('    <event>');
      out.push(`      ${attribute('string', 'concept:name', activityName(catalog, step.elementId))}`);
      out.push(`      ${attribute('string', 'concept:instance', step.activityInstanceId)}`);
      out.push(`      ${attribute('string', 'elementId', step.elementId)}`);
      out.push(`      ${attribute('string', 'elementType', step.elementType)}`);
      out.push(`      ${attribute('string', 'lifecycle:transition', transition)}`);
      if (step.actor !== null) out.push(`      ${attribute('string', 'org:resource', step.actor)}`);
      if (step.laneId !== null) out.push(`      ${attribute('string', 'org:group', step.laneId)}`);
      out.push(`      ${attribute('date', 'time:timestamp', new Date(step.at).toISOString())}`);
      out.push('    </event>');
    }
    out.push('  </trace>');
  }
  return `${out.join('\n')}\n`;
};

export const CSV_COLUMNS = [
  'caseId',
  'processKey',
  'processVersion',
  'processVersionId',
  'businessKey',
  'experimentArm',
  'origin',
  'activityInstanceId',
  'elementId',
  'activity',
  'elementType',
  'step',
  'timestamp',
  'resource',
  'lane',
];

/** The CSV rows of one batch, one per step (the header goes first, once). */
export const csvRows = (cases: readonly EventLogCase[], steps: readonly StepEvent[], catalog: ElementCatalog, header: boolean): string => {
  const caseById = new Map(cases.map((record) => [record.instanceId, record]));
  const rows = steps.map((step) => {
    const record = caseById.get(step.instanceId)!;
    return [
      record.instanceId,
      record.processKey,
      record.version,
      record.processVersionId,
      record.businessKey ?? '',
      record.arm ?? '',
      record.origin,
      step.activityInstanceId,
      step.elementId,
      activityName(catalog, step.elementId),
      step.elementType,
      step.type,
      new Date(step.at).toISOString(),
      step.actor ?? '',
      step.laneId ?? '',
    ];
  });
  return writeCsv(rows, { header, columns: CSV_COLUMNS });
};

const stepsByCase = (steps: readonly StepEvent[]): Map<string, StepEvent[]> => {
  const byCase = new Map<string, StepEvent[]>();
  for (const step of steps) {
    const list = byCase.get(step.instanceId);
    if (list) list.push(step);
    else byCase.set(step.instanceId, [step]);
  }
  return byCase;
};
