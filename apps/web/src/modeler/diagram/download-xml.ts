/** Offers XML as a file download. */
export const downloadXml = (xml: string, fileName: string): void => {
  const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
};

/** A file name from the process key (or id) that is safe on every system. */
export const bpmnFileName = (name: string): string => `${name.replace(/[^\w.-]+/g, '-') || 'diagram'}.bpmn`;
