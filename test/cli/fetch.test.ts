import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { tempDir, tnlProcessAsync } from '../helpers/cli.js';
import { loadEdition } from '../../src/files/edition-files.js';
import { readExport } from '../../src/files/read-export.js';

const TOKEN = 'secret-token-Zx81';
type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** A local DS API that plays recorded answers in order and records the requests. */
function server(replies: Reply[]): Promise<{ url: string; requests: { auth: string | undefined; variables: Record<string, unknown> }[]; srv: Server }> {
  const requests: { auth: string | undefined; variables: Record<string, unknown> }[] = [];
  const srv = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { variables: Record<string, unknown> };
      requests.push({ auth: req.headers.authorization, variables: parsed.variables });
      const reply = replies.shift() ?? { status: 500 };
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, requests, srv })));
}

let current: Server | undefined;
afterEach(() => current?.close());

const recorded = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'ds-2024.json'), 'utf8')) as {
  data: { demarche: { dossiers: { nodes: unknown[] } } };
};
const allNodes = recorded.data.demarche.dossiers.nodes;
const page = (nodes: unknown[], next: string | null) => ({
  status: 200,
  body: {
    data: {
      demarche: {
        id: 'UHJvY2VkdXJlLTExODc=',
        number: 1187,
        title: 'Candidature',
        dossiers: { pageInfo: { hasNextPage: next !== null, endCursor: next ?? 'end' }, nodes },
      },
    },
  },
});
const run = (url: string, out: string, env: NodeJS.ProcessEnv = { DS_API_TOKEN: TOKEN }) =>
  tnlProcessAsync(['fetch', '--demarche', '1187', '--instance', url, '--out', out], { env: { TNL_FETCH_BACKOFF_MS: '5', ...env } });

describe('tnl fetch against a local DS API', () => {
  it('follows cursors, retries a 429 and a 500, and writes every dossier atomically', async () => {
    const s = await server([
      page(allNodes.slice(0, 10), 'c1'),
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 500 },
      page(allNodes.slice(10, 20), 'c2'),
      page(allNodes.slice(20), null),
    ]);
    current = s.srv;
    const out = join(tempDir(), 'dossiers.json');
    const r = await run(s.url, out);
    expect(r.stderr).toMatch(/27 dossiers de la démarche 1187 écrits/);
    expect(r.code).toBe(0);
    expect(s.requests.map((x) => x.variables.after)).toEqual([null, 'c1', 'c1', 'c1', 'c2']);
    expect(s.requests.every((x) => x.auth === `Bearer ${TOKEN}` && x.variables.first === 100 && x.variables.demarcheNumber === 1187)).toBe(true);
    const read = readExport(out, loadEdition(2024).edition.questionnaire);
    expect(read.all).toHaveLength(27);
    expect(read.dossiers).toHaveLength(24);
    expect(readFileSync(out, 'utf8')).not.toContain(TOKEN);
  });

  it('a refused token: a clear French error, exit 2, no file, no token printed', async () => {
    const s = await server([{ status: 401, body: { errors: [{ message: 'Unauthorized' }] } }]);
    current = s.srv;
    const out = join(tempDir(), 'dossiers.json');
    const r = await run(s.url, out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/jeton refusé par l’API \(variable DS_API_TOKEN\)/);
    expect(r.stderr + r.stdout).not.toContain(TOKEN);
    expect(existsSync(out)).toBe(false);
  });

  it('gives up after repeated 500s without writing anything', async () => {
    const s = await server([{ status: 500 }, { status: 502 }, { status: 503 }, { status: 500 }, { status: 500 }]);
    current = s.srv;
    const out = join(tempDir(), 'dossiers.json');
    const r = await run(s.url, out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/abandon après 5 tentatives : erreur du serveur \(500\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('an unknown démarche is said plainly', async () => {
    const s = await server([{ status: 200, body: { data: { demarche: null }, errors: [{ message: 'Demarche not found' }] } }]);
    current = s.srv;
    const r = await run(s.url, join(tempDir(), 'x.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/l’API a répondu par une erreur : Demarche not found/);
  });

  it('without DS_API_TOKEN: a usage error that says how to set it', async () => {
    const r = await run('http://127.0.0.1:9', join(tempDir(), 'x.json'), { DS_API_TOKEN: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/DS_API_TOKEN n’est pas définie/);
  });
});
