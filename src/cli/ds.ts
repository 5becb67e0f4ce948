/**
 * `tnl ds annoter` and `tnl ds envoyer`: the season's results written back to démarches simplifiées.
 * Safe by construction: each shows what it would do (a table: dossier, annotation or message, old
 * value → new value) and does nothing without --apply; with it, a value already in place is not
 * written again, a message already sent (in the journal, or found among the dossier's messages by
 * its reference line) is never sent twice, an interruption leaves a journal from which the same
 * command continues, only dossiers of the workspace's démarche are touched, and a scores file of
 * another edition, rubric or démarche is refused before anything is read from DS.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FindingsError, InputError, UsageError } from '../findings/errors.js';
import { loadDsConfig, type DsConfig } from '../files/ds-config.js';
import { DsJournal } from '../files/ds-journal.js';
import { editionFiles, loadEdition, displayPath } from '../files/edition-files.js';
import { readInput, readTextInput, sha256 } from '../files/read-input.js';
import type { Edition } from '../edition/types.js';
import { ApiError, graphqlCall, scrub, UncertainWriteError, type FetchOptions } from '../ingest/ds-api.js';
import { parseJsonText } from '../ingest/ds-json.js';
import {
  addStatePage,
  AJOUTER_LABEL,
  annotationPlan,
  CREATE_DIRECT_UPLOAD,
  DOSSIER_QUERY,
  dossierFrom,
  ENVOYER_MESSAGE,
  messageMarker,
  MODIFIER_ANNOTATIONS,
  STATE_QUERY,
  type DsDossier,
  type DsState,
  type ScoredForDs,
} from '../ingest/ds-write.js';
import { textTable } from '../output/text-table.js';
import { capitalise, count, frNumber } from '../util/french.js';
import { isRecord } from '../util/yaml-source.js';
import type { Io } from './io.js';
import { at, rootOf } from './paths.js';
import { connection, type ConnectionOptions } from './ds-connection.js';
import { bundled } from '../files/paths.js';
import { onInterrupt } from '../files/interrupt.js';

export interface DsOptions extends ConnectionOptions {
  apply?: boolean;
  root?: string;
}

type Api = Omit<FetchOptions, 'demarche'>;

/** What a scores file or a fiches manifest says it was made from, checked against the workspace. */
interface Scope {
  root: string;
  edition: Edition;
  demarche: number;
}

function scopeOf(provenance: unknown, file: string, io: Io, opts: DsOptions): Scope {
  const root = rootOf(io, opts.root);
  if (!root) throw new UsageError('tnl ds écrit dans la démarche d’un espace de travail : lancez-le depuis le dépôt de l’équipe (ou --root)');
  if (!isRecord(provenance) || typeof provenance.edition !== 'number')
    throw new InputError('ce fichier ne dit pas de quelle édition il vient : produisez-le avec tnl score --format json (ou tnl fiches)', file);
  const { edition } = loadEdition(provenance.edition, root);
  const files = editionFiles(edition.year, root);
  const rubric = isRecord(provenance.rubric) ? provenance.rubric.sha256 : undefined;
  const questionnaire = isRecord(provenance.questionnaire) ? provenance.questionnaire.sha256 : undefined;
  // Last year's results can never be written on this year's dossiers, nor results of a changed rubric.
  if (rubric !== sha256(readInput(files.rubric)))
    throw new InputError(
      `ces notes ont été calculées avec un autre barème que ${displayPath(files.rubric)} (empreinte différente) : relancez tnl score avec le barème de l’espace de travail`,
      file,
    );
  if (questionnaire !== undefined && questionnaire !== sha256(readInput(files.questionnaire)))
    throw new InputError(`ces notes ont été calculées avec un autre questionnaire que ${displayPath(files.questionnaire)} : relancez tnl score`, file);
  const demarche = edition.questionnaire.demarche?.number;
  if (demarche === undefined)
    throw new InputError(`le questionnaire ${edition.year} ne nomme pas sa démarche (« demarche: { number: … } »)`, displayPath(files.questionnaire));
  if (typeof provenance.demarche === 'number' && provenance.demarche !== demarche)
    throw new InputError(`ces notes sont celles de la démarche ${provenance.demarche}, pas de ${demarche} (celle de l’édition ${edition.year})`, file);
  return { root, edition, demarche };
}

/** DS's state of the démarche: labels, instructors, annotations, and every dossier's annotations, labels and messages. */
async function readState(api: Api, demarche: number): Promise<DsState> {
  let state: DsState | undefined;
  let after: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const data = await graphqlCall(api, {
      query: STATE_QUERY,
      operationName: 'getDemarcheEtat',
      variables: { demarcheNumber: demarche, ...(after ? { after } : {}) },
    });
    if (!isRecord(data.demarche)) throw new ApiError(`la démarche ${demarche} est introuvable ou ce jeton n’y a pas accès`);
    const r = addStatePage(state, data);
    state = r.state;
    if (!r.next) break;
    after = r.next;
  }
  return state!;
}

async function readDossier(api: Api, number: number): Promise<DsDossier> {
  const d = dossierFrom(await graphqlCall(api, { query: DOSSIER_QUERY, operationName: 'getDossierEtat', variables: { number } }));
  if (!d) throw new ApiError(`le dossier ${number} est introuvable`);
  return d;
}

/** The instructor whose id the mutations carry: the config's (e-mail or id), or the only one. */
function instructeurOf(state: DsState, config: DsConfig): string {
  const wanted = config.instructeur;
  const found = wanted
    ? state.instructeurs.find((i) => i.id === wanted || i.email.toLowerCase() === wanted.toLowerCase())
    : state.instructeurs.length === 1
      ? state.instructeurs[0]
      : undefined;
  if (!found)
    throw new UsageError(
      wanted
        ? `instructeur « ${wanted} » (ds.instructeur de ${config.file}) : pas parmi les instructeurs de la démarche (${state.instructeurs.map((i) => i.email).join(', ')})`
        : `la démarche a plusieurs instructeurs : dites lequel écrit dans « ds.instructeur » de ${config.file} (${state.instructeurs.map((i) => i.email).join(', ')})`,
    );
  return found.id;
}

/** A mutation's own errors (DS refused the values): the dossier's write failed, said, never retried. */
const mutationErrors = (data: Record<string, unknown>, field: string): string[] => {
  const payload = data[field];
  return isRecord(payload) && Array.isArray(payload.errors) ? payload.errors.map((e) => (isRecord(e) ? String(e.message) : String(e))) : [];
};

function table(rows: readonly { dossier: number; what: string; old: string; new: string; action: string }[]): string {
  return textTable(
    ['Dossier', 'Annotation ou message', 'Avant', 'Après', 'Action'],
    rows.map((r) => [String(r.dossier), r.what, r.old, r.new, r.action]),
    [true, false, false, false, false],
  );
}

const levelNames = (edition: Edition) => (level: string) => {
  const l = edition.rubric.levels.find((x) => x.id === level);
  const scale = edition.rubric.scale;
  const main = scale === 'niveaux' ? `niveau ${level}` : capitalise(level);
  return [main, level, ...(l ? [l.label, l.title ?? ''] : [])].filter(Boolean);
};

/** `tnl ds annoter <notes.json>`: each dossier's results into its private annotations (and its label). */
export async function dsAnnoterCommand(file: string, opts: DsOptions, io: Io): Promise<number> {
  const path = at(io, file);
  const data = parseJsonText(readTextInput(path).text, displayPath(path));
  if (!isRecord(data) || !Array.isArray(data.dossiers))
    throw new InputError('ce n’est pas un fichier de notes : tnl score … --format json --out notes.json', file);
  const scope = scopeOf(data.provenance, file, io, opts);
  const config = loadDsConfig(scope.root);
  if (
    !config.annotations.niveau_propose &&
    !config.annotations.total &&
    !config.annotations.niveau_final &&
    !Object.keys(config.annotations.volets).length &&
    !Object.keys(config.labels).length
  )
    throw new UsageError(
      `${config.file} : « ds.annotations » ne nomme aucune annotation à remplir (niveau_propose, total, niveau_final, volets), ni « ds.labels »`,
    );
  const scored = (data.dossiers as Record<string, unknown>[]).map((d): ScoredForDs => ({
    number: String(d.number),
    total: typeof d.total === 'number' ? d.total : null,
    proposedLevel: typeof d.proposedLevel === 'string' ? d.proposedLevel : null,
    finalLevel: typeof d.finalLevel === 'string' ? d.finalLevel : null,
    volets: Array.isArray(d.volets) ? (d.volets as { id: string; points: number }[]) : [],
  }));
  const { instance, token, api } = connection(opts, io, scope.edition.questionnaire.demarche?.instance);
  try {
    const state = await readState(api, scope.demarche);
    const instructeur = Object.keys(config.annotations).length ? instructeurOf(state, config) : '';
    const plan = annotationPlan(scored, config, state, levelNames(scope.edition));
    if (plan.problems.length)
      throw new FindingsError(
        `rien n’a été écrit : ${count(plan.problems.length, 'problème')} à corriger d’abord (${config.file} ou la démarche ${scope.demarche}) :`,
        plan.problems.map((message) => ({ message })),
      );
    io.stdout.write(
      table(
        plan.rows.map((r) => ({
          dossier: r.dossier,
          what: r.kind === 'label' ? 'label' : r.target,
          old: r.old ?? '—',
          new: r.new,
          action: r.write ? (opts.apply ? 'écrit' : 'à écrire') : 'déjà en place',
        })),
      ),
    );
    const todo = plan.rows.filter((r) => r.write);
    if (!opts.apply) {
      io.stderr.write(
        `aperçu : ${count(todo.length, 'valeur')} à écrire dans ${count(new Set(todo.map((r) => r.dossier)).size, 'dossier')}, ${plan.rows.length - todo.length} déjà en place ; rien n’a été écrit. Relancez avec --apply pour écrire.\n`,
      );
      return 0;
    }
    const journal = new DsJournal(scope.root, scope.demarche);
    // Ctrl+C: exit 130 as for any command; the journal, synced at each step, says where it stopped.
    onInterrupt(() => undefined);
    let failed = 0;
    for (const dossier of [...new Set(todo.map((r) => r.dossier))]) {
      let rows = todo.filter((r) => r.dossier === dossier);
      for (let round = 0; rows.length && round < 3; round++) {
        const annotations = rows.filter((r) => r.kind === 'annotation');
        const labels = rows.filter((r) => r.kind === 'label');
        try {
          if (annotations.length) {
            journal.record(
              { command: 'annoter', dossier, step: 'annotations-start', annotations: annotations.map((r) => ({ label: r.target, value: r.new })) },
              io.now(),
            );
            const out = await graphqlCall(
              api,
              {
                query: MODIFIER_ANNOTATIONS,
                operationName: 'modifierAnnotations',
                variables: {
                  input: {
                    dossierId: annotations[0]!.dossierId,
                    instructeurId: instructeur,
                    annotations: annotations.map((r) => ({ id: r.descriptorId, value: r.typed })),
                  },
                },
              },
              true,
            );
            const errors = mutationErrors(out, 'dossierModifierAnnotations');
            if (errors.length) throw new ApiError(`dossier ${dossier} : démarches simplifiées a refusé les annotations (${errors.join(' ; ')})`);
            journal.record({ command: 'annoter', dossier, step: 'annotations-done' }, io.now());
          }
          for (const r of labels) {
            const out = await graphqlCall(
              api,
              { query: AJOUTER_LABEL, operationName: 'ajouterLabel', variables: { input: { dossierId: r.dossierId, labelId: r.labelId } } },
              true,
            );
            const errors = mutationErrors(out, 'dossierAjouterLabel');
            if (errors.length) throw new ApiError(`dossier ${dossier} : démarches simplifiées a refusé le label « ${r.new} » (${errors.join(' ; ')})`);
            journal.record({ command: 'annoter', dossier, step: 'label-done', label: r.new }, io.now());
          }
          rows = [];
        } catch (e) {
          if (!(e instanceof UncertainWriteError)) {
            if (e instanceof ApiError && /^dossier \d+ :/.test(e.message)) {
              io.stderr.write(`${scrub(e.message, token)}\n`);
              failed++;
              rows = [];
              continue;
            }
            throw e;
          }
          // Was it done? DS's own state says: what is in place is not written again.
          io.stderr.write(`dossier ${dossier} : ${scrub(e.message, token)} ; vérification dans démarches simplifiées\n`);
          const fresh = await readDossier(api, dossier);
          const replanned = annotationPlan(
            scored.filter((s) => s.number === String(dossier)),
            config,
            { ...state, dossiers: [fresh] },
            levelNames(scope.edition),
          );
          rows = replanned.rows.filter((r) => r.write);
        }
      }
      if (rows.length) {
        io.stderr.write(`dossier ${dossier} : écriture non confirmée après trois essais ; relancez la même commande pour reprendre\n`);
        failed++;
      }
    }
    const written = todo.length;
    io.stderr.write(
      `${count(written, 'valeur')} écrite${written > 1 ? 's' : ''} dans la démarche ${scope.demarche}${failed ? `, ${count(failed, 'dossier')} en échec` : ''} ; journal : ${displayPath(journal.file)}\n`,
    );
    return failed ? 1 : 0;
  } catch (e) {
    if (e instanceof ApiError) throw new InputError(scrub(e.message, token), instance.origin);
    throw e;
  }
}

/** What `tnl fiches` writes beside the fiches: where they come from, and each file's digest. */
interface Manifest {
  provenance: unknown;
  fiches: { dossier: string; name?: string; level?: string | null; total?: number | null; file: string; sha256: string }[];
}

/** `tnl ds envoyer <dossier-des-fiches>`: each applicant's fiche sent as a message with the PDF attached. */
export async function dsEnvoyerCommand(dir: string, opts: DsOptions, io: Io): Promise<number> {
  const folder = at(io, dir);
  const manifestFile = join(folder, 'fiches.json');
  if (!existsSync(manifestFile))
    throw new InputError('pas de fiches.json dans ce dossier : produisez les fiches avec tnl fiches … --format pdf --out DOSSIER', dir);
  const manifest = parseJsonText(readTextInput(manifestFile).text, displayPath(manifestFile)) as Manifest;
  if (!isRecord(manifest) || !Array.isArray(manifest.fiches))
    throw new InputError('fiches.json illisible : produisez les fiches avec tnl fiches', manifestFile);
  const scope = scopeOf(manifest.provenance, displayPath(manifestFile), io, opts);
  const config = loadDsConfig(scope.root);
  const problems: string[] = [];
  const fiches = manifest.fiches.map((f) => {
    const path = join(folder, basename(f.file));
    if (!/\.pdf$/i.test(f.file)) problems.push(`${f.file} : seules les fiches PDF s’envoient (tnl fiches --format pdf)`);
    else if (!existsSync(path)) problems.push(`${f.file} : fichier absent`);
    else if (sha256(readInput(path)) !== f.sha256) problems.push(`${f.file} : modifié depuis tnl fiches (empreinte différente) : refaites les fiches`);
    return { ...f, path };
  });
  if (problems.length)
    throw new FindingsError(
      `rien n’a été envoyé : ${count(problems.length, 'problème')} :`,
      problems.map((message) => ({ message })),
    );
  const template = config.message ? at({ ...io, cwd: scope.root }, config.message) : join(bundled.templates, 'message-fiche.txt');
  const messageText = readTextInput(template).text;
  const { instance, token, api } = connection(opts, io, scope.edition.questionnaire.demarche?.instance);
  try {
    const state = await readState(api, scope.demarche);
    const instructeur = instructeurOf(state, config);
    const journal = new DsJournal(scope.root, scope.demarche);
    const rows: { dossier: number; what: string; old: string; new: string; action: string }[] = [];
    const plans: { fiche: (typeof fiches)[number]; dossier: DsDossier; body: string; marker: string }[] = [];
    for (const f of fiches) {
      const dossier = state.dossiers.find((d) => String(d.number) === f.dossier);
      if (!dossier) {
        problems.push(`dossier ${f.dossier} : il n’est pas dans la démarche ${scope.demarche}`);
        continue;
      }
      const marker = messageMarker(scope.edition.year, dossier.number, f.sha256);
      const text = fillMessage(messageText, {
        collectivite: f.name ?? '',
        edition: String(scope.edition.year),
        niveau: f.level ?? '',
        total: f.total === null || f.total === undefined ? '' : frNumber(f.total),
        fichier: basename(f.file),
      });
      const body = `${text.trim()}\n\n${marker}`;
      const sent = dossier.messages.some((m) => m.body.includes(marker)) || journal.last('envoyer', dossier.number, 'sent')?.marker === marker;
      rows.push({
        dossier: dossier.number,
        what: `message + ${basename(f.file)}`,
        old: sent ? 'envoyé' : '—',
        new: 'envoyé',
        action: sent ? 'déjà envoyé' : opts.apply ? 'envoyé' : 'à envoyer',
      });
      if (!sent) plans.push({ fiche: f, dossier, body, marker });
    }
    if (problems.length)
      throw new FindingsError(
        `rien n’a été envoyé : ${count(problems.length, 'problème')} :`,
        problems.map((message) => ({ message })),
      );
    io.stdout.write(table(rows));
    if (!opts.apply) {
      io.stderr.write(
        `aperçu : ${count(plans.length, 'message')} à envoyer, ${rows.length - plans.length} déjà envoyé${rows.length - plans.length > 1 ? 's' : ''} ; rien n’a été envoyé. Relancez avec --apply pour envoyer.\n`,
      );
      return 0;
    }
    onInterrupt(() => undefined);
    let failed = 0;
    for (const p of plans) {
      const n = p.dossier.number;
      try {
        await sendOne(api, journal, p, instructeur, io);
      } catch (e) {
        if (e instanceof ApiError && /^dossier \d+ :/.test(e.message)) {
          io.stderr.write(`${scrub(e.message, token)}\n`);
          failed++;
          continue;
        }
        throw e;
      }
      void n;
    }
    io.stderr.write(
      `${count(plans.length - failed, 'message')} envoyé${plans.length - failed > 1 ? 's' : ''}${failed ? `, ${count(failed, 'échec')}` : ''} ; journal : ${displayPath(journal.file)}\n`,
    );
    return failed ? 1 : 0;
  } catch (e) {
    if (e instanceof ApiError) throw new InputError(scrub(e.message, token), instance.origin);
    throw e;
  }
}

/**
 * One fiche sent: the blob created and uploaded (once: its id is journaled, and reused after a
 * crash), then the message; a message whose fate is uncertain is looked for among the dossier's
 * messages by its reference line before it is ever sent again.
 */
async function sendOne(
  api: Api,
  journal: DsJournal,
  p: { fiche: { path: string; file: string; sha256: string }; dossier: DsDossier; body: string; marker: string },
  instructeur: string,
  io: Io,
): Promise<void> {
  const n = p.dossier.number;
  const bytes = readInput(p.fiche.path);
  const upload = async () => {
    const checksum = createHash('md5').update(bytes).digest('base64');
    const out = await graphqlCall(api, {
      query: CREATE_DIRECT_UPLOAD,
      operationName: 'createDirectUpload',
      variables: { input: { dossierId: p.dossier.id, filename: basename(p.fiche.file), byteSize: bytes.length, checksum, contentType: 'application/pdf' } },
    });
    const direct = isRecord(out.createDirectUpload) && isRecord(out.createDirectUpload.directUpload) ? out.createDirectUpload.directUpload : undefined;
    if (!direct || typeof direct.url !== 'string' || typeof direct.signedBlobId !== 'string')
      throw new ApiError(`dossier ${n} : démarches simplifiées n’a pas préparé l’envoi du fichier`);
    await putFile(api, String(direct.url), String(direct.headers ?? '{}'), bytes, n);
    journal.record({ command: 'envoyer', dossier: n, step: 'uploaded', sha256: p.fiche.sha256, signedBlobId: direct.signedBlobId }, io.now());
    return journal.last('envoyer', n, 'uploaded')!;
  };
  // A file deposited before an interruption is reused, not deposited again.
  const earlier = journal.last('envoyer', n, 'uploaded');
  let reused = Boolean(earlier && earlier.sha256 === p.fiche.sha256);
  let blob = reused ? earlier! : await upload();
  for (let round = 0; round < 4; round++) {
    try {
      journal.record({ command: 'envoyer', dossier: n, step: 'message-start', marker: p.marker }, io.now());
      const out = await graphqlCall(
        api,
        {
          query: ENVOYER_MESSAGE,
          operationName: 'envoyerMessage',
          variables: { input: { dossierId: p.dossier.id, instructeurId: instructeur, body: p.body, attachment: blob.signedBlobId } },
        },
        true,
      );
      const errors = mutationErrors(out, 'dossierEnvoyerMessage');
      if (errors.length && reused) {
        // A file deposited by an earlier run that DS no longer keeps: deposited again, once.
        reused = false;
        blob = await upload();
        continue;
      }
      if (errors.length) throw new ApiError(`dossier ${n} : démarches simplifiées a refusé le message (${errors.join(' ; ')})`);
      journal.record({ command: 'envoyer', dossier: n, step: 'sent', marker: p.marker }, io.now());
      return;
    } catch (e) {
      if (!(e instanceof UncertainWriteError)) throw e;
      io.stderr.write(`dossier ${n} : ${e.message} ; recherche du message dans démarches simplifiées\n`);
      const fresh = await readDossier(api, n);
      if (fresh.messages.some((m) => m.body.includes(p.marker))) {
        journal.record({ command: 'envoyer', dossier: n, step: 'sent', marker: p.marker, found: true }, io.now());
        return;
      }
    }
  }
  throw new ApiError(`dossier ${n} : envoi non confirmé après quatre essais ; relancez la même commande pour reprendre`);
}

/** The file's bytes to the address DS gave, with DS's headers only (never the token), retried. */
async function putFile(api: Api, url: string, headersJson: string, bytes: Buffer, dossier: number): Promise<void> {
  let headers: Record<string, string> = {};
  try {
    const parsed = JSON.parse(headersJson) as unknown;
    if (isRecord(parsed)) headers = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  } catch {
    headers = {};
  }
  const doFetch = api.fetchImpl ?? fetch;
  let last = '';
  for (let attempt = 1; attempt <= (api.attempts ?? 5); attempt++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), api.idleTimeoutMs ?? 30_000);
    try {
      const res = await doFetch(url, { method: 'PUT', headers, body: new Uint8Array(bytes), signal: controller.signal });
      await res.body?.cancel();
      if (res.ok) return;
      last = `le dépôt du fichier a répondu ${res.status}`;
      if (res.status < 500 && res.status !== 429) break;
    } catch (e) {
      last = `dépôt du fichier interrompu (${(e as Error).message})`;
    } finally {
      clearTimeout(timer);
    }
    api.onNotice?.(`dossier ${dossier} : ${last} : nouvelle tentative (${attempt + 1} sur ${api.attempts ?? 5})`);
    await new Promise((r) => setTimeout(r, api.backoffMs ?? 1000));
  }
  throw new ApiError(`dossier ${dossier} : ${last}`);
}

/**
 * The message's text: the template with its « {{nom}} » places filled. Plain text, as DS shows a
 * message (it escapes it itself): nothing is HTML-escaped here, and an unknown place is an error.
 */
export function fillMessage(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(values, name))
      throw new UsageError(
        `modèle du message : « ${whole} » inconnu (possibles : ${Object.keys(values)
          .map((k) => `{{${k}}}`)
          .join(', ')})`,
      );
    return values[name]!;
  });
}
