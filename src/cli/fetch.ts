import { existsSync, readFileSync, rmSync } from 'node:fs';
import { InputError, UsageError } from '../findings/errors.js';
import { ApiError, byNumber, fetchDeleted, fetchDemarche, scrub, type DemarcheExport } from '../ingest/ds-api.js';
import { parseJsonText } from '../ingest/ds-json.js';
import { count, frNumber } from '../util/french.js';
import { writeAtomic } from '../files/atomic-write.js';
import { displayPath } from '../files/edition-files.js';
import { Progress } from '../output/progress.js';
import { isRecord } from '../util/yaml-source.js';
import type { FetchOptions } from './fetch-wiring.js';
import type { Io } from './io.js';
import { at, rootOf } from './paths.js';
import { instanceOfDemarche } from './validate-demarche.js';
import { connection, demarcheNumber } from './ds-connection.js';

/** Where an interrupted download stopped, kept beside its output until it ends: the same command goes on from there. */
interface Checkpoint {
  tnl: 'reprise';
  demarche: number;
  since: string | null;
  after: string;
  page: number;
  nodes: unknown[];
}

/** A moment for --since: a date (midnight, Paris time) or a date and time with its offset. */
function sinceOption(raw: string): string {
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`))) return `${s}T00:00:00+01:00`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))) return s;
  throw new UsageError(`--since attend une date (2024-11-01) ou une date et une heure avec son fuseau (2024-11-01T08:00:00+01:00), pas « ${raw} »`);
}

const nodesOf = (x: unknown): Record<string, unknown>[] => {
  const d = isRecord(x) && isRecord(x.data) && isRecord(x.data.demarche) && isRecord(x.data.demarche.dossiers) ? x.data.demarche.dossiers.nodes : undefined;
  return Array.isArray(d) ? d.filter(isRecord) : [];
};

export async function fetchCommand(opts: FetchOptions, io: Io): Promise<number> {
  const demarche = demarcheNumber(opts.demarche);
  // The instance: --instance, else the one the questionnaire of that démarche's edition names.
  const { instance, token, api } = connection(opts, io, opts.instance ? undefined : instanceOfDemarche(demarche, rootOf(io, undefined)));
  const out = at(io, opts.out);
  const since = opts.since === undefined ? null : sinceOption(opts.since);
  // --since merges the changes into the export already there: it must be that démarche's.
  let previous: Record<string, unknown>[] | undefined;
  if (since) {
    if (!existsSync(out)) throw new UsageError(`--since met à jour un export existant : ${opts.out} n’existe pas (faites d’abord un téléchargement complet)`);
    // (Read as the file this command updates, atomically, not as an input it must never overwrite.)
    const old = parseJsonText(readFileSync(out, 'utf8'), displayPath(out));
    const number = isRecord(old) && isRecord(old.data) && isRecord(old.data.demarche) ? old.data.demarche.number : undefined;
    if (number !== demarche) throw new InputError(`cet export est celui de la démarche ${String(number)}, pas de ${demarche}`, displayPath(out));
    previous = nodesOf(old);
  }
  const checkpointFile = `${out}.reprise.json`;
  let resume: Checkpoint | undefined;
  if (existsSync(checkpointFile)) {
    const c = parseJsonText(readFileSync(checkpointFile, 'utf8'), displayPath(checkpointFile)) as Checkpoint;
    if (isRecord(c) && c.tnl === 'reprise' && c.demarche === demarche && c.since === since && Array.isArray(c.nodes) && typeof c.after === 'string') {
      resume = c;
      io.stderr.write(`reprise du téléchargement interrompu après la page ${c.page} (${count(c.nodes.length, 'dossier')} déjà reçus)\n`);
    }
  }
  const quiet = opts.quiet ?? false;
  const progress = new Progress(io.stderr, { quiet });
  // Off a terminal (a CI log), one line per page received: a slow instance is visibly alive there too.
  const lines = !quiet && !io.stderr.isTTY;
  let lastShown = 0;
  try {
    const data: DemarcheExport = await fetchDemarche({
      ...api,
      demarche,
      ...(since ? { updatedSince: since } : {}),
      ...(io.env.TNL_FETCH_PAGE_SIZE ? { pageSize: Number(io.env.TNL_FETCH_PAGE_SIZE) } : {}),
      ...(resume ? { resume: { after: resume.after, nodes: resume.nodes, page: resume.page } } : {}),
      onCheckpoint: (c) => writeAtomic(checkpointFile, JSON.stringify({ tnl: 'reprise', demarche, since, ...c } satisfies Checkpoint)),
      onPage: (page, total) => {
        const text = `page ${page} reçue : ${count(total, 'dossier')} ${since ? 'modifiés ' : ''}jusqu’ici`;
        if (lines) io.stderr.write(`${text}\n`);
        else progress.update(text);
      },
      onBytes: (page, bytes) => {
        const now = Date.now();
        if (lines || now - lastShown < 200) return;
        lastShown = now;
        progress.update(`page ${page} en cours : ${frNumber(bytes / 1024, 0)}\u00a0Ko reçus`);
      },
      onNotice: (message) => {
        if (quiet) return;
        progress.done();
        io.stderr.write(`${scrub(message, token)}\n`);
      },
    });
    progress.done();
    let summary: string;
    if (since && previous) {
      const changed = nodesOf(data);
      const deleted = await fetchDeleted({ ...api, demarche }, since);
      const gone = new Set(deleted.map((d) => d.number));
      const merged = new Map(previous.map((n) => [Number(n.number), n]));
      for (const n of changed) merged.set(Number(n.number), n);
      for (const d of deleted)
        if (merged.delete(d.number)) io.stderr.write(`dossier ${d.number} supprimé dans démarches simplifiées (${d.reason}) : retiré de l’export\n`);
      for (const n of changed)
        if (n.state === 'en_construction')
          io.stderr.write(`dossier ${String(n.number)} repassé en construction : il n’est plus noté (états retenus par défaut : en_instruction, accepte)\n`);
      data.data.demarche.dossiers.nodes = byNumber([...merged.values()].filter((n) => !gone.has(Number(n.number))));
      summary = `${count(changed.length, 'dossier')} modifié${changed.length > 1 ? 's' : ''} depuis ${since}, ${count(gone.size, 'dossier')} supprimé${gone.size > 1 ? 's' : ''} ; ${count(data.data.demarche.dossiers.nodes.length, 'dossier')} dans ${opts.out}`;
    } else {
      const n = data.data.demarche.dossiers.nodes.length;
      summary = `${n} dossier${n > 1 ? 's' : ''} de la démarche ${opts.demarche} écrit${n > 1 ? 's' : ''} dans ${opts.out}`;
    }
    writeAtomic(out, JSON.stringify(data, null, 2) + '\n');
    rmSync(checkpointFile, { force: true });
    io.stderr.write(`${summary}\n`);
    return 0;
  } catch (e) {
    progress.done();
    if (e instanceof ApiError) {
      const kept = existsSync(checkpointFile) ? ` ; relancez la même commande pour reprendre (${displayPath(checkpointFile)})` : '';
      throw new InputError(`${scrub(e.message, token)}${kept}`, instance.origin);
    }
    throw e;
  }
}
