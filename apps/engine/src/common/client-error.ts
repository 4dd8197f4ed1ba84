import type { Duplex } from 'node:stream';
import { APP_ERRORS } from './app-errors.js';

/** Nest's HttpStatus has no 431, which only Node's own refusal answers. */
export const REQUEST_HEADER_FIELDS_TOO_LARGE = 431;

/**
 * Node refuses a request it cannot parse (headers past its 16 KB limit, a broken request line)
 * before Express sees it. Its own answer is a bare 431/400 followed by destroying the socket,
 * which can reset the connection before the client has read the answer; this one has the API's
 * error shape and closes the connection gracefully after the answer.
 */
export const answerUnparsableRequest = (error: Error & { code?: string }, socket: Duplex): void => {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const [status, reason] = tooLarge ? [REQUEST_HEADER_FIELDS_TOO_LARGE, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
  const body = JSON.stringify({
    statusCode: status,
    code: tooLarge ? APP_ERRORS.headersTooLarge : APP_ERRORS.requestMalformed,
    message: tooLarge
      ? 'The request line and headers are longer than 16 KB: send long filters in a body, or fewer of them'
      : `Not an HTTP request this server can read: ${error.message}`,
  });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
};
