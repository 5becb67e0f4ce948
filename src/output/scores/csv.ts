import { csvSafeRow } from '../../util/escape.js';
import { stringify } from 'csv-stringify/sync';
import type { Result } from '../../decisions/decisions.js';
import type { ScoresReport } from './view.js';
import { resultStatus, sortResults } from './view.js';

/**
 * One row per dossier, plain numbers (dot decimals), UTF-8 with BOM so that a spreadsheet shows the
 * accents. The provenance is repeated in the last columns of every row: a row copied elsewhere keeps it,
 * and the table stays a plain table that any tool reads (no comment lines). Yielded a few hundred rows
 * at a time, written as they come.
 */
export function* scoresCsv(r: ScoresReport): Generator<string> {
  const { edition, provenance: p } = r;
  const volets = edition.questionnaire.volets;
  const header = [
    'numero',
    'collectivite',
    'type',
    'population',
    'departement',
    'code',
    'strate',
    'strate_libelle',
    ...volets.flatMap((v) => [`${v.id}_points`, `${v.id}_max`, `${v.id}_note`]),
    'total',
    'niveau_propose',
    'niveau_final',
    'raison',
    'mentions',
    'conditions_non_remplies',
    'alertes',
    'statut',
    'version_tnl',
    'edition',
    'bareme_sha256',
    'export_sha256',
    'date',
  ];
  // With --previous: last year's level and total, and the two effects, after the provenance.
  const years = r.results.some((x) => x.previous);
  if (years) header.push('edition_precedente', 'niveau_precedent', 'total_precedent', 'effet_bareme', 'effet_reponses', 'rapprochement');
  const row = ({ card, proposed, final, reason, mentions, previous }: Result) =>
    csvSafeRow([
      card.number,
      card.name,
      card.kind ?? '',
      card.population ?? '',
      card.departement ?? '',
      card.code ?? '',
      card.stratum?.id ?? '',
      card.stratum?.label ?? '',
      ...volets.flatMap((v) => {
        const s = card.volets.find((x) => x.id === v.id);
        return s ? [s.points, s.max, s.ratio === undefined ? '' : Math.round(s.ratio * 1000) / 10] : ['', '', ''];
      }),
      card.stratum ? card.total : '',
      proposed?.id ?? '',
      final?.id ?? '',
      reason ?? '',
      mentions.join(' '),
      card.blocked.map((b) => `${b.level} : ${b.gates.join(', ')}`).join(' ; '),
      card.findings
        .filter((f) => f.severity !== 'info')
        .map((f) => f.message)
        .join(' ; '),
      resultStatus(card),
      p.version,
      p.edition,
      p.rubric.sha256,
      p.input?.sha256 ?? '',
      p.date,
      ...(years
        ? previous
          ? [
              previous.previous.edition,
              previous.previous.level ?? '',
              previous.previous.total,
              previous.rubricEffect?.total ?? '',
              previous.answersEffect?.total ?? '',
              previous.matchedBy === 'code' ? 'code' : 'nom',
            ]
          : ['', '', '', '', '', '']
        : []),
    ]);
  const results = sortResults(edition, r.results);
  yield '\ufeff' + stringify([csvSafeRow(header)], { record_delimiter: '\r\n' });
  for (let i = 0; i < results.length; i += ROWS_PER_PIECE) yield stringify(results.slice(i, i + ROWS_PER_PIECE).map(row), { record_delimiter: '\r\n' });
}

const ROWS_PER_PIECE = 500;
