import http from 'node:http';

// node:http with a keep-alive agent costs the driver less CPU than fetch; the driver shares the machine with the engines.
// Idle sockets are dropped after 2 s, well before the server's keep-alive timeout (Node's 5 s): a request
// sent on a socket the server is closing at that moment fails with ECONNRESET.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 2000 });

/** One JSON request; answers the status and the body text (network errors reject, with `reusedSocket`). */
export function send(url: string, method: string, credentials: Record<string, string>, body?: unknown): Promise<{ status: number; text: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolveResponse, reject) => {
    const request = http.request(
      url,
      {
        method,
        agent,
        headers: { ...credentials, ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolveResponse({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    // reusedSocket: the request went out on a kept-alive socket, so an ECONNRESET may mean the server
    // closed it as idle before reading the request (Node's documented case for a retry).
    request.on('error', (error) => reject(Object.assign(error, { reusedSocket: request.reusedSocket })));
    request.end(payload);
  });
}
