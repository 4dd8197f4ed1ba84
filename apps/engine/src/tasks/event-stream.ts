import type { Request, Response } from 'express';
import type { TaskEventSink } from './task-events.service.js';

/** A comment line now and then keeps proxies and idle timeouts from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;
/** How long an EventSource waits before it reconnects by itself after a dropped stream. */
const RETRY_MS = 2_000;
/**
 * A stream ends after this long, so the browser opens the next one with a new ticket: a session
 * ended meanwhile (signed out elsewhere, disabled, roles changed) stops hearing within this bound.
 */
const MAX_STREAM_MS = 10 * 60_000;

/** Starts a Server-Sent Events answer; `onClosed` runs once when the browser leaves or the stream is ended. */
export const openEventStream = (request: Request, response: Response, onClosed: () => void): TaskEventSink => {
  response.status(200);
  response.setHeader('content-type', 'text/event-stream; charset=utf-8');
  response.setHeader('cache-control', 'no-cache, no-transform');
  response.setHeader('x-accel-buffering', 'no');
  response.flushHeaders();
  response.write(`retry: ${RETRY_MS}\n\n`);
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const lifetime = setTimeout(() => end(), MAX_STREAM_MS);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    onClosed();
  };
  const end = () => {
    close();
    response.end();
  };
  request.on('close', close);
  return {
    send: (event, data) => {
      if (!closed) response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end,
  };
};
