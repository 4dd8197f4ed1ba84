import { apiErrorOf } from './api-error.js';
import { authHeaders, signInNeeded } from './auth-headers.js';

/** The engine API, on the origin that served the app. */
const API_BASE = 'api';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as is with `contentType`, or as JSON when it is not a string. */
  body?: unknown;
  contentType?: string;
  /** Whether a 401 leads to the log-in page and one more try (not for the log-in itself). */
  signInOnUnauthorized?: boolean;
}

/** One request to the engine API; an error status throws an ApiError with the API's code and details. */
export const requestJson = async <T>(path: string, options: RequestOptions = {}): Promise<T> => {
  const response = await send(path, options);
  // 204 No Content (a DELETE) has no body to read.
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
};

const send = async (path: string, options: RequestOptions): Promise<Response> => {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
  let body: string | undefined;
  if (options.body !== undefined) {
    const isText = typeof options.body === 'string';
    body = isText ? (options.body as string) : JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? (isText ? 'text/plain' : 'application/json');
  }
  const response = await fetch(`${API_BASE}/${path}`, { method: options.method ?? 'GET', headers, body });
  if (response.status === 401 && options.signInOnUnauthorized !== false && (await signInNeeded())) {
    return send(path, { ...options, signInOnUnauthorized: false });
  }
  if (!response.ok) throw await apiErrorOf(response);
  return response;
};
