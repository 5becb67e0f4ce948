import { q } from '../util/french.js';
import { normaliseLabel } from '../util/suggest.js';
import type { IdentityRole, Question, Questionnaire } from '../edition/types.js';
import { InputError } from '../findings/errors.js';
import type { Finding } from '../findings/finding.js';
import { isRecord } from '../util/yaml-source.js';
import { matchColumns, type ColumnMatch } from './columns.js';
import { DOSSIER_STATES, type Answer, type Dossier, type DossierState } from './dossier.js';
import { readIdentity } from './ds-csv.js';
import type { Problem } from './identity.js';
import { findChoice, numberAnswer, outsideOptions, parseDate, parseFrenchNumber, readCell, withoutUnit } from './values.js';

type Json = Record<string, unknown>;

/** Parses JSON text; a syntax error is an InputError with line and column. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    if (pos && Number(pos[1]) >= text.trimEnd().length) {
      throw new InputError('JSON invalide : le fichier s’arrête au milieu (téléchargement interrompu ?)', file, text.trimEnd().split('\n').length);
    }
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      throw new InputError('JSON invalide : caractère inattendu', file, line, Number(pos[1]) - before.lastIndexOf('\n'));
    }
    if (/end of JSON input|Unterminated/i.test(msg))
      throw new InputError('JSON invalide : le fichier s’arrête au milieu (téléchargement interrompu ?)', file, text.split('\n').length);
    throw new InputError('JSON invalide', file);
  }
}

/** The dossier nodes of a GraphQL answer (`data.demarche.dossiers.nodes`), a `tnl fetch` file, or a plain array. */
export function dossierNodes(data: unknown, file: string): Json[] {
  if (isRecord(data) && Array.isArray(data.errors) && !isRecord(data.data))
    throw new InputError(`réponse d’erreur de l’API : ${data.errors.map((e) => (isRecord(e) ? String(e.message) : String(e))).join(' ; ')}`, file);
  if (isRecord(data) && isRecord(data.provenance) && Array.isArray(data.dossiers))
    throw new InputError(
      'c’est un fichier de notes produit par « tnl score --format json », pas un export de démarches simplifiées : donnez l’export (CSV, JSON de l’API ou XLSX) à noter, ou ce fichier à « tnl publish --scores »',
      file,
    );
  const nodes = Array.isArray(data)
    ? data
    : isRecord(data) && isRecord(data.data) && isRecord(data.data.demarche) && isRecord(data.data.demarche.dossiers)
      ? data.data.demarche.dossiers.nodes
      : isRecord(data) && isRecord(data.data) && isRecord(data.data.dossier)
        ? [data.data.dossier]
        : isRecord(data) && Array.isArray(data.dossiers)
          ? data.dossiers
          : undefined;
  if (!Array.isArray(nodes))
    throw new InputError(
      'JSON inattendu : ni réponse de l’API démarches simplifiées ({"data": {"demarche": {"dossiers": {"nodes": […]}}}}), ni liste de dossiers',
      file,
    );
  nodes.forEach((n, i) => {
    if (!isRecord(n) || (typeof n.number !== 'number' && typeof n.number !== 'string'))
      throw new InputError(`JSON inattendu : l’élément ${i + 1} de la liste n’est pas un dossier (pas de champ « number »)`, file);
    // 1e400 reads as Infinity, 1.5 or -3 are no dossier numbers: refused, never turned into text.
    const ok = typeof n.number === 'number' ? Number.isSafeInteger(n.number) && n.number > 0 : /^\d{1,15}$/.test(n.number.trim());
    if (!ok)
      throw new InputError(
        `JSON inattendu : l’élément ${i + 1} a un numéro de dossier invalide (${JSON.stringify(n.number)}) : un nombre entier positif est attendu`,
        file,
      );
  });
  return nodes as Json[];
}

/** When an API answer is that of another démarche than the questionnaire's: both numbers, said. */
export function demarcheMismatch(data: unknown, questionnaire: Questionnaire): string | undefined {
  const expected = questionnaire.demarche?.number;
  const demarche = isRecord(data) && isRecord(data.data) && isRecord(data.data.demarche) ? data.data.demarche : undefined;
  const found = demarche && (typeof demarche.number === 'number' || typeof demarche.number === 'string') ? Number(demarche.number) : undefined;
  if (expected === undefined || found === undefined || !Number.isFinite(found) || found === expected) return undefined;
  return `cet export est celui de la démarche ${found}, mais le questionnaire de l’édition ${questionnaire.edition} est celui de la démarche ${expected} : vérifiez le fichier, ou --edition`;
}

/**
 * What says that a JSON export is not whole: an API answer that carries errors beside its data (a
 * partial answer), or a page that announces a next page (one page of a paginated download saved
 * as is). The dossiers are still read; the findings say the export is incomplete.
 */
export function completenessFindings(data: unknown, file: string): Finding[] {
  if (!isRecord(data)) return [];
  const findings: Finding[] = [];
  if (Array.isArray(data.errors) && data.errors.length && isRecord(data.data)) {
    const messages = data.errors.map((e) => (isRecord(e) ? String(e.message) : String(e))).join(' ; ');
    findings.push({
      severity: 'warning',
      rule: 'ingest/incomplete-export',
      message: `export incomplet : la réponse de l’API porte aussi des erreurs (${messages}) ; des dossiers ou des champs peuvent manquer — retéléchargez avec « tnl fetch »`,
      file,
    });
  }
  const dossiers = isRecord(data.data) && isRecord(data.data.demarche) && isRecord(data.data.demarche.dossiers) ? data.data.demarche.dossiers : undefined;
  if (dossiers && isRecord(dossiers.pageInfo) && dossiers.pageInfo.hasNextPage === true)
    findings.push({
      severity: 'warning',
      rule: 'ingest/incomplete-export',
      message:
        'export incomplet : ce fichier est une seule page de la réponse de l’API (hasNextPage vaut true) ; les dossiers des pages suivantes manquent — téléchargez tout avec « tnl fetch »',
      file,
    });
  return findings;
}

/** Descriptors decoded: every dossier of an export carries the same few hundred. */
const stableIds = new Map<string, number | undefined>();
const STABLE_IDS_MAX = 8192;

/** What marks a file written by the self-assessment page (`tnl simulateur`): its edition and barème. */
export function simulatorExport(data: unknown): { edition: number; bareme: string } | undefined {
  if (!isRecord(data) || !isRecord(data.simulateur)) return undefined;
  const { edition, bareme } = data.simulateur;
  return { edition: typeof edition === 'number' ? edition : Number.NaN, bareme: typeof bareme === 'string' ? bareme : '?' };
}

/** A simulation read: said where the user looks, since it is an estimate and not a deposited dossier. */
export function simulatorFindings(data: unknown, questionnaire: Questionnaire, file: string): Finding[] {
  const sim = simulatorExport(data);
  if (!sim) return [];
  const findings: Finding[] = [
    {
      severity: 'warning',
      rule: 'ingest/simulator',
      message: `réponses d’auto-évaluation écrites par la page du simulateur (édition ${sim.edition}, barème ${sim.bareme}) : une estimation, pas un dossier déposé`,
      file,
    },
  ];
  if (sim.edition !== questionnaire.edition)
    findings.push({
      severity: 'warning',
      rule: 'ingest/simulator-edition',
      message: `ces réponses viennent du simulateur de l’édition ${sim.edition}, mais sont lues avec le questionnaire de l’édition ${questionnaire.edition} : les questions qui ont changé comptent comme sans réponse`,
      file,
    });
  return findings;
}

/** base64("Champ-4512301") or base64("Champ-4512301|ULID") → 4512301 */
export function stableIdOf(descriptor: unknown): number | undefined {
  if (typeof descriptor !== 'string' || descriptor.length > 200) return decodeStableId(descriptor);
  if (stableIds.has(descriptor)) return stableIds.get(descriptor);
  const id = decodeStableId(descriptor);
  if (stableIds.size >= STABLE_IDS_MAX) stableIds.clear();
  stableIds.set(descriptor, id);
  return id;
}

function decodeStableId(descriptor: unknown): number | undefined {
  if (typeof descriptor !== 'string') return undefined;
  const m = /^Champ-(\d+)/.exec(Buffer.from(descriptor, 'base64').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

export interface JsonRead {
  dossiers: Dossier[];
  columns: ColumnMatch[];
  findings: Finding[];
}

/** GraphQL dossiers → Dossier[]: champs matched by stable id, else by label; typed values used. */
export function dossiersFromJson(nodes: Json[], questionnaire: Questionnaire, file: string, opts: { simulation?: boolean } = {}): JsonRead {
  const byStable = new Map<number, { role?: IdentityRole; question?: Question }>();
  for (const f of Object.values(questionnaire.identity)) if (f?.stableId) byStable.set(f.stableId, { role: f.role });
  for (const x of questionnaire.questions) if (x.stableId) byStable.set(x.stableId, { question: x });
  const questions = new Map(questionnaire.questions.map((x) => [x.id, x]));

  // Labels not resolved by stable id are matched like CSV headers, once for the whole file.
  const labels = new Set<string>();
  for (const n of nodes)
    for (const c of champsOf(n)) if (!byStable.has(stableIdOf(c.champDescriptorId) ?? -1) && typeof c.label === 'string') labels.add(c.label);
  const labelMatches = new Map(matchColumns([...labels], questionnaire).map((m) => [m.header, m]));

  const findings: Finding[] = [];
  const columns = new Map<string, ColumnMatch>();
  const seen = new Set<string>();
  const dossiers: Dossier[] = [];
  const sourceOf = new Map<string, { file: string; field: string }>();
  for (const node of nodes) {
    const number = String(node.number);
    if (seen.has(number)) {
      findings.push({
        severity: 'error',
        rule: 'ingest/duplicate-dossier',
        message: `dossier ${number} en double : seule la première occurrence est lue`,
        file,
        dossier: number,
      });
      continue;
    }
    seen.add(number);
    const dossier: Dossier = { number, identity: {}, answers: {}, unavailable: [], sources: {} };
    if (typeof node.state === 'string' && (DOSSIER_STATES as readonly string[]).includes(node.state)) dossier.state = node.state as DossierState;
    // A simulation has no state: it was never deposited (read like a hand-made file without states).
    else if (!(opts.simulation && node.state === undefined))
      findings.push({ severity: 'error', rule: 'ingest/state', message: `état de dossier ${q(String(node.state))} inconnu`, file, dossier: number });
    if (typeof node.dateDepot === 'string') dossier.depotAt = node.dateDepot;
    if (typeof node.datePassageEnInstruction === 'string') dossier.instructionAt = node.datePassageEnInstruction;
    if (typeof node.dateTraitement === 'string') dossier.processedAt = node.dateTraitement;

    for (const champ of champsOf(node)) {
      const label = typeof champ.label === 'string' ? champ.label : '';
      const problem = (p: Problem, rule: string) => findings.push({ severity: p.severity, rule, message: p.message, file, dossier: number, field: label });
      const stable = byStable.get(stableIdOf(champ.champDescriptorId) ?? -1);
      const match = labelMatches.get(label);
      const role = stable?.role ?? (match?.target.kind === 'identity' ? match.target.role : undefined);
      const question = stable?.question ?? (match?.target.kind === 'question' && match.target.part === 'value' ? questions.get(match.target.id) : undefined);
      if (!columns.has(label))
        columns.set(
          label,
          stable
            ? {
                index: columns.size,
                header: label,
                target: role ? { kind: 'identity', role, part: 'value' } : { kind: 'question', id: question!.id, part: 'value' },
                via: 'id',
              }
            : (match ?? { index: columns.size, header: label, target: { kind: 'unknown' } }),
        );
      let source = sourceOf.get(label);
      if (!source) sourceOf.set(label, (source = { file, field: label }));
      if (role) {
        readIdentityChamp(dossier, role, champ, questionnaire, (p) => problem(p, `ingest/identity-${role}`));
        dossier.sources[`identity.${role}`] ??= source;
      } else if (question) {
        dossier.sources[question.id] = source;
        const r = answerOf(question, champ);
        if (r.problem) problem(r.problem, 'ingest/answer');
        if (r.answer) dossier.answers[question.id] = r.answer;
      }
    }
    const notes = annotationsOf(node, questionnaire);
    if (notes) dossier.annotations = notes;
    dossiers.push(dossier);
  }
  const list = [...columns.values()].map((c, index) => ({ ...c, index }));
  for (const c of list)
    if (c.target.kind === 'unknown' && c.header)
      findings.push({
        severity: 'info',
        rule: 'ingest/unknown-column',
        message: `champ ${q(c.header)} ignoré : il ne correspond à aucune question`,
        file,
        field: c.header,
      });
  for (const x of questionnaire.questions)
    if (x.required && !list.some((c) => c.target.kind === 'question' && c.target.id === x.id))
      findings.push({
        severity: 'warning',
        rule: 'ingest/missing-column',
        message: `aucun dossier ne contient la question obligatoire ${q(x.id)} (${q(x.label)})`,
        file,
      });
  return { dossiers, columns: list, findings };
}

/** The private annotations the questionnaire names, by stable id or label (never published). */
function annotationsOf(node: Json, questionnaire: Questionnaire): Record<string, string> | undefined {
  if (!questionnaire.annotations.length || !Array.isArray(node.annotations)) return undefined;
  const out: Record<string, string> = {};
  for (const champ of node.annotations.filter(isRecord)) {
    const stable = stableIdOf(champ.champDescriptorId);
    const label = typeof champ.label === 'string' ? normaliseLabel(champ.label) : '';
    const a = questionnaire.annotations.find(
      (x) => (stable !== undefined && x.stableId === stable) || [x.label, ...x.aliases].some((l) => normaliseLabel(l) === label),
    );
    const text = stringValue(champ).replace(/\r\n/g, '\n').trim();
    if (a && text) out[a.id] = text;
  }
  return Object.keys(out).length ? out : undefined;
}

function champsOf(node: Json): Json[] {
  return (Array.isArray(node.champs) ? node.champs : []).filter(isRecord) as Json[];
}

function readIdentityChamp(dossier: Dossier, role: IdentityRole, champ: Json, questionnaire: Questionnaire, problem: (p: Problem) => void): void {
  if (role === 'departement' && isRecord(champ.departement) && typeof champ.departement.code === 'string') {
    dossier.identity.departement = champ.departement.code;
    return;
  }
  if (role === 'epci' && isRecord(champ.epci)) {
    dossier.identity.epci = { name: String(champ.epci.name ?? ''), ...(typeof champ.epci.code === 'string' ? { code: champ.epci.code } : {}) };
    if (isRecord(champ.departement) && typeof champ.departement.code === 'string') dossier.identity.departement ??= champ.departement.code;
    return;
  }
  if (role === 'commune' && isRecord(champ.commune)) {
    dossier.identity.commune = { name: String(champ.commune.name ?? ''), ...(typeof champ.commune.code === 'string' ? { code: champ.commune.code } : {}) };
    if (isRecord(champ.departement) && typeof champ.departement.code === 'string') dossier.identity.departement ??= champ.departement.code;
    return;
  }
  const value =
    role === 'population' && champ.integerNumber != null
      ? String(champ.integerNumber)
      : role === 'kind' && typeof champ.value === 'string'
        ? champ.value
        : stringValue(champ);
  readIdentity(dossier.identity, role, 'value', value, questionnaire, problem);
}

function stringValue(champ: Json): string {
  return typeof champ.stringValue === 'string' ? champ.stringValue : '';
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « 18 novembre 2021 » (the API's stringValue of a date) → 2021-11-18 */
export function parseFrenchLongDate(s: string): string | undefined {
  const m = /^(\d{1,2})\s+(\p{L}+)\s+(\d{4})$/u.exec(s.trim());
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  return m && month >= 0 ? parseDate(`${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`) : undefined;
}

/** A champ's typed value → an answer (stringValue only as a fallback). */
export function answerOf(question: Question, champ: Json): { answer?: Answer; problem?: Problem } {
  const sv = stringValue(champ);
  switch (question.type) {
    case 'yes_no':
    case 'checkbox': {
      const v = champ.selected !== undefined ? champ.selected : champ.checked !== undefined ? champ.checked : champ.value;
      if (typeof v === 'boolean') return { answer: { kind: 'bool', value: v } };
      if (v === null) return {};
      return readCell(question, sv);
    }
    case 'single_choice':
      return readCell(question, typeof champ.value === 'string' ? champ.value : sv);
    case 'multiple_choice': {
      if (!Array.isArray(champ.values)) return readCell(question, sv);
      const ids: string[] = [];
      const unknown: string[] = [];
      for (const v of champ.values) {
        const c = findChoice(question, String(v));
        if (c) ids.push(c.id);
        else unknown.push(String(v));
      }
      const order = (question.choices ?? []).map((c) => c.id);
      ids.sort((a, b) => order.indexOf(a) - order.indexOf(b));
      if (!ids.length && !unknown.length) return {};
      return {
        answer: { kind: 'choices', ids },
        ...(unknown.length
          ? {
              problem: {
                severity: 'error' as const,
                message: outsideOptions(question, unknown),
              },
            }
          : {}),
      };
    }
    case 'integer':
    case 'decimal': {
      const typed = champ.integerNumber ?? champ.decimalNumber;
      if (typed === null) return {};
      // The same value rule as the CSV: the API's typed number is checked against the range too.
      if (typeof typed === 'number') return numberAnswer(question, String(typed), typed);
      if (typeof typed === 'string') return numberAnswer(question, typed, parseFrenchNumber(question.unit ? withoutUnit(typed, [question.unit]) : typed));
      return readCell(question, sv);
    }
    case 'date': {
      if (typeof champ.date === 'string') return { answer: { kind: 'date', value: champ.date.slice(0, 10) } };
      const d = parseFrenchLongDate(sv);
      return d ? { answer: { kind: 'date', value: d } } : readCell(question, sv);
    }
    case 'commune': {
      if (isRecord(champ.commune)) {
        const dep = isRecord(champ.departement) && typeof champ.departement.code === 'string' ? champ.departement.code : undefined;
        return {
          answer: {
            kind: 'commune',
            name: String(champ.commune.name ?? ''),
            ...(typeof champ.commune.code === 'string' ? { code: champ.commune.code } : {}),
            ...(dep ? { departement: dep } : {}),
          },
        };
      }
      return readCell(question, sv);
    }
    case 'text':
      return readCell(question, sv);
    case 'repetition': {
      const rows = (Array.isArray(champ.rows) ? champ.rows : []).filter(isRecord).map((row) => {
        const out: Record<string, string> = {};
        for (const c of (Array.isArray(row.champs) ? row.champs : []).filter(isRecord)) {
          const label = String(c.label ?? '');
          const child = question.children?.find((ch) => ch.label === label);
          out[child?.id ?? label] = stringValue(c);
        }
        return out;
      });
      return { answer: { kind: 'rows', rows } };
    }
    case 'file': {
      // The API gives a `files` list (stringValue is null when files exist); the CSV, their names.
      if (Array.isArray(champ.files)) {
        const names = champ.files
          .filter(isRecord)
          .map((f) => String(f.filename ?? ''))
          .filter(Boolean);
        return names.length ? { answer: { kind: 'files', names } } : {};
      }
      return readCell(question, sv);
    }
  }
}
