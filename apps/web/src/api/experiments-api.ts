import { apiErrorOf } from './api-error.js';
import { authHeaders } from './auth-headers.js';
import type { ExperimentAnalysis, ExperimentEvent, ExperimentState, ExperimentView } from './experiments-types.js';
import { requestJson } from './http-client.js';

/* The experiments API as the dashboard calls it; the shapes it answers are in experiments-types.ts. */

export type VerdictFormat = 'json' | 'csv';

const experimentPath = (id: string, rest = ''): string => `experiments/${encodeURIComponent(id)}${rest}`;

export const listExperiments = (filter: { processKey?: string; state?: ExperimentState } = {}): Promise<ExperimentView[]> => {
  const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const text = query.toString();
  return requestJson<ExperimentView[]>(`experiments${text ? `?${text}` : ''}`);
};

export const getExperiment = (id: string): Promise<ExperimentView> => requestJson<ExperimentView>(experimentPath(id));
export const getExperimentEvents = (id: string): Promise<ExperimentEvent[]> => requestJson<ExperimentEvent[]>(experimentPath(id, '/events'));
export const getExperimentAnalysis = (id: string): Promise<ExperimentAnalysis> => requestJson<ExperimentAnalysis>(experimentPath(id, '/analysis'));

/** The file name a Content-Disposition header gives, if any. */
export const attachmentName = (disposition: string | null): string | undefined => disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i)?.[1];

/** The reproducible verdict report as the API offers it for download (it wants the session's token, so a plain link cannot fetch it). */
export const fetchVerdictReport = async (id: string, format: VerdictFormat): Promise<{ text: string; fileName: string; type: string }> => {
  const type = format === 'json' ? 'application/json' : 'text/csv';
  const response = await fetch(`api/${experimentPath(id, `/verdict?format=${format}`)}`, { headers: { accept: type, ...authHeaders() } });
  if (!response.ok) throw await apiErrorOf(response);
  const fileName = attachmentName(response.headers.get('content-disposition')) ?? `experiment-${id}-verdict.${format}`;
  return { text: await response.text(), fileName, type };
};
