import type { ExperimentAction } from '#experiments';
import { apiErrorOf } from './api-error.js';
import { authHeaders } from './auth-headers.js';
import type { ExperimentAnalysis, ExperimentEvent, ExperimentState, ExperimentView, RunningMigration } from './experiments-types.js';
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

/** The experiment's state changes, as the API names them (the lib's transitions). */
export type { ExperimentAction };

/** Starts, pauses, resumes, stops or promotes (with `winnerArmId`) the experiment; the answer is the experiment afterwards. */
export const actOnExperiment = (id: string, action: ExperimentAction, body: { reason?: string; winnerArmId?: string } = {}): Promise<ExperimentView> =>
  requestJson<ExperimentView>(experimentPath(id, `/${action}`), { method: 'POST', body });

/** Pauses (its new cases go to the baseline) or resumes one candidate arm. */
export const setArmPaused = (id: string, armId: string, paused: boolean, reason?: string): Promise<ExperimentView> =>
  requestJson<ExperimentView>(experimentPath(id, `/arms/${encodeURIComponent(armId)}/${paused ? 'pause' : 'resume'}`), { method: 'POST', body: reason ? { reason } : {} });

/** After a promote: checks (dry run) or moves the losing arms' running cases to the winner's version. */
export const migrateRunning = (id: string, body: { dryRun: boolean; reason?: string }): Promise<RunningMigration> =>
  requestJson<RunningMigration>(experimentPath(id, '/migrate-running'), { method: 'POST', body });

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
