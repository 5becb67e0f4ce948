import { didYouMean, q } from '../util/french.js';
import { Suggestions, normaliseLabel } from '../util/suggest.js';
import type { IdentityField, IdentityRole, Question, Questionnaire } from '../edition/types.js';
import type { Finding } from '../findings/finding.js';

/** The dossier-level columns tnl reads, with the headers DS uses (default export, then export templates). */
export const FIXED_COLUMNS = {
  number: ['ID', 'N° dossier', 'Numéro de dossier', 'Numéro du dossier', 'Dossier ID', 'Dossier', 'N°'],
  state: ['État du dossier', 'Etat', 'État', 'Statut'],
  depotAt: ['Déposé le', 'Date de dépôt'],
  instructionAt: ['Passé en instruction le', 'Date de passage en instruction'],
  processedAt: ['Traité le', 'Date de traitement'],
} as const;
export type FixedColumn = keyof typeof FIXED_COLUMNS;

/** Other DS columns: recognised, not used (several hold personal data and are never kept). */
const KNOWN_DS_COLUMNS = [
  'Email',
  'FranceConnect ?',
  'Civilité',
  'Nom',
  'Prénom',
  'Dépôt pour un tiers',
  'Nom du mandataire',
  'Prénom du mandataire',
  'Date de naissance',
  'Domaine Fonctionnel',
  'Référentiel De Programmation',
  'Centre De Coût',
  'À archiver',
  'Archivé',
  'Dernière mise à jour le',
  'Dernière mise à jour du dossier le',
  'Date décision SVA',
  'Date décision SVR',
  'Motivation de la décision',
  'Instructeurs',
  'Groupe instructeur',
  'Adresse électronique',
  'France connecté ?',
  'Date de création',
  'Date du dernier évènement',
  'Date de dernière modification (usager)',
  'Date de passage en construction',
  "Date d'expiration",
  'Labels',
].map(normaliseLabel);
const KNOWN_DS_PREFIXES = ['etablissement ', 'entreprise ', 'association '];

/** Sub-columns of multi-column champs (default export, then export template). */
const PART_SUFFIXES: { suffix: string; part: ColumnPart }[] = [
  { suffix: ' (code insee)', part: 'code' },
  { suffix: ' (departement)', part: 'departement' },
  { suffix: ' (code)', part: 'code' },
  { suffix: ' - code postal (5 chiffres)', part: 'postal' },
  { suffix: ' - departement', part: 'departement' },
  { suffix: ' - code insee', part: 'code' },
];
export type ColumnPart = 'value' | 'code' | 'departement' | 'postal';

export type ColumnTarget =
  | { kind: 'fixed'; field: FixedColumn }
  | { kind: 'identity'; role: IdentityRole; part: ColumnPart }
  | { kind: 'question'; id: string; part: ColumnPart }
  | { kind: 'annotation'; id: string }
  | { kind: 'known' }
  | { kind: 'duplicate' }
  | { kind: 'unknown' };

export interface ColumnMatch {
  index: number;
  header: string;
  target: ColumnTarget;
  /** How it matched: exact label, alias, or a sub-column suffix. */
  via?: 'label' | 'alias' | 'id';
}

interface Candidate {
  key: string;
  target: ColumnTarget;
  via: 'label' | 'alias' | 'id';
  order: number;
}

function fieldCandidates(questionnaire: Questionnaire): Candidate[] {
  const out: Candidate[] = [];
  let order = 0;
  const push = (labels: { label: string; aliases: string[] }, id: string, make: (part: ColumnPart) => ColumnTarget) => {
    order++;
    out.push({ key: normaliseLabel(labels.label), target: make('value'), via: 'label', order });
    for (const a of labels.aliases) out.push({ key: normaliseLabel(a), target: make('value'), via: 'alias', order });
    if (id.includes('.')) out.push({ key: normaliseLabel(id), target: make('value'), via: 'id', order });
  };
  for (const [field, headers] of Object.entries(FIXED_COLUMNS)) {
    headers.forEach((h, i) =>
      out.push({ key: normaliseLabel(h), target: { kind: 'fixed', field: field as FixedColumn }, via: i ? 'alias' : 'label', order: ++order }),
    );
  }
  for (const f of Object.values(questionnaire.identity) as IdentityField[]) {
    push(f, f.role, (part) => ({ kind: 'identity', role: f.role, part }));
  }
  for (const qn of questionnaire.questions) push(qn, qn.id, (part) => ({ kind: 'question', id: qn.id, part }));
  for (const a of questionnaire.annotations)
    push(a, `annotations.${a.id}`, (part) => (part === 'value' ? { kind: 'annotation', id: a.id } : { kind: 'unknown' }));
  return out;
}

const targetKey = (t: ColumnTarget): string =>
  t.kind === 'fixed'
    ? `fixed:${t.field}`
    : t.kind === 'identity'
      ? `identity:${t.role}:${t.part}`
      : t.kind === 'question'
        ? `question:${t.id}:${t.part}`
        : t.kind === 'annotation'
          ? `annotation:${t.id}`
          : t.kind;

/**
 * Matches headers to fields on normalised labels (case, accents, apostrophes, spaces, trailing
 * ? or :), then aliases, then question ids; `<label> (Code INSEE)`-style sub-columns go to their
 * champ. Exact labels are assigned first, so an alias never takes a field from its own column.
 * Duplicated headers go, in order, to fields sharing that label; a further copy is reported.
 */
export function matchColumns(headers: readonly string[], questionnaire: Questionnaire): ColumnMatch[] {
  const byKey = new Map<string, Candidate[]>();
  for (const c of fieldCandidates(questionnaire)) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
  const options = headers.map((header) => {
    const key = normaliseLabel(header);
    const found = (byKey.get(key) ?? []).map((c) => ({ ...c, target: withPart(c.target, 'value') }));
    for (const { suffix, part } of PART_SUFFIXES) {
      if (key.endsWith(suffix)) found.push(...(byKey.get(key.slice(0, -suffix.length)) ?? []).map((c) => ({ ...c, target: withPart(c.target, part) })));
    }
    return found.filter((c) => c.target.kind !== 'unknown').sort((a, b) => a.order - b.order);
  });
  const result: (ColumnMatch | undefined)[] = headers.map(() => undefined);
  const taken = new Set<string>();
  for (const via of ['label', 'alias', 'id'] as const) {
    headers.forEach((header, index) => {
      if (result[index]) return;
      const free = options[index]!.find((c) => c.via === via && !taken.has(targetKey(c.target)));
      if (!free) return;
      taken.add(targetKey(free.target));
      result[index] = { index, header, target: free.target, via };
    });
  }
  return headers.map((header, index) => {
    const done = result[index];
    if (done) return done;
    const key = normaliseLabel(header);
    if (KNOWN_DS_COLUMNS.includes(key) || KNOWN_DS_PREFIXES.some((p) => key.startsWith(p))) return { index, header, target: { kind: 'known' } };
    if (options[index]!.length) return { index, header, target: { kind: 'duplicate' } };
    return { index, header, target: { kind: 'unknown' } };
  });
}

function withPart(t: ColumnTarget, part: ColumnPart): ColumnTarget {
  if (t.kind === 'identity' || t.kind === 'question') return { ...t, part };
  return part === 'value' ? t : { kind: 'unknown' };
}

/** Findings about the header row: missing fields (with the closest column), unknown columns. */
export function columnFindings(matches: readonly ColumnMatch[], questionnaire: Questionnaire, file: string): Finding[] {
  const findings: Finding[] = [];
  const matched = new Set(matches.map((m) => targetKey(m.target)));
  const spare = new Suggestions(matches.filter((m) => m.target.kind === 'unknown').map((m) => m.header));
  const at = { file, line: 1 };
  const missing = (what: string, label: string, severity: Finding['severity'], consequence: string, rule: string) =>
    findings.push({
      severity,
      rule,
      message: `aucune colonne pour ${what} (${q(label)})${consequence}.${didYouMean(spare.closest(label))}`,
      ...at,
    });

  if (!matched.has('fixed:number'))
    findings.push({
      severity: 'error',
      rule: 'ingest/missing-column',
      message: `aucune colonne de numéro de dossier (${FIXED_COLUMNS.number
        .slice(0, 2)
        .map((h) => q(h))
        .join(' ou ')}).${didYouMean(spare.closest('N° dossier'))}`,
      ...at,
    });
  for (const f of Object.values(questionnaire.identity) as IdentityField[]) {
    if (matched.has(`identity:${f.role}:value`) || matched.has(`identity:${f.role}:code`)) continue;
    if (f.required) missing(`le champ d’identité ${q(f.role)}`, f.label, 'error', '', 'ingest/missing-column');
  }
  for (const qn of questionnaire.questions as Question[]) {
    if (qn.type === 'repetition' || matched.has(`question:${qn.id}:value`)) continue;
    if (qn.required) missing(`la question obligatoire ${q(qn.id)}`, qn.label, 'error', '', 'ingest/missing-column');
    else if (['text', 'date', 'commune'].includes(qn.type)) missing(`la question ${q(qn.id)}`, qn.label, 'info', '', 'ingest/missing-column');
    else missing(`la question ${q(qn.id)}`, qn.label, 'warning', ' : elle comptera comme sans réponse', 'ingest/missing-column');
  }
  for (const m of matches) {
    if (m.target.kind === 'unknown')
      findings.push({
        severity: 'info',
        rule: 'ingest/unknown-column',
        message: `colonne ${m.index + 1} ${q(m.header)} ignorée : elle ne correspond à aucune question`,
        field: m.header,
        ...at,
      });
    if (m.target.kind === 'duplicate')
      findings.push({
        severity: 'info',
        rule: 'ingest/duplicate-column',
        message: `colonne ${m.index + 1} ${q(m.header)} ignorée : en-tête en double`,
        field: m.header,
        ...at,
      });
  }
  return findings;
}

/**
 * How many of the fields an export of this questionnaire must have (required identity fields and
 * required questions) the header row carries: far too few means the wrong export or the wrong
 * edition, said once rather than as one finding per missing column.
 */
export function wrongExportProblem(matches: readonly ColumnMatch[], questionnaire: Questionnaire): string | undefined {
  const matched = new Set(matches.map((m) => targetKey(m.target)));
  const wanted = [
    ...(Object.values(questionnaire.identity) as IdentityField[]).filter((f) => f.required).map((f) => [`identity:${f.role}:value`, `identity:${f.role}:code`]),
    ...questionnaire.questions.filter((x) => x.required && x.type !== 'repetition').map((x) => [`question:${x.id}:value`]),
  ];
  if (wanted.length < 3) return undefined;
  const found = wanted.filter((keys) => keys.some((k) => matched.has(k))).length;
  if (found * 2 >= wanted.length) return undefined;
  const demarche = questionnaire.demarche?.number ? `de la démarche ${questionnaire.demarche.number} ` : '';
  return `est-ce bien l’export ${demarche}(édition ${questionnaire.edition}) ? Seules ${found} des ${wanted.length} colonnes obligatoires y figurent ; vérifiez le fichier et --edition (tnl inspect montre comment chaque colonne est lue)`;
}
