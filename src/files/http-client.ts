/**
 * The network side of the shell: `fetch` over node:http and node:https, with what Node's own fetch
 * does not let a caller set, a deadline for establishing the connection (TCP and TLS), as curl's
 * --connect-timeout. The answer is a standard Response, so that src/ingest/ds-api.ts reads it as
 * it reads any fetch's; stalls inside the answer are its watchdog's business.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';

export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

export interface HttpClientOptions {
  connectTimeoutMs: number;
  /** The socket to use instead of a new connection (tests: a peer that never completes the handshake). */
  createConnection?: () => Socket;
}

/** A fetch whose connection must be established within `connectTimeoutMs`, else fails with code TNL_CONNECT_TIMEOUT. */
export function httpClient(opts: HttpClientOptions): typeof fetch {
  return ((input: string | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => (headers[name] = value));
      const req = request(url, {
        method: init.method ?? 'GET',
        headers,
        ...(init.signal ? { signal: init.signal } : {}),
        ...(opts.createConnection ? { createConnection: opts.createConnection, agent: false } : {}),
      });
      const timer = setTimeout(() => {
        req.destroy(Object.assign(new Error('connect timeout'), { code: 'TNL_CONNECT_TIMEOUT' }));
      }, opts.connectTimeoutMs);
      timer.unref();
      req.on('socket', (socket: Socket) => {
        const connected = () => clearTimeout(timer);
        // A kept-alive socket is already connected; a new one says so once TCP (and TLS) are up.
        if (req.reusedSocket || (!socket.connecting && url.protocol === 'http:')) connected();
        else socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
      });
      req.on('response', (res: IncomingMessage) => {
        clearTimeout(timer);
        const responseHeaders = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        const status = res.statusCode ?? 0;
        const empty = status === 204 || status === 304 || init.method === 'HEAD';
        try {
          resolve(new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, headers: responseHeaders }));
        } catch (e) {
          res.destroy();
          reject(new TypeError(`réponse HTTP invalide (statut ${status})`, { cause: e }));
        }
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new TypeError('fetch failed', { cause: e }));
      });
      const body = init.body;
      req.end(typeof body === 'string' || body instanceof Uint8Array ? body : undefined);
    })) as typeof fetch;
}
