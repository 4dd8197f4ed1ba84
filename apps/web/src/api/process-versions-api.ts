import type {
  DeploymentPreviewView as DeploymentPreview,
  DeployedVersionView as DeployedVersion,
  DeploymentView as Deployment,
  ProcessVersionDetailView as ProcessVersionDetail,
  ProcessVersionDiffView as ProcessVersionDiff,
  ProcessVersionView as ProcessVersion,
} from '#api-types';
import type { Problem } from '#bpmn';
import { formatDateTime } from '../ui/dom.js';
import { requestJson } from './http-client.js';

/** The engine's answers (libs/api-types): a change there the pages do not follow fails `typecheck:web`. */
export type { DeployedVersion, Deployment, DeploymentPreview, ProcessVersion, ProcessVersionDetail, ProcessVersionDiff };

/** "deployed <when> by <who>", as every page names a version's deployment. */
export const deploymentOf = (version: ProcessVersion): string =>
  `deployed ${formatDateTime(version.deployedAt)} ${version.deployedBy === null ? 'at start-up' : `by ${version.deployedBy}`}`;

export const listProcessVersions = (): Promise<ProcessVersion[]> => requestJson<ProcessVersion[]>('process-versions');

export const getProcessVersion = (id: string): Promise<ProcessVersionDetail> => requestJson<ProcessVersionDetail>(`process-versions/${encodeURIComponent(id)}`);

export const deployXml = (xml: string, tag?: string): Promise<Deployment> =>
  requestJson<Deployment>(`deployments${tag ? `?tag=${encodeURIComponent(tag)}` : ''}`, { method: 'POST', body: xml, contentType: 'application/xml' });

/** What deploying the XML would change (POST /api/deployments/preview); nothing is stored. An invalid model is refused as a deployment would be (422). */
export const previewDeployment = (xml: string): Promise<DeploymentPreview> =>
  requestJson<DeploymentPreview>('deployments/preview', { method: 'POST', body: xml, contentType: 'application/xml' });

/** Sets (or with null clears) a version's tag (PATCH /api/process-versions/{id}). */
export const setProcessVersionTag = (id: string, tag: string | null): Promise<ProcessVersion> =>
  requestJson<ProcessVersion>(`process-versions/${encodeURIComponent(id)}`, { method: 'PATCH', body: { tag } });

/** The problems a refused deployment (422) lists in `details.problems`. */
export const problemsOf = (details: Record<string, unknown> | undefined): Problem[] => (Array.isArray(details?.problems) ? (details.problems as Problem[]) : []);

export const getProcessVersionDiff = (beforeId: string, afterId: string): Promise<ProcessVersionDiff> =>
  requestJson<ProcessVersionDiff>(`process-versions/${encodeURIComponent(beforeId)}/diff/${encodeURIComponent(afterId)}`);
