import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_ERRORS } from './app-errors.js';
import { requestRefusal } from './request-refusal.js';

/**
 * How deep a JSON body may nest objects and arrays. Validation and copying walk a body
 * recursively, so a body nested thousands of levels deep (a few kilobytes) would overflow the
 * stack; no request of this API needs more than a few levels, variables included.
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether the JSON text nests objects and arrays deeper than the limit (brackets inside strings do not count). */
export function jsonNestsDeeperThan(text: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let at = 0; at < text.length; at += 1) {
    const byte = text[at];
    if (inString) {
      if (byte === BACKSLASH) at += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth += 1;
      if (depth > limit) return true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth -= 1;
  }
  return false;
}

/**
 * The JSON body parser's `verify` hook: refuses a body nested deeper than MAX_JSON_DEPTH before it
 * is parsed, with 400 BODY_TOO_DEEP.
 */
export const refuseDeepJson = (_request: IncomingMessage, _response: ServerResponse, body: Buffer): void => {
  if (!jsonNestsDeeperThan(body, MAX_JSON_DEPTH)) return;
  throw requestRefusal(APP_ERRORS.bodyTooDeep, `The JSON body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep.`, { limit: MAX_JSON_DEPTH });
};

/**
 * Keys a JSON body may not have. The request pipeline (class-transformer) drops them silently, as
 * it must (assigning `__proto__` changes an object's prototype), so a variable of that name would
 * vanish without a word; refusing it says so instead.
 */
export const FORBIDDEN_JSON_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The JSON body parser's `reviver`: refuses a forbidden key anywhere in the body, and text with the
 * NUL character, which PostgreSQL text and jsonb cannot hold. The body parser answers 400
 * BODY_MALFORMED with this message.
 */
export function refuseUnstorableEntries(this: unknown, key: string, value: unknown): unknown {
  if (FORBIDDEN_JSON_KEYS.has(key)) {
    throw new SyntaxError(
      `The JSON body has an entry named "${key}"; the names ${[...FORBIDDEN_JSON_KEYS].map((name) => `"${name}"`).join(', ')} are not accepted anywhere in a body.`,
    );
  }
  if (key.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000'))) {
    throw new SyntaxError(`The JSON body's entry "${key.replaceAll('\u0000', '\\u0000')}" holds the NUL character (\\u0000), which no text the engine stores can hold.`);
  }
  return value;
}
