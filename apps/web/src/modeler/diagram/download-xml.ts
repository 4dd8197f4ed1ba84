import { downloadFile } from '../../ui/download-file.js';

/** Offers XML as a file download. */
export const downloadXml = (xml: string, fileName: string): void => downloadFile(xml, 'application/xml', fileName);

/** A file name from the process key (or id) that is safe on every system. */
export const bpmnFileName = (name: string): string => `${name.replace(/[^\w.-]+/g, '-') || 'diagram'}.bpmn`;
