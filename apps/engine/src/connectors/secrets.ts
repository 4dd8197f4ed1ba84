/** Camunda 8's secret placeholder, `{{secrets.NAME}}`, anywhere in a text. */
const PLACEHOLDER = /\{\{\s*secrets\.([A-Za-z0-9_.-]+)\s*\}\}/g;

/** What replaces a secret's value wherever it could reach an answer, a log line or a variable. */
export const REDACTED = '***';

/** The secret names the texts inside a value (strings, lists and objects, deeply) name, each once. */
export function secretNamesIn(value: unknown): string[] {
  const names = new Set<string>();
  visitTexts(value, (text) => {
    for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1]!);
  });
  return [...names];
}

/** A placeholder names a secret that is not configured: the job cannot run until an admin adds it. */
export class MissingSecretError extends Error {
  constructor(readonly secretName: string) {
    super(`The connector's input names secret '${secretName}', which is not configured: add it to TANDEM_SECRETS, then retry the incident.`);
  }
}

/**
 * The value with every placeholder replaced by its secret, for the request alone: the result is
 * never stored. Throws MissingSecretError naming the first unknown secret.
 */
export function resolveSecrets<T>(value: T, secrets: Readonly<Record<string, string>>): T {
  return mapTexts(value, (text) =>
    text.replace(PLACEHOLDER, (_placeholder, name: string) => {
      if (!Object.hasOwn(secrets, name)) throw new MissingSecretError(name);
      return secrets[name]!;
    }),
  ) as T;
}

/** The value with every occurrence of the secrets' values masked: for what is answered or stored after a call. */
export function redactSecrets<T>(value: T, secretValues: readonly string[]): T {
  const values = secretValues.filter((secret) => secret !== '');
  if (values.length === 0) return value;
  return mapTexts(value, (text) => values.reduce((masked, secret) => masked.split(secret).join(REDACTED), text)) as T;
}

function visitTexts(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) visitTexts(item, visit);
  else if (isPlainObject(value)) for (const item of Object.values(value)) visitTexts(item, visit);
}

function mapTexts(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapTexts(item, map));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapTexts(item, map)]));
  return value;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
