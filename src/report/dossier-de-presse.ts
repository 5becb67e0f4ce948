import { byProperName, capitalise, numberToWords, ordinal, typography } from '../util/french.js';
import type { Questionnaire } from '../edition/types.js';
import { figureText, keyFigures, timelines, yearMoves, type Figure } from '../history/figures.js';
import type { Archive, EditionResults } from '../history/types.js';
import { SCALE_LEVELS } from '../history/types.js';
import { laureatesChart, laureatesChartRows, LEVEL_COLOURS, levelName } from './chart.js';
import { laureatesMap, MAP_ATTRIBUTION } from './map.js';
import type { Press } from './press.js';
import { laureateCount, levelCount, publishedOrder } from './laureates.js';
import { KIND_WORDS } from '../output/scores/view.js';

export interface DossierVM {
  year: number;
  number: number;
  /** « 9e » (or « 9ème », as the press file chooses). */
  ordinal: string;
  /** The cover's title line: « 9ème édition du label ». */
  editionTitle: string;
  about: string[];
  figures: { big: { value: string; label: string; source?: string }[]; byKind: { value: string; label: string }[]; notes: string[] };
  edition: {
    levels: { label: string; count: string; colour: string }[];
    total: string;
    /** The year's moves from the archive: progressions, first labels, when they are sure enough to print. */
    moves: string[];
    lists: { title: string; names: string[]; more?: string }[];
  };
  chart: string;
  /** The chart's data, as a table: its text alternative. */
  chartRows: { year: number; total: string; levels: string }[];
  map: {
    svg: string;
    /** Paris and its inner suburbs, enlarged. */
    inset: string;
    legend: { label: string; colour: string }[];
    overseas: { label: string }[];
    attribution: string;
    rows: { label: string; count: string }[];
  };
  volets: { title: string; description: string }[];
  testimonies: { authority: string; who?: string; summary?: string; quote: string }[];
  committee: { name: string; description?: string }[];
  contacts: Press['contacts'];
  links?: Press['links'];
}

/** Under a figure ADULLACT published (higher than the archive's count): its year. */
const sourceOf = (f: Figure) => (f.published ? { source: `chiffre publié en ${f.published.year}` } : {});
/** The press kit says « villes » for communes, as ADULLACT's own does. */
const KIND_LABELS: Record<string, [string, string]> = { ...KIND_WORDS, commune: ['ville', 'villes'] };

/** The press kit: figures from the history up to the edition, its chart and map (SVG), the volets. */
export async function dossierView(
  archive: Archive,
  results: EditionResults,
  questionnaire: Questionnaire | undefined,
  press: Press,
  notices: string[] = [],
): Promise<DossierVM> {
  const upTo = archive.filter((e) => e.edition <= results.edition);
  const f = keyFigures(upTo);
  const byDep = new Map<string, number>();
  const possible = new Map<string, number>();
  for (const t of timelines(upTo).values()) {
    if (t.departement) byDep.set(t.departement, (byDep.get(t.departement) ?? 0) + 1);
    else {
      // A commune not identified among several of the same name may be in each of their départements.
      const where = new Set(t.participations.flatMap((p) => p.laureate.possibleDepartements ?? []));
      for (const d of where) possible.set(d, (possible.get(d) ?? 0) + 1);
    }
  }
  const map = await laureatesMap(byDep, possible);
  const withoutPopulation = [...timelines(upTo).values()]
    .filter((x) => x.population === undefined)
    .map((x) => x.name)
    .sort((a, b) => byProperName({ name: a }, { name: b }));
  // For staff, never for the press: what the figures leave out or take from a publication.
  if (withoutPopulation.length && !f.inhabitants.published)
    notices.push(`habitants concernés : ${withoutPopulation.length} lauréats de population inconnue non comptés (${withoutPopulation.join(', ')})`);
  for (const [what, x] of [
    ['lauréats depuis la première édition', f.laureates],
    ['habitants concernés', f.inhabitants],
  ] as const)
    if (x.published)
      notices.push(
        `${what} : ${figureText(x)}, chiffre publié en ${x.published.year} (${x.published.source}), imprimé plutôt que celui de l’archive (${figureText(x.published.counted)})`,
      );
  if (!results.complete) notices.push(`la liste des lauréats de ${results.edition} n’est connue qu’en partie dans l’archive`);
  // Counts from the published figures first (never the known names taken for the whole).
  const perLevel = SCALE_LEVELS[results.scale].map((id) => ({
    id,
    ...levelCount(results, id),
    list: publishedOrder(
      results.laureates.filter((l) => l.level === id),
      press.order,
    ),
  }));
  const total = laureateCount(results);
  return {
    year: results.edition,
    number: results.number,
    ordinal: ordinal(results.number, press.ordinals),
    editionTitle: capitalise(`${ordinal(results.number, press.ordinals)} édition du label`),
    about: (press.about ?? []).map(typography),
    figures: {
      big: [
        { value: figureText(f.laureates), label: 'collectivités et établissements récompensés', ...sourceOf(f.laureates) },
        { value: figureText(f.inhabitants), label: 'habitants concernés', ...sourceOf(f.inhabitants) },
        { value: String(f.editions), label: `éditions depuis ${f.from}` },
      ],
      byKind: Object.entries(f.laureatesByKind)
        .filter(([, v]) => v.value > 0)
        .map(([k, v]) => ({ value: figureText(v), label: KIND_LABELS[k]![v.value > 1 ? 1 : 0] })),
      // What the inhabitants figure counts, when tnl counted it; a published one is ADULLACT's own.
      notes: f.inhabitants.published
        ? []
        : [
            typography(
              'Habitants concernés : la population de chaque lauréat, comptée une fois (dernier chiffre connu) ; des territoires qui se recouvrent (une ville et sa métropole, un syndicat et ses membres) sont comptés chacun.',
            ),
          ],
    },
    edition: {
      levels: perLevel
        .filter((x) => x.count > 0 || x.list.length > 0)
        .map((x) => ({
          label: levelName(x.id),
          count: capitalise(`${x.exact ? '' : 'au moins '}${numberToWords(Math.max(x.count, x.list.length))}`),
          colour: LEVEL_COLOURS[x.id]!,
        })),
      total: typography(`${capitalise(`${total.exact ? '' : 'au moins '}${numberToWords(total.count)}`)} lauréats en ${results.edition}`),
      moves: movesSentences(archive, results.edition, notices),
      // The year's laureates by level, highest first, with their département.
      lists: perLevel
        .filter((x) => x.list.length > 0)
        .reverse()
        .map((x) => ({
          title: levelName(x.id),
          names: x.list.map((l) => `${l.name}${l.departement ? ` (${l.departement})` : ''}`),
          ...(x.count > x.list.length
            ? {
                more: typography(
                  `et ${numberToWords(x.count - x.list.length)} autre${x.count - x.list.length > 1 ? 's' : ''} lauréat${x.count - x.list.length > 1 ? 's' : ''}`,
                ),
              }
            : {}),
        })),
    },
    chart: laureatesChart(f),
    chartRows: laureatesChartRows(f).map((r) => ({ ...r, levels: typography(r.levels) })),
    map: {
      svg: map.svg,
      inset: map.inset,
      legend: map.steps.map((s) => ({ label: s.label, colour: s.colour })),
      overseas: map.overseas.map((o) => ({
        label: `${o.name} (${o.code}) : ${o.count === '0' ? 'aucun lauréat' : `${o.count} lauréat${/(^|\D)([2-9]|\d{2,})$/.test(o.count) ? 's' : ''}`}`,
      })),
      attribution: MAP_ATTRIBUTION,
      rows: map.rows.map((r) => ({ label: `${r.name} (${r.code})`, count: r.count })),
    },
    volets: (questionnaire?.volets ?? []).map((v) => ({ title: v.title, description: typography(v.description) })),
    testimonies: (press.testimonies ?? []).map((t) => ({ ...t, quote: typography(t.quote), ...(t.summary ? { summary: typography(t.summary) } : {}) })),
    committee: press.committee ?? [],
    contacts: press.contacts,
    ...(press.links ? { links: press.links } : {}),
  };
}

/**
 * The year's progressions and first labels as the press reads them: a count the archive cannot
 * vouch for is a lower bound (« au moins »), or left out and said to staff.
 */
function movesSentences(archive: Archive, year: number, notices: string[]): string[] {
  const m = yearMoves(archive, year);
  if (!m) return [];
  const out: string[] = [];
  if (!m.newScale && m.progressed.value > 0) {
    const n = m.progressed.value;
    out.push(
      typography(
        `${capitalise(`${m.progressed.lowerBound ? 'au moins ' : ''}${n === 1 ? 'une collectivité' : `${numberToWords(n)} collectivités`}`)} ${n > 1 ? 'progressent' : 'progresse'} d’un niveau ou plus par rapport à ${n > 1 ? 'leur' : 'sa'} participation précédente.`,
      ),
    );
  }
  if (m.firstTime.value > 0 && !m.firstTime.uncertain)
    out.push(
      typography(
        `${capitalise(m.firstTime.value === 1 ? 'une collectivité est labellisée' : `${numberToWords(m.firstTime.value)} collectivités sont labellisées`)} pour la première fois.`,
      ),
    );
  else if (m.firstTime.value > 0)
    notices.push(
      `premières labellisations de ${year} : au plus ${m.firstTime.value} (l’archive des éditions précédentes est incomplète) ; non imprimé dans le dossier de presse`,
    );
  return out;
}
