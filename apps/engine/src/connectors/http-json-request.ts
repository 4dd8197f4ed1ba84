const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** Camunda's default for both the connection and the read timeout. */
const DEFAULT_TIMEOUT_SECONDS = 20;

/** One HTTP call, read from the job's variables as Camunda's REST connector reads them. */
export interface HttpJsonRequest {
  method: (typeof METHODS)[number];
  url: URL;
  headers: Record<string, string>;
  /** Text as it is; anything else as JSON. Absent: no body. */
  body?: unknown;
  connectionTimeoutMs: number;
  readTimeoutMs: number;
}

/** The job's input does not describe a call: the model must change, so retrying would not help. */
export class ConnectorInputError extends Error {}

/**
 * Reads `method`, `url`, `headers`, `queryParameters`, `body`, `authentication` (noAuth, basic,
 * bearer) and `connectionTimeoutInSeconds` / `readTimeoutInSeconds` from the job's variables (its
 * input mappings among them), secrets already resolved.
 */
export function readHttpJsonRequest(variables: Readonly<Record<string, unknown>>): HttpJsonRequest {
  const method = (textOf(variables.method, 'method') ?? 'GET').toUpperCase();
  if (!METHODS.includes(method as HttpJsonRequest['method'])) throw new ConnectorInputError(`The input 'method' is "${method}"; use one of ${METHODS.join(', ')}.`);
  const url = urlOf(variables.url);
  for (const [name, value] of Object.entries(recordOf(variables.queryParameters, 'queryParameters'))) {
    if (value !== null && value !== undefined) url.searchParams.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const headers = Object.fromEntries(
    Object.entries(recordOf(variables.headers, 'headers'))
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([name, value]) => [name.toLowerCase(), typeof value === 'string' ? value : String(value)]),
  );
  const authorization = authorizationOf(variables.authentication);
  if (authorization !== undefined) headers.authorization = authorization;
  const body = variables.body;
  const hasBody = body !== undefined && body !== null && body !== '' && method !== 'GET' && method !== 'HEAD';
  if (hasBody && typeof body !== 'string' && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  return {
    method: method as HttpJsonRequest['method'],
    url,
    headers,
    ...(hasBody && { body }),
    connectionTimeoutMs: secondsOf(variables.connectionTimeoutInSeconds, 'connectionTimeoutInSeconds') * 1000,
    readTimeoutMs: secondsOf(variables.readTimeoutInSeconds, 'readTimeoutInSeconds') * 1000,
  };
}

function urlOf(value: unknown): URL {
  const text = textOf(value, 'url');
  if (text === undefined || text.trim() === '') throw new ConnectorInputError("The input 'url' is missing: map the address to call to 'url'.");
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ConnectorInputError(`The input 'url' is not an absolute URL: "${text}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConnectorInputError(`The input 'url' must use http or https, not ${url.protocol.replace(':', '')}.`);
  return url;
}

function authorizationOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const authentication = recordOf(value, 'authentication');
  const type = textOf(authentication.type, 'authentication.type') ?? 'noAuth';
  if (type === 'noAuth') return undefined;
  if (type === 'basic') {
    const username = textOf(authentication.username, 'authentication.username') ?? '';
    const password = textOf(authentication.password, 'authentication.password') ?? '';
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }
  if (type === 'bearer') {
    const token = textOf(authentication.token, 'authentication.token');
    if (!token) throw new ConnectorInputError("The input 'authentication.token' is missing for bearer authentication.");
    return `Bearer ${token}`;
  }
  throw new ConnectorInputError(`The input 'authentication.type' is "${type}"; the built-in connector supports noAuth, basic and bearer (serve others with an external worker).`);
}

function secondsOf(value: unknown, name: string): number {
  if (value === undefined || value === null || value === '') return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new ConnectorInputError(`The input '${name}' must be a number of seconds above 0, not ${JSON.stringify(value)}.`);
  return seconds;
}

function textOf(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ConnectorInputError(`The input '${name}' must be text, not ${JSON.stringify(value)}.`);
}

function recordOf(value: unknown, name: string): Record<string, unknown> {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new ConnectorInputError(`The input '${name}' must be a context (FEEL {...}), not ${JSON.stringify(value)}.`);
}
