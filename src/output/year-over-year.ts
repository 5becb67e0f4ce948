/**
 * A returning authority's move, in French, for staff (explain) and for the applicant (fiche):
 * last year's level and total, this year's, the rubric's effect and the answers' effect, each with
 * the questions that moved most. Pure.
 */
import type { Edition } from '../edition/types.js';
import type { Result } from '../decisions/decisions.js';
import type { YearComparison } from '../scoring/year-over-year.js';
import { capitalise, frNumber, rankOrdinal, toNoun, withArticle } from '../util/french.js';

const levelWord = (id: string | null) => (id === null ? 'sans niveau' : /^\d+$/.test(id) ? `niveau ${id}` : capitalise(id));
/** A level of this edition as a sentence names it: « le label Argent », « le Badge », « le niveau 4 ». */
const levelName = (edition: Edition, id: string) => edition.rubric.levels.find((x) => x.id === id)?.title ?? levelWord(id);
const levelTitle = (edition: Edition, id: string) => withArticle(levelName(edition, id));
const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${frNumber(Math.abs(x), 1)}`;

/** The sentences of the move; `audience` staff shows the match and the ranks, an applicant never sees another's place. */
export function yearSentences(edition: Edition, result: Result, audience: 'staff' | 'applicant'): string[] {
  const c: YearComparison | undefined = result.previous;
  const past = result.history?.length
    ? `Au label : ${result.history.map((h) => `${h.year} (${h.level === null ? 'niveau non publié' : levelWord(h.level)})`).join(', ')}.`
    : undefined;
  if (!c) return past ? [past, ...(audience === 'staff' ? ['Sans l’export de l’an dernier (--previous), le parcours seul.'] : [])] : [];
  const label = (id: string) => {
    const q = edition.questionnaire.questions.find((x) => x.id === id);
    if (q) return `« ${q.label} »`;
    const j = edition.rubric.jury?.criteria.find((x) => x.id === id);
    return j ? `« ${j.label} »` : `« ${id} »`;
  };
  const movers = (m: { question: string; delta: number }[]) => (m.length ? ` (${m.map((x) => `${label(x.question)} : ${signed(x.delta)}`).join(' ; ')})` : '');
  const out: string[] = past ? [past] : [];
  const before = `${c.previous.edition}`;
  out.push(
    `L’an dernier (${before}) : ${levelWord(c.previous.level)} (${frNumber(c.previous.total, 1)}). Cette année : ${levelWord(c.current.level)} (${frNumber(c.current.total, 1)}).`,
  );
  const mapped = c.previous.mappedLevel;
  const rank = (id: string | null) => (id === null ? -1 : edition.rubric.levels.findIndex((l) => l.id === id));
  const verdict = (from: string) => {
    const d = rank(c.current.level) - rank(from);
    return d > 0 ? 'le niveau monte' : d < 0 ? 'le niveau baisse' : 'le niveau se maintient';
  };
  if (!c.sameScale && mapped)
    out.push(
      `Les niveaux de ${before} et de ${edition.year} ne sont pas de la même échelle ; selon la correspondance du barème ${edition.year}, le ${levelWord(c.previous.level)} de ${before} équivaut ${toNoun(levelName(edition, mapped))} : ${verdict(mapped)}${
        audience === 'staff' && c.rank
          ? ` (rang dans la strate : ${rankOrdinal(c.rank.previous)} sur ${c.rank.previousOf} en ${before}, ${rankOrdinal(c.rank.current)} sur ${c.rank.currentOf} en ${edition.year})`
          : ''
      }.`,
    );
  else if (!c.sameScale)
    out.push(
      `Les niveaux de ${before} et de ${edition.year} ne sont pas de la même échelle : seuls les totaux se comparent${
        audience === 'staff' && c.rank
          ? ` (rang dans la strate : ${rankOrdinal(c.rank.previous)} sur ${c.rank.previousOf} en ${before}, ${rankOrdinal(c.rank.current)} sur ${c.rank.currentOf} en ${edition.year})`
          : ''
      }.`,
    );
  const r = c.rubricEffect;
  const a = c.answersEffect;
  if (!r || !a) {
    out.push(
      `Les questionnaires de ${before} et de ${edition.year} diffèrent trop pour séparer l’effet du barème de celui des réponses (${c.unanswered.length} question${c.unanswered.length > 1 ? 's' : ''} de ${edition.year} sans équivalent en ${before}) : le total a ${c.current.total >= c.previous.total ? 'progressé' : 'baissé'} de ${signed(c.current.total - c.previous.total)}.`,
    );
    if (audience === 'staff' && c.matchedBy === 'name') out.push(`Rapproché du dossier ${c.previous.number} de ${before} par le nom seulement : à confirmer.`);
    return out;
  }
  out.push(
    `Le barème ${edition.year} change le total de vos réponses de ${before} de ${signed(r.total)}${movers(r.movers)} ; vos réponses de cette année le changent de ${signed(a.total)}${movers(a.movers)}.`,
  );
  // A loss that is the rubric's doing: said as such, with what regains the level.
  // On another scale, last year's level as this year's rubric maps it (none: levels not compared).
  const lastLevel = c.sameScale ? c.previous.level : (mapped ?? undefined);
  const levelFell = lastLevel !== undefined && rank(c.current.level) < rank(lastLevel);
  const byRubric = r.total < 0 && a.total >= 0;
  if (byRubric && (levelFell || c.current.total < c.previous.total)) {
    const answers = a.total > 0 ? 'qui ont progressé' : 'inchangées';
    const what = levelFell ? `Votre niveau baisse` : `Votre total baisse`;
    out.push(
      `${what} du fait du barème ${edition.year}, plus exigeant, et non de vos réponses, ${answers}.${
        levelFell && result.card.next
          ? ` Pour retrouver ${c.sameScale ? `le ${levelWord(c.previous.level)}` : levelTitle(edition, lastLevel!)} : le chemin le plus court, ci-dessous.`
          : ''
      }`,
    );
  }
  if (c.unanswered.length && audience === 'staff')
    out.push(
      `${c.unanswered.length} question${c.unanswered.length > 1 ? 's' : ''} de ${edition.year} sans réponse dans l’export de ${before} : ${c.unanswered.length > 1 ? 'leur effet compte' : 'son effet compte'} dans celui des réponses.`,
    );
  if (audience === 'staff' && c.matchedBy === 'name') out.push(`Rapproché du dossier ${c.previous.number} de ${before} par le nom seulement : à confirmer.`);
  return out;
}
