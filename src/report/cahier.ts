import { capitalise, frNumber, typography } from '../util/french.js';
import type { Result } from '../decisions/decisions.js';
import type { Edition } from '../edition/types.js';
import type { Dossier } from '../ingest/dossier.js';
import { describeAnswer, describeAvis } from '../output/answer-text.js';
import { yearSentences } from '../output/year-over-year.js';
import { changedAnswers, type LastYear } from '../scoring/changed-answers.js';
import { sortResults, KIND_FR } from '../output/scores/view.js';
import { juryPage, type JuryPage } from '../jury/agreement-view.js';
import type { Grades } from '../jury/grades.js';

export interface CahierSection {
  /** The id the table of contents links to (a named destination of the PDF). */
  anchor: string;
  number: string;
  name: string;
  meta: string;
  level: string;
  total: string;
  warnings: string[];
  /** Private annotations (instructors' notes): for the jury only. */
  annotations: { label: string; text: string }[];
  volets: { title: string; rows: { question: string; answer: string; points: string; long: boolean }[]; subtotal: string }[];
  /** The experts' opinions requested on DS (XLSX export), beside the jury's grades. */
  avis: string[];
  /** The jury's criteria: grade kept, each juror's grade (the cahier is the jury's own book). */
  jury: { criterion: string; grade: string; jurors: string; points: string; disagreement: boolean }[];
  /** Last year's level (the summary's column), '—' when the authority has none. */
  lastLevel: string;
  /** The move since last year, as explain says it to staff; empty for a first application. */
  years: string[];
  /** With last year's export: the answers changed since then (`changes` undefined without it). */
  changes?: { question: string; before: string; now: string; points: string; long: boolean }[];
  /** Whether `changes` was computed (an empty list then says « mêmes réponses »). */
  compared: boolean;
}

export interface CahierVM {
  year: number;
  title: string;
  /** The year of the summary's « last year » column; undefined: no column (no earlier level known). */
  lastYear?: number;
  summary: { number: string; name: string; stratum: string; total: string; level: string; lastLevel: string; warnings: string }[];
  /** The table of contents: page numbers are measured on a first print (src/cli/cahier.ts). */
  toc: { title: string; anchor: string; page: string }[];
  sections: CahierSection[];
  /** The jury page: agreement and disagreements, when grades were given. */
  jury?: JuryPage;
}

/** The id of the jury page, linked from the table of contents. */
export const JURY_ANCHOR = 'jury';

/** The id of the summary table, linked from the table of contents. */
export const SUMMARY_ANCHOR = 'recapitulatif';

const levelShort = (e: Edition, id: string | undefined) =>
  id === undefined ? '—' : e.rubric.scale === 'niveaux' ? id : (e.rubric.levels.find((l) => l.id === id)?.label ?? id);

/** A level of another edition, short: « 3 » on the 1–5 scale, « Bronze » on the other. */
const otherLevel = (id: string | null) => (id === null ? 'non publié' : /^\d+$/.test(id) ? id : capitalise(id));

/**
 * The jury's book: a summary table, then every dossier's answers and points. Page numbers come
 * later. With `lastYear` (--previous), each returning authority's answers changed since then.
 */
export function cahierView(edition: Edition, all: readonly Result[], dossiers: readonly Dossier[], grades?: Grades, lastYear?: LastYear): CahierVM {
  const byNumber = new Map(dossiers.map((d) => [d.number, d]));
  const results = sortResults(edition, all);
  // The column's year: the edition compared with, else the year before this one.
  const before = lastYear?.edition ?? results.find((r) => r.previous)?.previous?.previous.edition ?? edition.year - 1;
  const levelIn = (r: Result): string | undefined => {
    if (r.previous && r.previous.previous.edition === before) return otherLevel(r.previous.previous.level);
    const h = r.history?.find((x) => x.year === before);
    return h ? otherLevel(h.level) : undefined;
  };
  const withColumn = results.some((r) => levelIn(r) !== undefined);
  const questionOf = new Map(edition.questionnaire.questions.map((q) => [q.id, q]));
  const sections: CahierSection[] = results.map(({ card, proposed }, index) => {
    const answered = new Map(card.questions.map((x) => [x.id, x]));
    const result = results[index]!;
    const last = lastYear?.dossiers.get(card.number);
    const now = byNumber.get(card.number);
    const pointsOf = (id: string) => {
      const scored = answered.get(id);
      if (!scored) return '';
      return scored.status === 'not_applicable' ? 'n. a.' : scored.status === 'unknown' ? 'inconnu' : `${frNumber(scored.points)} / ${frNumber(scored.max)}`;
    };
    return {
      lastLevel: levelIn(result) ?? '—',
      years: yearSentences(edition, result, 'staff').map(typography),
      compared: Boolean(last && now),
      ...(last && now
        ? {
            changes: changedAnswers(edition.questionnaire.questions, last, now, lastYear!.carried).map((c) => {
              const q = questionOf.get(c.question)!;
              const was = describeAnswer(q, c.before);
              const is = describeAnswer(q, c.now);
              return { question: typography(q.label), before: was, now: is, points: pointsOf(q.id), long: was.length + is.length > 160 };
            }),
          }
        : {}),
      anchor: `dossier-${index + 1}`,
      number: card.number,
      name: card.name,
      meta: [
        card.kind ? KIND_FR[card.kind] : 'type inconnu',
        card.population !== undefined ? `${frNumber(card.population)} habitants` : 'population inconnue',
        card.stratum ? `strate ${card.stratum.id} (${card.stratum.label})` : 'sans strate',
      ].join(' · '),
      level: card.notScored ? 'non noté' : levelShort(edition, proposed?.id),
      total: card.stratum ? frNumber(card.total, edition.rubric.decimals) : '—',
      warnings: card.findings.filter((f) => f.severity !== 'info').map((f) => typography(f.message)),
      annotations: edition.questionnaire.annotations
        .map((a) => ({ label: typography(a.label), text: byNumber.get(card.number)?.annotations?.[a.id] ?? '' }))
        .filter((a) => a.text),
      avis: (byNumber.get(card.number)?.avis ?? []).map((a) => typography(describeAvis(a))),
      jury: (card.jury ?? []).map((j) => {
        const c = edition.rubric.jury!.criteria.find((x) => x.id === j.criterion)!;
        const given = grades?.get(card.number)?.get(j.criterion);
        return {
          criterion: typography(c.label),
          grade: j.grade === undefined ? 'non noté' : frNumber(j.grade),
          jurors: Object.entries(given?.jurors ?? {})
            .map(([id, g]) => `${id}\u00a0${frNumber(g)}`)
            .join(', '),
          points: j.grade === undefined ? 'hors maximum' : `${frNumber(Math.round(j.points * 100) / 100)} / ${frNumber(j.max)}`,
          disagreement: Boolean(given?.disagreement),
        };
      }),
      volets: edition.questionnaire.volets.map((v) => {
        const vs = card.volets.find((x) => x.id === v.id);
        return {
          title: v.title,
          subtotal: vs ? `${frNumber(vs.points)} / ${frNumber(vs.max)}` : '—',
          rows: edition.questionnaire.questions
            .filter((q) => q.volet === v.id)
            .map((q) => {
              const answer = now?.answers[q.id];
              const text = describeAnswer(q, answer);
              return {
                question: typography(q.label),
                answer: text,
                points: pointsOf(q.id),
                long: text.length > 160,
              };
            }),
        };
      }),
    };
  });
  return {
    year: edition.year,
    title: `Cahier du jury — édition ${edition.year}`,
    ...(withColumn ? { lastYear: before } : {}),
    summary: sections.map((s, i) => ({
      lastLevel: s.lastLevel,
      number: s.number,
      name: s.name,
      stratum: results[i]!.card.stratum?.id ?? '—',
      total: s.total,
      level: s.level,
      warnings: s.warnings.length ? String(s.warnings.length) : '',
    })),
    toc: [
      { title: 'Tableau récapitulatif', anchor: SUMMARY_ANCHOR, page: '' },
      ...(grades && edition.rubric.jury ? [{ title: 'Le jury : accord et désaccords', anchor: JURY_ANCHOR, page: '' }] : []),
      ...sections.map((s) => ({ title: `${s.number} — ${s.name}`, anchor: s.anchor, page: '' })),
    ],
    sections,
    ...(grades && edition.rubric.jury ? { jury: juryPage(edition, grades, new Map(results.map((r) => [r.card.number, r.card.name]))) } : {}),
  };
}
