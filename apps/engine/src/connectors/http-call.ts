import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { HttpJsonRequest } from './http-json-request.js';
import type { TargetHostPolicy } from './target-hosts.js';

/** What Camunda's REST connector hands to its result mapping. */
export interface HttpJsonResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the answer is JSON, else the text; null when empty. */
  body: unknown;
}

/** Larger answers are refused rather than held in memory and written to the instance's variables. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** The call did not get an answer (refused, unreachable, timed out, too large). */
export class NetworkError extends Error {}

/**
 * Sends the request and reads the whole answer. Redirects are not followed (a 3xx is an answer like
 * any other), so a target cannot send the connector somewhere the policy would refuse.
 */
export async function callHttp(request: HttpJsonRequest, policy: TargetHostPolicy, signal?: AbortSignal): Promise<HttpJsonResponse> {
  policy.checkUrl(request.url);
  // An address written in the URL is connected to without any lookup, so it is judged here.
  const literal = request.url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(literal) !== 0) policy.checkAddress(request.url.hostname, literal);
  const payload = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  const send = request.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      request.url,
      {
        method: request.method,
        headers: { ...request.headers, ...(payload !== undefined && { 'content-length': String(Buffer.byteLength(payload)) }) },
        lookup: guardedLookup(policy),
        timeout: request.connectionTimeoutMs,
        ...(signal && { signal }),
      },
      (incoming) => {
        // Connected and answering: from here the read timeout applies.
        outgoing.setTimeout(request.readTimeoutMs);
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            outgoing.destroy(new NetworkError(`the answer is larger than ${MAX_RESPONSE_BYTES} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        incoming.on('error', reject);
        incoming.on('end', () => {
          resolve({
            status: incoming.statusCode ?? 0,
            headers: headersOf(incoming.headers),
            body: bodyOf(Buffer.concat(chunks).toString('utf8'), incoming.headers['content-type']),
          });
        });
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new NetworkError(`no answer within ${Math.round(request.connectionTimeoutMs / 1000)} s (connectionTimeoutInSeconds / readTimeoutInSeconds)`)),
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** DNS resolution that refuses, per the policy, the addresses the connection would use. */
function guardedLookup(policy: TargetHostPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, options as LookupOptions, (error, address: string | LookupAddress[], family?: number) => {
      if (error) return callback(error, '', 0);
      try {
        for (const candidate of Array.isArray(address) ? address : [{ address, family: family ?? 4 }]) policy.checkAddress(hostname, candidate.address);
      } catch (blocked) {
        return callback(blocked as NodeJS.ErrnoException, '', 0);
      }
      (callback as (error: null, address: string | LookupAddress[], family?: number) => void)(null, address, family);
    });
  };
}

function headersOf(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])));
}

function bodyOf(text: string, contentType: string | undefined): unknown {
  if (text === '') return null;
  if (contentType === undefined || /json/i.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
