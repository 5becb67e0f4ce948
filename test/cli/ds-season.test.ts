/**
 * The season's DS round trip as the README tells it (issue 24, acceptance): from a workspace made by
 * tnl init, the new edition from the live form, its check, the download, the scores, the results
 * written back, the fiches sent — every command as written in the README, against the stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, tempDir, tnl } from '../helpers/cli.js';
import { browserPath } from '../helpers/browser.js';
import { demarcheOf, descriptor, exportDossiers, startStandIn, type StandIn } from '../helpers/ds-stand-in.js';

const TOKEN = 'jeton-saison-2026';
let ds: StandIn;
let ws: string;

beforeAll(async () => {
  const d = demarcheOf(2024);
  // Eight dossiers: every step is the same for each one, and each fiche is a PDF to print.
  d.dossiers = exportDossiers().slice(0, 8);
  d.activeRevision.annotationDescriptors.push(
    descriptor(4512960, 'DropDownListChampDescriptor', 'Niveau proposé par tnl', { options: ['niveau 1', 'niveau 2', 'niveau 3', 'niveau 4', 'niveau 5'] }),
    descriptor(4512961, 'decimal', 'Total tnl'),
  );
  ds = await startStandIn([d], TOKEN);
  ws = tempDir();
});
afterAll(async () => ds.close());

describe.skipIf(!browserPath)('the DS round trip of the README, step by step', () => {
  it('tnl init → init --edition --demarche → validate --demarche → fetch → score → ds annoter --apply → fiches → ds envoyer --apply', async () => {
    const env = { DS_API_TOKEN: TOKEN, TNL_FETCH_BACKOFF_MS: '5' };
    const run = (args: string[]) => tnl(args, { cwd: ws, env });
    expect((await run(['init'])).code).toBe(0);
    // Last year's edition, as the team's repository has it.
    for (const dir of ['questionnaires', 'rubrics']) cpSync(join(root, dir, '2024.yaml'), join(ws, dir, '2024.yaml'));
    const init = await run(['init', '--edition', '2026', '--from', '2024', '--demarche', '1187', '--instance', ds.url]);
    expect(init.code, init.stderr).toBe(0);
    expect((await run(['validate', '--edition', '2026', '--demarche', '1187', '--instance', ds.url])).code).toBe(0);
    const fetched = await run(['fetch', '--demarche', '1187', '--instance', ds.url, '--out', 'exports/2026.json']);
    expect(fetched.code, fetched.stderr).toBe(0);
    const scored = await run(['score', 'exports/2026.json', '--edition', '2026', '--format', 'json', '--out', 'notes-2026.json']);
    expect(scored.code).toBeLessThan(2);
    writeFileSync(
      join(ws, 'tnl.config.yaml'),
      `${readFileSync(join(ws, 'tnl.config.yaml'), 'utf8')}ds:\n  instructeur: label@adullact.org\n  annotations:\n    niveau_propose: Niveau proposé par tnl\n    total: Total tnl\n`,
    );
    expect((await run(['ds', 'annoter', 'notes-2026.json', '--instance', ds.url])).code).toBe(0);
    expect(ds.writes.annotations.size).toBe(0);
    const annotated = await run(['ds', 'annoter', 'notes-2026.json', '--apply', '--instance', ds.url]);
    expect(annotated.code, annotated.stderr).toBe(0);
    const notes = JSON.parse(readFileSync(join(ws, 'notes-2026.json'), 'utf8')) as { dossiers: { number: string }[] };
    expect(ds.writes.annotations.size).toBe(notes.dossiers.length);
    const fiches = await run(['fiches', 'exports/2026.json', '--edition', '2026', '--format', 'pdf', '--out', 'fiches-2026', '--quiet']);
    expect(fiches.code).toBeLessThan(2);
    const sent = await run(['ds', 'envoyer', 'fiches-2026', '--apply', '--instance', ds.url]);
    expect(sent.code, sent.stderr).toBe(0);
    expect(ds.writes.messages.size).toBe(notes.dossiers.length);
    expect([...ds.writes.messages.values()].every((n) => n === 1)).toBe(true);
    expect(ds.writes.uploads).toBe(notes.dossiers.length);
    for (const blob of ds.blobs.values()) expect(blob.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(ds.requests.every((r) => r.valid)).toBe(true);
  }, 120_000);
});
