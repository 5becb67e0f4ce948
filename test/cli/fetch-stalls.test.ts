/**
 * Hardening, third round (1): a silent peer is noticed within seconds. A server that accepts and
 * never answers, a body that stops half-way, a trickle, a TLS handshake that never ends: each is
 * said on stderr with the instance's address and the option that sets its delay, retried, and ends
 * the command long before the overall --timeout; nothing is written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tnl, tnlProcessAsync } from '../helpers/cli.js';
import { httpClient } from '../../src/files/http-client.js';

const recorded = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'ds-2024.json'), 'utf8')) as {
  data: { demarche: { dossiers: { nodes: unknown[] } } };
};
const nodes = recorded.data.demarche.dossiers.nodes;
const pageBody = (slice: unknown[], next: string | null) =>
  JSON.stringify({
    data: {
      demarche: {
        id: 'UHJvY2VkdXJlLTExODc=',
        number: 1187,
        title: 'Candidature',
        dossiers: { pageInfo: { hasNextPage: next !== null, endCursor: next ?? 'fin' }, nodes: slice },
      },
    },
  });

let servers: (Server | TcpServer)[] = [];
const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const s of servers) {
    if ('closeAllConnections' in s) s.closeAllConnections();
    s.close();
  }
  servers = [];
});

/** A local instance whose n-th request (from 0) is answered by `handlers[n]` (the last one repeats). */
function instance(handlers: ((res: import('node:http').ServerResponse) => void)[]): Promise<{ url: string; requests: () => number }> {
  let n = 0;
  const srv = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => handlers[Math.min(n++, handlers.length - 1)]!(res));
  });
  servers.push(srv);
  return new Promise((resolve) =>
    srv.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, requests: () => n })),
  );
}

const silent = () => undefined;
const headersThenNothing = (res: import('node:http').ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"data":');
};
const trickle = (res: import('node:http').ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const t = setInterval(() => res.write(' '), 250);
  res.on('close', () => clearInterval(t));
};
const answer = (body: string) => (res: import('node:http').ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
};

const fetchArgs = (url: string, out: string, extra: string[]) => ['fetch', '--demarche', '1187', '--instance', url, '--out', out, ...extra];
const env = { DS_API_TOKEN: 'jeton-secret-42', TNL_FETCH_BACKOFF_MS: '5' };

describe('tnl fetch: a silent peer is noticed within seconds', () => {
  it.each([
    ['accepts the request and never answers', silent, /n’a rien envoyé pendant 0,5 s \(page 1 ; délai réglable par --idle-timeout/],
    ['sends its headers, then nothing', headersThenNothing, /n’a rien envoyé pendant 0,5 s \(page 1 ; délai réglable par --idle-timeout/],
  ])('a server that %s: said at once, retried, then given up long before --timeout', async (_, handler, message) => {
    const s = await instance([handler]);
    const out = join(tempDir(), 'd.json');
    const started = Date.now();
    const r = await tnlProcessAsync(fetchArgs(s.url, out, ['--idle-timeout', '0.5', '--attempts', '3', '--timeout', '600']), { env });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`l’instance ${s.url}`);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/nouvelle tentative \(2 sur 3\)/);
    expect(r.stderr).toMatch(/nouvelle tentative \(3 sur 3\)/);
    expect(r.stderr).toMatch(/abandon après 3 tentatives/);
    expect(s.requests()).toBe(3);
    expect(r.stderr).not.toContain('jeton-secret-42');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('a body that trickles below the low-speed limit: stopped after --low-speed-time, not at the deadline', async () => {
    const s = await instance([trickle]);
    const out = join(tempDir(), 'd.json');
    const started = Date.now();
    const r = await tnlProcessAsync(
      fetchArgs(s.url, out, ['--low-speed-limit', '50', '--low-speed-time', '1', '--idle-timeout', '30', '--attempts', '2', '--timeout', '600']),
      { env },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /l’instance http:\/\/127\.0\.0\.1:\d+ envoie moins de 50 octets par seconde depuis 1 s \(page 1 ; seuils réglables par --low-speed-limit et --low-speed-time\)/,
    );
    expect(r.stderr).toMatch(/abandon après 2 tentatives/);
    expect(existsSync(out)).toBe(false);
  });

  it('a stall on one page, then the instance recovers: the notice, then every page, the file written', async () => {
    const s = await instance([
      answer(pageBody(nodes.slice(0, 10), 'c1')),
      silent,
      answer(pageBody(nodes.slice(10, 20), 'c2')),
      answer(pageBody(nodes.slice(20), null)),
    ]);
    const out = join(tempDir(), 'd.json');
    const r = await tnlProcessAsync(fetchArgs(s.url, out, ['--idle-timeout', '0.5']), { env });
    expect(r.code).toBe(0);
    // Off a terminal, one line per page: progress a CI log shows too.
    expect(r.stderr).toMatch(
      /page 1 reçue : 10 dossiers jusqu’ici\n.*n’a rien envoyé pendant 0,5 s \(page 2 ; .*: nouvelle tentative \(2 sur 5\)\npage 2 reçue : 20 dossiers jusqu’ici\npage 3 reçue : 27 dossiers jusqu’ici\n27 dossiers de la démarche 1187 écrits/,
    );
    expect((JSON.parse(readFileSync(out, 'utf8')) as typeof recorded).data.demarche.dossiers.nodes).toHaveLength(27);
  });

  it('--quiet: no progress and no notice, the result and the errors only', async () => {
    const s = await instance([silent, answer(pageBody(nodes, null))]);
    const out = join(tempDir(), 'd.json');
    const r = await tnlProcessAsync(fetchArgs(s.url, out, ['--idle-timeout', '0.5', '--quiet']), { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('27 dossiers de la démarche 1187 écrits dans ' + out + '\n');
  });

  it('a TLS handshake that never ends: --connect-timeout, with the instance named', async () => {
    // A TCP server that accepts and never speaks: TCP connects, TLS never does.
    const srv = createTcpServer((socket) => sockets.push(socket));
    servers.push(srv);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const url = `https://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    const out = join(tempDir(), 'd.json');
    const started = Date.now();
    const r = await tnlProcessAsync(fetchArgs(url, out, ['--connect-timeout', '0.5', '--attempts', '2']), { env });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`instance ${url} injoignable (connexion non établie dans le délai de --connect-timeout) : nouvelle tentative (2 sur 2)`);
    expect(r.stderr).toMatch(/abandon après 2 tentatives : instance https:\/\/127\.0\.0\.1:\d+ injoignable \(connexion non établie/);
    expect(existsSync(out)).toBe(false);
  });

  it('the client: a connection that never completes fails with its own code, a live one answers', async () => {
    const srv = createTcpServer((socket) => sockets.push(socket));
    servers.push(srv);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as AddressInfo).port;
    const client = httpClient({ connectTimeoutMs: 300 });
    const error = await client(`https://127.0.0.1:${port}/`, { method: 'POST', body: '{}' }).catch((e: Error & { cause?: { code?: string } }) => e);
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe('TNL_CONNECT_TIMEOUT');
    const s = await instance([answer('{"ok":true}')]);
    const res = await client(`${s.url}/x`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it.each([
    ['--idle-timeout', '0'],
    ['--idle-timeout', 'trente'],
    ['--connect-timeout', '-1'],
    ['--low-speed-time', '5 min'],
    ['--low-speed-limit', '1,5'],
    ['--attempts', '0'],
    ['--attempts', '50'],
  ])('%s %j: a usage error, exit 2, nothing sent', async (option, value) => {
    const r = await tnl(fetchArgs('http://127.0.0.1:9', join(tempDir(), 'd.json'), [option, value]), { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${option} attend un nombre`));
  });
});
