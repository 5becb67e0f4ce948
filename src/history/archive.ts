import { RESEARCH_NOTE } from './research-note.js';
import { createRequire } from 'node:module';
import { checkSchema } from '../edition/schema-check.js';
import type { Finding } from '../findings/finding.js';
import { findingAt, type YamlSource } from '../util/yaml-source.js';
import { authorityId } from './authority.js';
import { SCALE_LEVELS, type EditionResults, type Laureate } from './types.js';

interface RawResults {
  edition: number;
  number: number;
  scale: EditionResults['scale'];
  complete: boolean;
  completeness_note?: string;
  published?: EditionResults['published'];
  campaign?: EditionResults['campaign'];
  jury_date?: string | null;
  results_published?: string | null;
  ceremony?: EditionResults['ceremony'];
  jury?: EditionResults['jury'];
  laureates: {
    name: string;
    kind: Laureate['kind'];
    code?: string;
    departement?: string;
    population?: number;
    population_source?: string;
    level: string | null;
    carrier?: string;
    participation?: number;
    mentions?: (string | { label: string; reason?: string })[];
    note?: string;
    article?: string;
    possible_departements?: string[];
  }[];
  sources?: string[];
  notes?: string[];
}

/** Checks a results file: schema, levels within the edition's scale, no laureate twice. */
export function checkResults(source: YamlSource, scaleLevels?: readonly string[]): { results?: EditionResults; findings: Finding[] } {
  const findings = checkSchema(source, 'results');
  if (findings.length) return { findings };
  const raw = source.data as RawResults;
  const add = (rule: string, message: string, path: (string | number)[]) => findings.push(findingAt(source, `results/${rule}`, message, path));
  const levels = scaleLevels ?? SCALE_LEVELS[raw.scale];
  const seen = new Map<string, number>();
  raw.laureates.forEach((l, i) => {
    if (l.level !== null && !levels.includes(l.level))
      add('level', `niveau « ${l.level} » hors de l’échelle de l’édition ${raw.edition} (${levels.join(', ')})`, ['laureates', i, 'level']);
    const id = authorityId(l);
    const first = seen.get(id);
    if (first !== undefined) add('duplicate', `« ${l.name} » figure deux fois parmi les lauréats (déjà à l’entrée ${first + 1})`, ['laureates', i, 'name']);
    else seen.set(id, i);
  });
  if (findings.length) return { findings };
  // A research note left in a published text (« (page: …) », « (English wording …) ») would reach
  // the press documents: said, to be moved to `notes`.
  const published: [string | undefined, (string | number)[]][] = [
    [raw.ceremony?.event, ['ceremony', 'event']],
    [raw.ceremony?.place, ['ceremony', 'place']],
    ...raw.laureates.flatMap((l, i) =>
      (l.mentions ?? []).map((m, j): [string, (string | number)[]] => [typeof m === 'string' ? m : m.label, ['laureates', i, 'mentions', j]]),
    ),
  ];
  for (const [text, path] of published)
    if (text && RESEARCH_NOTE.test(text))
      findings.push(
        findingAt(
          source,
          'results/research-note',
          `note de recherche dans un texte publié (« ${text} ») : gardez le texte seul et déplacez la note dans « notes »`,
          path,
          { severity: 'warning' },
        ),
      );
  return {
    findings,
    results: {
      edition: raw.edition,
      number: raw.number,
      scale: raw.scale,
      complete: raw.complete,
      ...(raw.completeness_note ? { completenessNote: raw.completeness_note } : {}),
      published: raw.published ?? {},
      ...(raw.campaign ? { campaign: raw.campaign } : {}),
      ...(raw.jury_date !== undefined ? { juryDate: raw.jury_date } : {}),
      ...(raw.results_published !== undefined ? { resultsPublished: raw.results_published } : {}),
      ...(raw.ceremony ? { ceremony: raw.ceremony } : {}),
      jury: raw.jury ?? [],
      laureates: raw.laureates.map((l) => ({
        name: l.name,
        kind: l.kind,
        ...(l.code ? { code: l.code } : {}),
        ...(l.departement ? { departement: l.departement } : {}),
        ...(l.population !== undefined ? { population: l.population } : {}),
        ...(l.population_source ? { populationSource: l.population_source } : {}),
        level: l.level,
        ...(l.carrier ? { carrier: l.carrier } : {}),
        ...(l.participation !== undefined ? { participation: l.participation } : {}),
        mentions: (l.mentions ?? []).map((m) => (typeof m === 'string' ? m : m.label)),
        ...(mentionReasonsOf(l.mentions) ? { mentionReasons: mentionReasonsOf(l.mentions)! } : {}),
        ...(l.note ? { note: l.note } : {}),
        ...(l.article !== undefined ? { article: l.article } : {}),
        ...(l.possible_departements ? { possibleDepartements: l.possible_departements } : {}),
      })),
      sources: raw.sources ?? [],
      notes: raw.notes ?? [],
      file: source.file,
    },
  };
}

/** The reasons given with a laureate's mentions in a results file, by label. */
function mentionReasonsOf(mentions: RawResults['laureates'][number]['mentions']): Record<string, string> | undefined {
  const pairs = (mentions ?? []).flatMap((m) => (typeof m !== 'string' && m.reason ? [[m.label, m.reason] as const] : []));
  return pairs.length ? Object.fromEntries(pairs) : undefined;
}

/** The YAML of a results file, with its schema line. Deterministic. */
export function resultsYaml(r: EditionResults, header: string[] = []): string {
  const doc = {
    edition: r.edition,
    number: r.number,
    scale: r.scale,
    complete: r.complete,
    ...(r.completenessNote ? { completeness_note: r.completenessNote } : {}),
    published: r.published,
    ...(r.campaign ? { campaign: r.campaign } : {}),
    jury_date: r.juryDate ?? null,
    results_published: r.resultsPublished ?? null,
    ...(r.ceremony ? { ceremony: r.ceremony } : {}),
    jury: r.jury,
    laureates: r.laureates.map((l) => ({
      name: l.name,
      kind: l.kind,
      ...(l.code ? { code: l.code } : {}),
      ...(l.departement ? { departement: l.departement } : {}),
      ...(l.population !== undefined ? { population: l.population } : {}),
      ...(l.populationSource ? { population_source: l.populationSource } : {}),
      level: l.level,
      ...(l.carrier ? { carrier: l.carrier } : {}),
      ...(l.participation !== undefined ? { participation: l.participation } : {}),
      ...(l.mentions.length ? { mentions: l.mentions.map((m) => (l.mentionReasons?.[m] ? { label: m, reason: l.mentionReasons[m] } : m)) } : {}),
      ...(l.note ? { note: l.note } : {}),
      ...(l.article !== undefined ? { article: l.article } : {}),
      ...(l.possibleDepartements ? { possible_departements: l.possibleDepartements } : {}),
    })),
    sources: r.sources,
    ...(r.notes.length ? { notes: r.notes } : {}),
  };
  const lines = ['# yaml-language-server: $schema=../src/edition/schema/results.schema.json', ...header.map((h) => `# ${h}`.trimEnd())];
  // yaml is loaded here only: reading the archive (from the cache) does not need it.
  const { stringify } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return `${lines.join('\n')}\n${stringify(doc, { lineWidth: 0 })}`;
}
