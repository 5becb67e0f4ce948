/**
 * The DS round trip (issue 24, 3–6): results written back into the private annotations and labels,
 * fiches sent as messages, against a stand-in of DS's API that validates every query and mutation
 * against the published schema, keeps dossiers, annotations, labels, messages and uploads in
 * memory, and fails on demand. Safe by construction: nothing without --apply, each write exactly
 * once whatever fails and wherever, scoped to the workspace's démarche, edition and rubric.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { bin, copyEditions, plain, root, tnl, tnlProcessAsync } from '../helpers/cli.js';
import { demarcheOf, descriptor, startStandIn, type Fault, type StandIn, type StandInDemarche } from '../helpers/ds-stand-in.js';

const TOKEN = 'jeton-instructeur-Qx42';
let ds: StandIn;
let ws: string;
let notes: string;
const env = () => ({ DS_API_TOKEN: TOKEN, TNL_FETCH_BACKOFF_MS: '5' });

const CONFIG = `tnl: 1
ds:
  instructeur: label@adullact.org
  annotations:
    niveau_propose: Niveau proposé par tnl
    total: Total tnl
    volets:
      strategie: Points stratégie
  labels:
    "5": Niveau 5
`;

function demarche(numbers: string[]): StandInDemarche {
  const d = demarcheOf(2024);
  d.activeRevision.annotationDescriptors.push(
    descriptor(4512960, 'DropDownListChampDescriptor', 'Niveau proposé par tnl', { options: ['niveau 1', 'niveau 2', 'niveau 3', 'niveau 4', 'niveau 5'] }),
    descriptor(4512961, 'decimal', 'Total tnl'),
    descriptor(4512962, 'decimal', 'Points stratégie'),
  );
  d.labels = [{ id: 'TGFiZWwtNQ==', name: 'Niveau 5' }];
  d.dossiers = numbers.map((n) => ({
    id: Buffer.from(`Dossier-${n}`).toString('base64'),
    number: Number(n),
    state: 'en_instruction',
    annotations: [],
    labels: [],
    messages: [],
  }));
  return d;
}

beforeEach(async () => {
  ws = copyEditions();
  cpSync(join(root, 'results'), join(ws, 'results'), { recursive: true });
  writeFileSync(join(ws, 'tnl.config.yaml'), CONFIG);
  notes = join(ws, 'notes-2024.json');
  const r = await tnl(['score', join(root, 'fixtures', 'ds-2024.json'), '--edition', '2024', '--root', ws, '--format', 'json', '--out', notes]);
  expect(r.code).toBeLessThan(2);
  const numbers = (JSON.parse(readFileSync(notes, 'utf8')) as { dossiers: { number: string }[] }).dossiers.map((d) => d.number);
  ds = await startStandIn([demarche(numbers)], TOKEN);
});
afterEach(async () => ds.close());

const annoter = (...extra: string[]) => tnl(['ds', 'annoter', notes, '--root', ws, '--instance', ds.url, ...extra], { env: env() });
const scored = () =>
  JSON.parse(readFileSync(notes, 'utf8')) as { dossiers: { number: string; total: number; proposedLevel: string; volets: { id: string; points: number }[] }[] };
const dossierOf = (n: string) => ds.demarches.get(1187)!.dossiers.find((d) => String(d.number) === n)!;

/** Every dossier's annotations as tnl's scores say, each written exactly once; the level-5 ones labelled once. */
function expectAnnotatedOnce(): void {
  for (const s of scored().dossiers) {
    const d = dossierOf(s.number);
    const value = (label: string) => d.annotations.find((a) => a.label === label)?.stringValue;
    expect({ n: s.number, level: value('Niveau proposé par tnl'), total: Number(value('Total tnl')), strategie: Number(value('Points stratégie')) }).toEqual({
      n: s.number,
      level: `niveau ${s.proposedLevel}`,
      total: s.total,
      strategie: s.volets.find((v) => v.id === 'strategie')!.points,
    });
    expect(ds.writes.annotations.get(Number(s.number)), `dossier ${s.number}`).toBe(1);
    expect(ds.writes.labels.get(Number(s.number)) ?? 0).toBe(s.proposedLevel === '5' ? 1 : 0);
  }
}

describe('tnl ds annoter', () => {
  it('shows what it would write and writes nothing without --apply; with it, every value once; again, nothing', async () => {
    const preview = await annoter();
    expect(preview.code).toBe(0);
    expect(plain(preview.stdout)).toMatch(/Dossier\s+Annotation ou message\s+Avant\s+Après\s+Action/);
    expect(plain(preview.stdout)).toMatch(/118680\s+Niveau proposé par tnl\s+—\s+niveau 5\s+à écrire/);
    expect(preview.stderr).toMatch(/aperçu : \d+ valeurs à écrire dans 24 dossiers, 0 déjà en place ; rien n’a été écrit\. Relancez avec --apply/);
    expect(ds.writes.annotations.size + ds.writes.labels.size).toBe(0);
    const applied = await annoter('--apply');
    expect(applied.stderr).not.toMatch(/erreur interne/);
    expect(applied.code).toBe(0);
    expectAnnotatedOnce();
    const again = await annoter('--apply');
    expect(again.code).toBe(0);
    expect(plain(again.stdout)).not.toMatch(/\bécrit\b/);
    expect(plain(again.stdout)).toMatch(/déjà en place/);
    expectAnnotatedOnce();
    // Every query and mutation valid against DS's schema; the token never in the journal.
    expect(ds.requests.every((r) => r.valid)).toBe(true);
    expect(readFileSync(join(ws, 'ds', 'journal-1187.jsonl'), 'utf8')).not.toContain(TOKEN);
    expect(applied.stderr + applied.stdout).not.toContain(TOKEN);
  });

  it.each<[string, Fault[], string[]]>([
    ['a 500 before the write', [{ kind: '500', op: 'modifierAnnotations' }], []],
    ['a 500 after the write (done, answer lost)', [{ kind: '500', op: 'modifierAnnotations', after: true }], []],
    ['a 429 with Retry-After', [{ kind: '429', retryAfter: 0, op: 'modifierAnnotations' }], []],
    ['a connection cut after the write', [{ kind: 'cut', op: 'modifierAnnotations', after: true }], []],
    ['a request that hangs after the write', [{ kind: 'hang', op: 'modifierAnnotations', after: true }], ['--idle-timeout', '0.5']],
    ['a label added, answer lost', [{ kind: '500', op: 'ajouterLabel', after: true }], []],
    ['a 500 while reading the state', [{ kind: '500', op: 'getDemarcheEtat' }], []],
  ])('%s: each value written exactly once', async (_, faults, extra) => {
    ds.faults.push(...faults);
    const first = await annoter('--apply', ...extra);
    if (first.code !== 0) expect((await annoter('--apply', ...extra)).code).toBe(0);
    expect(first.stderr).not.toMatch(/erreur interne/);
    expectAnnotatedOnce();
    expect(ds.faults).toEqual([]);
  });

  it('an answer with errors stops the run, said, exit 2; the rerun completes, each value once', async () => {
    ds.faults.push({ kind: 'errors', message: 'Service indisponible', op: 'modifierAnnotations' });
    const first = await annoter('--apply');
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(/Service indisponible/);
    expect((await annoter('--apply')).code).toBe(0);
    expectAnnotatedOnce();
  });

  it('found before anything is written: an annotation DS does not have, a wrong type, a label it does not have', async () => {
    writeFileSync(join(ws, 'tnl.config.yaml'), CONFIG.replace('total: Total tnl', 'total: Total général').replace('"5": Niveau 5', '"5": Label 5'));
    const d = ds.demarches.get(1187)!;
    d.activeRevision.annotationDescriptors.find((a) => a.label === 'Niveau proposé par tnl')!.__typename = 'CheckboxChampDescriptor';
    const r = await annoter('--apply');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rien n’a été écrit : \d+ problèmes à corriger d’abord/);
    expect(r.stderr).toMatch(/annotation « Total général » \(ds\.annotations\.total\) : la démarche n’a pas d’annotation privée de ce libellé/);
    expect(r.stderr).toMatch(/label « Label 5 » \(ds\.labels\."5"\) : la démarche n’a pas ce label/);
    expect(r.stderr).toMatch(/annotation « Niveau proposé par tnl » : une annotation de type Checkbox ne reçoit pas ce que tnl écrit/);
    expect(ds.writes.annotations.size + ds.writes.labels.size).toBe(0);
  });

  it('scoped: results of another rubric, or dossiers of another démarche, are refused before DS is read', async () => {
    const rubric = join(ws, 'rubrics', '2024.yaml');
    writeFileSync(rubric, readFileSync(rubric, 'utf8').replace('min: 40, min_by_stratum: { c1: 37 }', 'min: 45, min_by_stratum: { c1: 42 }'));
    const other = await annoter('--apply');
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/ces notes ont été calculées avec un autre barème que \S*rubrics\/2024\.yaml/);
    expect(ds.requests).toHaveLength(0);
    writeFileSync(rubric, readFileSync(join(root, 'rubrics', '2024.yaml')));
    // The scores name their démarche: another one is refused.
    const original = readFileSync(notes, 'utf8');
    expect(original).toMatch(/"demarche": 1187/);
    writeFileSync(notes, original.replace('"demarche": 1187', '"demarche": 1342'));
    const otherDemarche = await annoter('--apply');
    expect(otherDemarche.code).toBe(2);
    expect(otherDemarche.stderr).toMatch(/ces notes sont celles de la démarche 1342, pas de 1187/);
    writeFileSync(notes, original);
    ds.demarches.get(1187)!.dossiers.splice(0, 1);
    const missing = await annoter('--apply');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/dossier \d+ : il n’est pas dans la démarche/);
    expect(ds.writes.annotations.size).toBe(0);
  });

  it('located mistakes in the ds section of tnl.config.yaml', async () => {
    writeFileSync(join(ws, 'tnl.config.yaml'), 'tnl: 1\nds:\n  instructeur: label@adullact.org\n  annotation:\n    total: Total tnl\n');
    const r = await annoter();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tnl\.config\.yaml:4:3 : clé inconnue « annotation »/);
  });
});

/** A fiches folder as tnl fiches writes it: its manifest and two PDFs. */
function fiches(numbers: string[]): string {
  const dir = join(ws, 'fiches');
  mkdirSync(dir, { recursive: true });
  const provenance = (JSON.parse(readFileSync(notes, 'utf8')) as { provenance: unknown }).provenance;
  const list = numbers.map((n) => {
    const bytes = Buffer.from(`%PDF-1.7\n% fiche du dossier ${n}\n%%EOF\n`);
    const file = `${n}-fiche.pdf`;
    writeFileSync(join(dir, file), bytes);
    return { dossier: n, name: `Collectivité ${n}`, level: '4', total: 60, file, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  writeFileSync(join(dir, 'fiches.json'), JSON.stringify({ provenance, fiches: list }, null, 2));
  return dir;
}

describe('tnl ds envoyer', () => {
  const envoyer = (dir: string, ...extra: string[]) => tnl(['ds', 'envoyer', dir, '--root', ws, '--instance', ds.url, ...extra], { env: env() });
  const two = () =>
    scored()
      .dossiers.slice(0, 2)
      .map((d) => d.number);

  /** Each fiche sent once, its PDF attached, the token never sent to the upload. */
  function expectSentOnce(numbers: string[]): void {
    for (const n of numbers) {
      const d = dossierOf(n);
      expect(ds.writes.messages.get(Number(n)), `dossier ${n}`).toBe(1);
      expect(d.messages).toHaveLength(1);
      expect(d.messages[0]!.body).toMatch(/Le jury du label Territoire Numérique Libre 2024 a examiné la candidature de Collectivité \d+\./);
      expect(d.messages[0]!.body).toMatch(/Réf\. tnl 2024-\d+-[0-9a-f]{12}$/);
      expect(d.messages[0]!.attachments.map((f) => f.filename)).toEqual([`${n}-fiche.pdf`]);
      const blob = ds.blobs.get(d.messages[0]!.attachments[0]!.signedBlobId)!;
      expect(blob.bytes.toString()).toContain(`fiche du dossier ${n}`);
      expect(blob.authorization).toBeUndefined();
    }
  }

  it('preview, then each fiche sent once with its PDF; again, nothing sent', async () => {
    const dir = fiches(two());
    const preview = await envoyer(dir);
    expect(preview.code).toBe(0);
    expect(preview.stderr).toMatch(/aperçu : 2 messages à envoyer, 0 déjà envoyé ; rien n’a été envoyé/);
    expect(ds.writes.messages.size + ds.writes.uploads).toBe(0);
    const sent = await envoyer(dir, '--apply');
    expect(sent.code).toBe(0);
    expectSentOnce(two());
    expect(ds.writes.uploads).toBe(2);
    const again = await envoyer(dir, '--apply');
    expect(again.code).toBe(0);
    expect(plain(again.stdout)).toMatch(/déjà envoyé/);
    expectSentOnce(two());
    expect(ds.requests.every((r) => r.valid)).toBe(true);
  });

  it.each<[string, Fault[], string[]]>([
    ['createDirectUpload fails (500)', [{ kind: '500', op: 'createDirectUpload' }], []],
    ['the upload fails (500)', [{ kind: '500', op: 'upload' }], []],
    ['the upload is cut', [{ kind: 'cut', op: 'upload', after: true }], []],
    ['the message is sent, answer lost (500)', [{ kind: '500', op: 'envoyerMessage', after: true }], []],
    ['the message is sent, connection cut', [{ kind: 'cut', op: 'envoyerMessage', after: true }], []],
    ['the message is sent, the answer hangs', [{ kind: 'hang', op: 'envoyerMessage', after: true }], ['--idle-timeout', '0.5']],
    ['the message is refused for now (429)', [{ kind: '429', retryAfter: 0, op: 'envoyerMessage' }], []],
    ['the message fails before it is sent (500)', [{ kind: '500', op: 'envoyerMessage' }], []],
  ])('%s: each message exactly once, with its file', async (_, faults, extra) => {
    const dir = fiches(two());
    ds.faults.push(...faults);
    const first = await envoyer(dir, '--apply', ...extra);
    if (first.code !== 0) expect((await envoyer(dir, '--apply', ...extra)).code).toBe(0);
    expect(first.stderr).not.toMatch(/erreur interne/);
    expectSentOnce(two());
  });

  it('interrupted (SIGINT) between the upload and the message: the rerun sends once, reusing the uploaded file', async () => {
    const dir = fiches(two().slice(0, 1));
    ds.faults.push({ kind: 'hang', op: 'envoyerMessage' });
    const child = spawn(process.execPath, [bin, 'ds', 'envoyer', dir, '--apply', '--root', ws, '--instance', ds.url], {
      cwd: root,
      env: { ...process.env, ...env() },
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const journal = join(ws, 'ds', 'journal-1187.jsonl');
    const deadline = Date.now() + 20_000;
    while (!(existsSync(journal) && readFileSync(journal, 'utf8').includes('"message-start"')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(ds.writes.uploads).toBe(1);
    expect(ds.writes.messages.size).toBe(0);
    const rerun = await tnlProcessAsync(['ds', 'envoyer', dir, '--apply', '--root', ws, '--instance', ds.url], { env: env() });
    expect(rerun.code).toBe(0);
    expectSentOnce(two().slice(0, 1));
    expect(ds.writes.uploads).toBe(1);
  });

  it('a fiche changed since tnl fiches, or a folder without fiches.json: refused, nothing sent', async () => {
    const dir = fiches(two());
    writeFileSync(join(dir, `${two()[0]}-fiche.pdf`), '%PDF-1.7\n% autre\n');
    const r = await envoyer(dir, '--apply');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/modifié depuis tnl fiches \(empreinte différente\)/);
    const empty = join(ws, 'vide');
    mkdirSync(empty);
    expect((await envoyer(empty, '--apply')).stderr).toMatch(/pas de fiches\.json dans ce dossier/);
    expect(ds.writes.messages.size + ds.writes.uploads).toBe(0);
  });

  it('tnl fiches writes fiches.json (provenance, each file’s digest); Markdown fiches are not sent', async () => {
    const dir = join(ws, 'fiches-md');
    const r = await tnl(['fiches', join(root, 'fixtures', 'ds-2024.json'), '--edition', '2024', '--root', ws, '--format', 'md', '--out', dir, '--quiet']);
    expect(r.code).toBeLessThan(2);
    const manifest = JSON.parse(readFileSync(join(dir, 'fiches.json'), 'utf8')) as {
      provenance: { edition: number };
      fiches: { dossier: string; file: string; sha256: string }[];
    };
    expect(manifest.provenance.edition).toBe(2024);
    expect(manifest.fiches).toHaveLength(24);
    for (const f of manifest.fiches)
      expect(
        createHash('sha256')
          .update(readFileSync(join(dir, f.file)))
          .digest('hex'),
      ).toBe(f.sha256);
    const refused = await envoyer(dir, '--apply');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/seules les fiches PDF s’envoient/);
    expect(ds.writes.messages.size).toBe(0);
  });

  it('the workspace’s message: plain text (an apostrophe stays one), its places filled; an unknown place refused before anything is sent', async () => {
    const dir = fiches(two());
    mkdirSync(join(ws, 'presse'), { recursive: true });
    writeFileSync(
      join(ws, 'presse', 'message.txt'),
      'Bonjour,\n\nVoici la fiche de l’édition {{edition}} pour {{collectivite}} (niveau {{niveau}}, total {{total}}) : {{fichier}}.\n',
    );
    writeFileSync(join(ws, 'tnl.config.yaml'), `${CONFIG}  message: presse/message.txt\n`);
    const manifest = join(dir, 'fiches.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/"name": "Collectivité (\d+)"/, '"name": "Ville d\'Abbeville & <b>$1</b>"'));
    const r = await envoyer(dir, '--apply');
    expect(r.code, r.stderr).toBe(0);
    const body = dossierOf(two()[0]!).messages[0]!.body;
    expect(body).toMatch(
      /^Bonjour,\n\nVoici la fiche de l’édition 2024 pour Ville d'Abbeville & <b>\d+<\/b> \(niveau 4, total 60\) : \d+-fiche\.pdf\.\n\nRéf\. tnl /,
    );
    writeFileSync(join(ws, 'presse', 'message.txt'), 'Bonjour {{nom}}\n');
    const bad = await envoyer(fiches(two()), '--apply');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/modèle du message : « \{\{nom\}\} » inconnu/);
  });

  it('a file deposited by an interrupted run that DS no longer keeps: deposited again, sent once', async () => {
    const dir = fiches(two().slice(0, 1));
    ds.faults.push({ kind: 'errors', message: 'Service momentanément indisponible', op: 'envoyerMessage' });
    const first = await envoyer(dir, '--apply');
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(/Service momentanément indisponible/);
    expect(ds.writes.uploads).toBe(1);
    ds.blobs.clear();
    const again = await envoyer(dir, '--apply');
    expect(again.code, again.stderr).toBe(0);
    expect(ds.writes.uploads).toBe(2);
    expectSentOnce(two().slice(0, 1));
  });
});
