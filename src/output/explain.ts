import { yearSentences } from './year-over-year.js';
import { frNumber, typography, withArticle } from '../util/french.js';
import { mdEscape, mdEscapeText } from '../util/escape.js';
import type { ExplainFormat } from './explain-formats.js';
import type { Result } from '../decisions/decisions.js';
import type { Edition } from '../edition/types.js';
import { describeAnswer, describeAvis, describeChange } from './answer-text.js';
import type { Avis } from '../ingest/dossier.js';
import type { Provenance } from './provenance.js';
import { provenanceFooter } from './scores/markdown.js';
import { KIND_FR, levelWords, ungradedCriteria } from './scores/view.js';

const levelName = (edition: Edition, id: string | undefined | null) => levelWords(edition, id, 'aucun niveau');

/** A private annotation as explain shows it (only those the questionnaire marks `explain: true`). */
export interface ShownAnnotation {
  id: string;
  label: string;
  text: string;
}

/** The annotations of a dossier that explain may show: those the questionnaire marks so. Pure. */
export function explainAnnotations(edition: Edition, annotations: Readonly<Record<string, string>> | undefined): ShownAnnotation[] {
  if (!annotations) return [];
  return edition.questionnaire.annotations.filter((a) => a.explain && annotations[a.id]).map((a) => ({ id: a.id, label: a.label, text: annotations[a.id]! }));
}

/** Each juror's grade by criterion (staff only: explain and the jury's book; never a fiche). */
export type JurorGrades = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** What explain shows staff only: each juror's grade, the experts' opinions requested on DS. */
export interface StaffView {
  jurors?: JurorGrades;
  avis?: readonly Avis[];
}

/** The jury's criteria of a dossier: grade kept, each juror's grade (staff), points. */
function juryLines(edition: Edition, result: Result, jurors: JurorGrades | undefined): string[] {
  const jury = edition.rubric.jury;
  const scores = result.card.jury;
  if (!jury || !scores) return [];
  const out = [
    '## Critères du jury',
    '',
    `Échelle de ${jury.scale.min} à ${jury.scale.max}.`,
    '',
    '| Critère | Note retenue | Notes des jurés | Points |',
    '|---|---:|---|---:|',
  ];
  for (const s of scores) {
    const c = jury.criteria.find((x) => x.id === s.criterion)!;
    const each = Object.entries(jurors?.[s.criterion] ?? {})
      .map(([j, g]) => `${mdEscape(j)} ${frNumber(g)}`)
      .join(', ');
    out.push(
      `| ${mdEscape(c.label)} <br>\`${c.id}\` | ${s.grade === undefined ? 'non noté' : frNumber(s.grade)} | ${each || '—'} | ${s.grade === undefined ? 'hors maximum' : `${frNumber(Math.round(s.points * 100) / 100)} / ${frNumber(s.max)}`} |`,
    );
  }
  out.push('');
  return out;
}

/** Every point of one dossier, in Markdown. */
export function explainMarkdown(edition: Edition, result: Result, p: Provenance, annotations: readonly ShownAnnotation[] = [], staff: StaffView = {}): string {
  const { card } = result;
  const questions = new Map(edition.questionnaire.questions.map((x) => [x.id, x]));
  const out: string[] = [];
  out.push(`# Explication — dossier ${card.number}, ${mdEscape(card.name)}`, '');
  const who = [
    `Édition ${edition.year}`,
    card.kind ? KIND_FR[card.kind] : 'type inconnu',
    card.population !== undefined ? `${frNumber(card.population)} habitants` : 'population inconnue',
    card.stratum ? `strate ${card.stratum.id} (${card.stratum.label})` : 'sans strate',
  ];
  out.push(who.join(' · '), '');
  const notes = annotations.length
    ? ['## Annotations privées (pour le jury, jamais publiées)', '', ...annotations.map((a) => `- **${mdEscape(a.label)}** : ${mdEscape(a.text)}`), '']
    : [];
  out.push('## Résultat', '');
  if (!card.stratum) {
    out.push('Le dossier n’a pas pu être noté :', '', ...card.findings.map((f) => `- ${mdEscape(f.message)}`), '', ...notes, provenanceFooter(p));
    return typography(out.join('\n'));
  }
  if (card.notScored) out.push(`- **Non noté** : ${mdEscape(card.notScored)} ; aucun niveau n’est proposé (le total ci-dessous est provisoire).`);
  const ungraded = new Set(ungradedCriteria(card));
  const missing = (card.incomplete ?? []).filter((id) => !ungraded.has(id));
  if (missing.length)
    out.push(
      `- ⚠ **Total incomplet** : ${missing.map((id) => `\`${id}\``).join(', ')} absent${missing.length > 1 ? 's' : ''} de cet export ; le niveau peut changer avec l’export complet.`,
    );
  if (ungraded.size)
    out.push(
      `- ⚠ **Total incomplet** : note${ungraded.size > 1 ? 's' : ''} du jury manquante${ungraded.size > 1 ? 's' : ''} pour ${[...ungraded].map((id) => `\`${id}\``).join(', ')} ; le niveau peut changer avec les notes du jury.`,
    );
  out.push(`- Total : **${frNumber(card.total, edition.rubric.decimals)} / 100**`);
  out.push(`- Niveau proposé : **${levelName(edition, result.proposed?.id)}**`);
  for (const b of card.blocked)
    out.push(`- ${levelName(edition, b.level)} atteint en points, mais bloqué : il manque ${b.gates.map((g) => `« ${mdEscape(g)} »`).join(', ')}`);
  if (result.final?.id !== result.proposed?.id)
    out.push(`- Niveau final (décision du jury) : **${levelName(edition, result.final?.id)}** — ${mdEscape(result.reason ?? '')}`);
  if (result.mentions.length)
    out.push(
      `- Mention${result.mentions.length > 1 ? 's' : ''} : ${result.mentions.map((m) => edition.rubric.mentions.find((x) => x.id === m)?.label ?? m).join(', ')}`,
    );
  if (result.opinion) out.push(`- Avis du jury : ${mdEscape(result.opinion)}`);
  out.push('');
  const year = yearSentences(edition, result, 'staff');
  if (year.length) out.push('## D’une année à l’autre', '', ...year.map(mdEscapeText), '');
  out.push('## Volets', '', '| Volet | Points | Maximum | Sous-note | Poids |', '|---|---:|---:|---:|---:|');
  for (const v of card.volets) {
    const title = edition.questionnaire.volets.find((x) => x.id === v.id)!.title;
    out.push(
      `| ${mdEscape(title)} | ${frNumber(v.points)} | ${frNumber(v.max)} | ${v.ratio === undefined ? 'hors calcul' : `${frNumber(Math.round(v.ratio * 1000) / 10, 1)} / 100`} | ${frNumber(v.weight)} |`,
    );
  }
  out.push(
    '',
    `Total = Σ (poids × sous-note) / Σ poids = ${frNumber(card.totalExact, 3)}, arrondi une fois à ${frNumber(card.total, edition.rubric.decimals)}.`,
    '',
  );
  for (const v of edition.questionnaire.volets) {
    const qs = card.questions.filter((x) => x.volet === v.id);
    if (!qs.length) continue;
    out.push(`## ${mdEscape(v.title)}`, '', '| Question | Réponse | Points |', '|---|---|---:|');
    for (const x of qs) {
      const question = questions.get(x.id)!;
      const points =
        x.status === 'not_applicable'
          ? `non applicable (strate ${card.stratum.id} : ${card.stratum.label})`
          : x.status === 'unknown'
            ? 'inconnu dans cet export, hors maximum'
            : `${frNumber(x.points)} / ${frNumber(x.max)}`;
      out.push(`| ${mdEscape(question.label)} <br>\`${x.id}\` | ${mdEscape(describeAnswer(question, x.answer))} | ${points} |`);
    }
    out.push('');
  }
  out.push(...juryLines(edition, result, staff.jurors));
  if (staff.avis?.length)
    out.push('## Avis d’experts (démarches simplifiées, jamais publiés)', '', ...staff.avis.map((a) => `- ${mdEscape(describeAvis(a))}`), '');
  const gates = card.gates;
  if (gates.length) {
    out.push('## Conditions des niveaux', '');
    for (const g of gates) out.push(`- ${levelName(edition, g.level)} : ${mdEscape(g.label)} — ${g.holds ? 'remplie' : '**non remplie**'}`);
    out.push('');
  }
  if (card.next) {
    const n = card.next;
    out.push(`## Pour atteindre ${withArticle(levelName(edition, n.level))}`, '');
    out.push(`Seuil : ${frNumber(n.threshold)}. Le plus court chemin, en points, mène à ${frNumber(n.total, edition.rubric.decimals)} :`, '');
    out.push('| Question | Réponse actuelle | Réponse visée | Points gagnés |', '|---|---|---|---:|');
    for (const c of n.changes) {
      const question = questions.get(c.question)!;
      out.push(
        `| ${mdEscape(question.label)}${c.forGate ? ' (condition du niveau)' : ''} | ${mdEscape(describeAnswer(question, c.from))} | ${mdEscape(describeChange(question, c.from, c.to))} | +${frNumber(c.gain)} |`,
      );
    }
    out.push('');
  } else if (result.proposed && edition.rubric.levels.at(-1)?.id === result.proposed.id) {
    out.push('Le dossier a atteint le plus haut niveau de l’échelle.', '');
  }
  out.push(...notes, provenanceFooter(p));
  return typography(out.join('\n'));
}

export function explainJson(edition: Edition, result: Result, p: Provenance, annotations: readonly ShownAnnotation[] = [], staff: StaffView = {}): string {
  const { card } = result;
  return (
    JSON.stringify(
      {
        provenance: p,
        dossier: {
          number: card.number,
          name: card.name,
          kind: card.kind ?? null,
          population: card.population ?? null,
          stratum: card.stratum ? { id: card.stratum.id, label: card.stratum.label, min: card.stratum.min, max: card.stratum.max ?? null } : null,
          status: card.notScored ? 'not_scored' : card.incomplete ? 'incomplete' : 'complete',
          ...(card.notScored ? { notScored: card.notScored } : {}),
          ...(card.incomplete ? { incomplete: card.incomplete } : {}),
          total: card.total,
          totalExact: card.totalExact,
          proposedLevel: result.proposed?.id ?? null,
          finalLevel: result.final?.id ?? null,
          ...(result.reason ? { reason: result.reason } : {}),
          mentions: result.mentions,
          ...(result.previous ? { previous: result.previous } : {}),
          volets: card.volets.map((v) => ({ ...v, ratio: v.ratio ?? null })),
          questions: card.questions.map((x) => ({
            id: x.id,
            volet: x.volet,
            status: x.status,
            answer: x.answer ?? null,
            answerLabel: describeAnswer(
              edition.questionnaire.questions.find((y) => y.id === x.id)!,
              x.answer,
            ),
            points: x.points,
            max: x.max,
          })),
          ...(card.jury ? { jury: card.jury.map((j) => ({ ...j, grade: j.grade ?? null, jurors: staff.jurors?.[j.criterion] ?? {} })) } : {}),
          gates: card.gates,
          blocked: card.blocked,
          next: card.next
            ? {
                ...card.next,
                changes: card.next.changes.map((c) => ({
                  question: c.question,
                  volet: c.volet,
                  ...(c.from ? { from: c.from } : {}),
                  to: c.to,
                  toLabel: describeChange(
                    edition.questionnaire.questions.find((y) => y.id === c.question)!,
                    c.from,
                    c.to,
                  ),
                  gain: c.gain,
                  forGate: c.forGate,
                })),
              }
            : null,
          warnings: card.findings,
          ...(annotations.length ? { annotations } : {}),
          ...(staff.avis?.length ? { avis: staff.avis } : {}),
        },
      },
      null,
      2,
    ) + '\n'
  );
}

/** The renderer of each format of `tnl explain`: a format the command line offers without a renderer does not compile. */
export const EXPLAIN_RENDERERS: Record<
  ExplainFormat,
  (edition: Edition, result: Result, p: Provenance, annotations: readonly ShownAnnotation[], staff?: StaffView) => string
> = {
  md: explainMarkdown,
  json: explainJson,
};
