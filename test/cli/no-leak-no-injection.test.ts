/**
 * Hardening, second round (3, 4, 7): the download is bounded (loops, sizes, time), no option
 * injection, no credential printed, redirects said, interruptions leave nothing, and every CSV cell
 * tnl writes is safe in a spreadsheet.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { fetchDemarche } from '../../src/ingest/ds-api.js';
import { csvSafe } from '../../src/util/escape.js';
import { bin, copyEditions, root, tempDir, tnl, tnlProcessAsync } from '../helpers/cli.js';
import { browserPath } from '../helpers/browser.js';
import { tempFile } from '../helpers/edition.js';

const page = (cursor: string | null, nodes: unknown[] = [{ number: 1 }]) =>
  JSON.stringify({
    data: { demarche: { id: 'x', number: 1, title: 't', dossiers: { pageInfo: { hasNextPage: cursor !== null, endCursor: cursor ?? 'fin' }, nodes } } },
  });
const reply = (body: string, init: ResponseInit = {}) => new Response(body, { status: 200, headers: { 'content-type': 'application/json' }, ...init });
const base = { instance: 'https://ds.example.org', demarche: 1, token: 'tok', backoffMs: 1, sleep: async () => undefined };

describe('tnl fetch is bounded', () => {
  it('a server that repeats its endCursor: stopped at the second time, not after hundreds of requests', async () => {
    let calls = 0;
    const run = fetchDemarche({ ...base, fetchImpl: (async () => (calls++, reply(page('meme')))) as typeof fetch });
    await expect(run).rejects.toThrow(/curseur déjà suivi/);
    expect(calls).toBe(2);
  });

  it('an answer larger than the page limit is cut, whether announced or not', async () => {
    const big = `{"data":"${'x'.repeat(5000)}"}`;
    await expect(fetchDemarche({ ...base, maxPageBytes: 1000, fetchImpl: (async () => reply(big)) as typeof fetch })).rejects.toThrow(
      /réponse de l’API trop grosse/,
    );
    const stream = new ReadableStream({
      pull(c) {
        c.enqueue(new TextEncoder().encode('x'.repeat(600)));
      },
    });
    await expect(
      fetchDemarche({ ...base, maxPageBytes: 1000, fetchImpl: (async () => new Response(stream, { status: 200 })) as typeof fetch }),
    ).rejects.toThrow(/plus de 0 Mo|trop grosse/);
  });

  let server: Server | undefined;
  afterEach(async () => server?.close());

  it('a server that trickles forever: one overall deadline, a French message', async () => {
    server = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const t = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(t));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const started = Date.now();
    await expect(fetchDemarche({ ...base, instance: url, deadlineMs: 800 })).rejects.toThrow(
      /délai dépassé : le téléchargement n’a pas fini en 1 s \(option --timeout/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    server.closeAllConnections();
  });

  it('the CLI: --timeout, a French message, exit 2, no file', async () => {
    server = createServer(() => undefined);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const out = join(tempDir(), 'd.json');
    const r = await tnlProcessAsync(
      ['fetch', '--demarche', '1', '--instance', `http://127.0.0.1:${(server.address() as AddressInfo).port}`, '--out', out, '--timeout', '1'],
      { env: { DS_API_TOKEN: 'tok' } },
    );
    server.closeAllConnections();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/délai dépassé/);
    expect(existsSync(out)).toBe(false);
  });

  it('a redirect to another host is said and not followed; the token is never sent there', async () => {
    const seen: string[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      seen.push(`${url} ${new Headers(init.headers).get('authorization') ?? ''}`);
      return new Response('', { status: 302, headers: { location: 'https://ailleurs.example.net/api/v2/graphql' } });
    }) as unknown as typeof fetch;
    await expect(fetchDemarche({ ...base, fetchImpl })).rejects.toThrow(
      /l’instance redirige vers https:\/\/ailleurs\.example\.net : tnl n’y envoie pas le jeton/,
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^https:\/\/ds\.example\.org/);
  });

  it('a redirect within the instance is followed with the token', async () => {
    const seen: string[] = [];
    const fetchImpl = (async (url: string) => {
      seen.push(url);
      return seen.length === 1 ? new Response('', { status: 308, headers: { location: '/graphql-v2' } }) : reply(page(null));
    }) as unknown as typeof fetch;
    const out = await fetchDemarche({ ...base, fetchImpl });
    expect(out.data.demarche.dossiers.nodes).toHaveLength(1);
    expect(seen[1]).toBe('https://ds.example.org/graphql-v2');
  });
});

describe('tnl fetch never prints a secret', () => {
  it('credentials in --instance are refused without being printed', async () => {
    const r = await tnl(['fetch', '--demarche', '1', '--instance', 'http://agent:MotDePasse42@127.0.0.1:9', '--out', join(tempDir(), 'x.json')], {
      env: { DS_API_TOKEN: 'tok' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/contient un identifiant ou un mot de passe/);
    expect(r.stderr).not.toMatch(/MotDePasse42|agent/);
    const bad = await tnl(['fetch', '--demarche', '1', '--instance', 'http://agent:MotDePasse42@[::', '--out', join(tempDir(), 'x.json')], {
      env: { DS_API_TOKEN: 'tok' },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(/MotDePasse42/);
  });

  it('a token with a newline inside: a clear message, the token not printed', async () => {
    const r = await tnl(['fetch', '--demarche', '1', '--out', join(tempDir(), 'x.json')], { env: { DS_API_TOKEN: 'abc\ndefSecret' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/le jeton DS_API_TOKEN contient un retour à la ligne/);
    expect(r.stderr).not.toMatch(/defSecret/);
  });
});

describe('tnl rubric diff --from-rev', () => {
  it.each([['--output=PWNED'], ['-p'], ['HEAD\nx']])('a revision %j that git would read as an option is refused; git writes nothing', async (rev) => {
    const repo = copyEditions();
    execFileSync('git', ['init', '-q'], { cwd: repo });
    const r = await tnl(['rubric', 'diff', join(root, 'fixtures', 'ds-2024.json'), `--from-rev=${rev}`, '--to', join(repo, 'rubrics', '2024.yaml')], {
      cwd: repo,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/révision git invalide/);
    expect(readdirSync(repo).sort()).toEqual(['.git', 'questionnaires', 'rubrics']);
  });
});

describe('CSV cells are never formulas', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['-2+3', `'-2+3`],
    ['+33 1 23', `'+33 1 23`],
    ['\t=2+5', `'\t=2+5`],
    [' =1+1', `' =1+1`],
    ['\r=1', `'\r=1`],
    ['＝1+1', `'＝1+1`],
    ['＋1', `'＋1`],
    ['－1', `'－1`],
    ['＠A1', `'＠A1`],
    ['-5', `'-5`],
    ['+5', `'+5`],
    ['-12,5', `'-12,5`],
    [' -1', `' -1`],
    ['－5', `'－5`],
    ['12,5', '12,5'],
    ['2A004', '2A004'],
    ['33063', '33063'],
    ['Ville de Lyon', 'Ville de Lyon'],
    ['', ''],
  ])('%j → %j', async (input, output) => expect(csvSafe(input)).toBe(output));
  it('numbers stay numbers', async () => {
    expect(csvSafe(-3)).toBe(-3);
    expect(csvSafe(12.5)).toBe(12.5);
  });

  it('scores CSV from a JSON export whose texts are formulas: every text cell is neutralised', async () => {
    const api = JSON.parse(readFileSync(join(root, 'fixtures', 'ds-2024.json'), 'utf8')) as {
      data: { demarche: { dossiers: { nodes: { champs: { label: string; stringValue: string | null }[] }[] } } };
    };
    const node = api.data.demarche.dossiers.nodes[0]!;
    for (const c of node.champs) if (c.label === 'Nom de la collectivité') c.stringValue = '=HYPERLINK("http://x","clic")';
    const out = join(tempDir(), 'notes.csv');
    const r = await tnl(['score', tempFile('export.json', JSON.stringify(api)), '--edition', '2024', '--format', 'csv', '--out', out, '--state', 'tous']);
    expect(r.code).toBeLessThan(2);
    const rows = parse(readFileSync(out, 'utf8').replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][];
    const risky = rows.flat().filter((cell) => /^\s*[=+@＝＋＠－]/.test(cell) || /^-[^\d]/.test(cell) || /^-\d+[^\d.,]/.test(cell));
    expect(risky).toEqual([]);
    expect(rows.flat()).toContain(`'=HYPERLINK("http://x","clic")`);
  });

  it('text columns whose values look like signed numbers are neutralised; the numbers tnl computes stay numbers', async () => {
    const api = JSON.parse(readFileSync(join(root, 'fixtures', 'ds-2024.json'), 'utf8')) as {
      data: { demarche: { dossiers: { nodes: { number: number; champs: { label: string; stringValue: string | null }[] }[] } } };
    };
    const node = api.data.demarche.dossiers.nodes[0]!;
    for (const c of node.champs) if (c.label === 'Nom de la collectivité') c.stringValue = '-1+1';
    const second = api.data.demarche.dossiers.nodes[1]!;
    for (const c of second.champs) if (c.label === 'Nom de la collectivité') c.stringValue = '+33 6 12 34 56 78';
    const out = join(tempDir(), 'notes.csv');
    const r = await tnl(['score', tempFile('export.json', JSON.stringify(api)), '--edition', '2024', '--format', 'csv', '--out', out, '--state', 'tous']);
    expect(r.code).toBeLessThan(2);
    const [header, ...rows] = parse(readFileSync(out, 'utf8').replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][];
    const column = (name: string) => rows.map((row) => row[header!.indexOf(name)]!);
    expect(column('collectivite')).toContain(`'-1+1`);
    expect(column('collectivite')).toContain(`'+33 6 12 34 56 78`);
    expect(rows.flat().filter((cell) => /^\s*[-+=@]/.test(cell))).toEqual([]);
    // Computed columns: plain numbers a spreadsheet sums.
    for (const name of ['numero', 'total', 'population'])
      expect(
        column(name)
          .filter((v) => v !== '')
          .every((v) => /^\d+(\.\d+)?$/.test(v)),
      ).toBe(true);
  });

  it('the history open-data CSV neutralises its cells too', async () => {
    const r = await tnl(['history', '--format', 'csv']);
    const rows = parse(r.stdout.replace(/^\ufeff/, ''), {}) as string[][];
    expect(rows.flat().filter((cell) => /^\s*[=+@]/.test(cell))).toEqual([]);
  });
});

describe.skipIf(!browserPath)('SIGTERM', () => {
  it('during fiches: exit 143, no partial file, no browser profile', async () => {
    const dir = tempDir();
    const tmp = tempDir();
    const child = spawn(process.execPath, [bin, 'fiches', 'fixtures/ds-2024.json', '--edition', '2024', '--out', dir, '--concurrency', '1', '--quiet'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp },
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGTERM' ? -143 : null))));
    const deadline = Date.now() + 60_000;
    while (readdirSync(dir).filter((f) => f.endsWith('.pdf')).length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).subarray(-8).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(readdirSync(tmp)).toEqual([]);
  });
});

it('writes nothing outside its outputs: a failed score leaves no temp file beside --out', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'notes.csv'), 'ancien');
  const r = await tnl(['score', 'fixtures/ds-2024.json', '--edition', '9999', '--out', join(dir, 'notes.csv')]);
  expect(r.code).toBe(2);
  expect(readdirSync(dir)).toEqual(['notes.csv']);
  expect(readFileSync(join(dir, 'notes.csv'), 'utf8')).toBe('ancien');
});
