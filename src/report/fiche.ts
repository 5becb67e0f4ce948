import { yearSentences } from '../output/year-over-year.js';
import { capitalise, frNumber, typography, withArticle } from '../util/french.js';
import { createHash } from 'node:crypto';
import type { Result } from '../decisions/decisions.js';
import type { Edition } from '../edition/types.js';
import { describeAnswer, describeChange } from '../output/answer-text.js';
import { levelWords } from '../output/scores/view.js';
import { xml } from './svg.js';
import { median } from '../util/median.js';

export interface FicheVM {
  year: number;
  number: string;
  name: string;
  stratum: string;
  level: string;
  total: string;
  volets: { title: string; score: string; median: string }[];
  chart: string;
  strengths: string[];
  next?: { title: string; threshold: string; total: string; changes: { question: string; from: string; to: string; gain: string }[] };
  blocked: string[];
  reason?: string;
  opinion?: string;
  /** The jury's criteria: the grade kept for each (never a juror's own grade or name). */
  jury: { criterion: string; grade: string }[];
  mentions: string[];
  /** Said when the total was computed without some answers (an export that lacked them). */
  provisional?: string;
  /** With --previous: last year's level and total, and why the total moved. */
  yearOverYear: string[];
}

/** The medians of each volet's sub-score (0–100), per stratum, over the dossiers scored together. */
export function stratumMedians(results: readonly Result[]): Map<string, Map<string, number>> {
  const by = new Map<string, Map<string, number[]>>();
  for (const { card } of results) {
    if (!card.stratum) continue;
    const m = by.get(card.stratum.id) ?? new Map<string, number[]>();
    for (const v of card.volets) if (v.ratio !== undefined) m.set(v.id, [...(m.get(v.id) ?? []), v.ratio * 100]);
    by.set(card.stratum.id, m);
  }
  return new Map([...by].map(([s, m]) => [s, new Map([...m].map(([v, xs]) => [v, median(xs)]))]));
}

const levelName = (edition: Edition, id: string | undefined) => levelWords(edition, id, 'non labellisé');

/** Two bars per volet: the dossier's sub-score and the median of its stratum. */
function voletChart(rows: { title: string; score?: number; median?: number }[]): string {
  const W = 640;
  const rowH = 34;
  const left = 210;
  const width = W - left - 50;
  const H = rows.length * rowH + 30;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Sous-notes par volet">`];
  rows.forEach((r, i) => {
    const y = 8 + i * rowH;
    parts.push(`<text x="${left - 8}" y="${y + 15}" font-size="11" text-anchor="end" fill="#1d2a1a">${xml(r.title)}</text>`);
    if (r.score !== undefined) {
      parts.push(`<rect x="${left}" y="${y + 2}" width="${((r.score / 100) * width).toFixed(1)}" height="12" fill="#2e6b1f"/>`);
      parts.push(
        `<text x="${(left + (r.score / 100) * width + 4).toFixed(1)}" y="${y + 12}" font-size="10" fill="#1d2a1a">${xml(frNumber(r.score, 0))}</text>`,
      );
    }
    if (r.median !== undefined) {
      parts.push(`<rect x="${left}" y="${y + 16}" width="${((r.median / 100) * width).toFixed(1)}" height="8" fill="#a9c99a"/>`);
      parts.push(
        `<text x="${(left + (r.median / 100) * width + 4).toFixed(1)}" y="${y + 24}" font-size="9" fill="#5b6658">${xml(frNumber(r.median, 0))}</text>`,
      );
    }
  });
  parts.push(
    `<rect x="${left}" y="${H - 14}" width="10" height="8" fill="#2e6b1f"/><text x="${left + 14}" y="${H - 7}" font-size="9" fill="#333">votre dossier</text>`,
  );
  parts.push(
    `<rect x="${left + 110}" y="${H - 14}" width="10" height="8" fill="#a9c99a"/><text x="${left + 124}" y="${H - 7}" font-size="9" fill="#333">médiane de votre strate</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

export function ficheView(edition: Edition, result: Result, medians: Map<string, Map<string, number>>): FicheVM {
  const { card } = result;
  const med = card.stratum ? medians.get(card.stratum.id) : undefined;
  const questions = new Map(edition.questionnaire.questions.map((q) => [q.id, q]));
  const rows = edition.questionnaire.volets.map((v) => {
    const s = card.volets.find((x) => x.id === v.id);
    return { title: v.title, ...(s?.ratio !== undefined ? { score: s.ratio * 100 } : {}), ...(med?.has(v.id) ? { median: med.get(v.id)! } : {}) };
  });
  const strengths = [
    ...rows
      .filter((r) => r.score !== undefined && r.median !== undefined && r.score >= 75 && r.score > r.median)
      .map((r) => `${r.title} : ${frNumber(r.score!, 0)}/100, au-dessus de la médiane de votre strate (${frNumber(r.median!, 0)}).`),
    ...card.questions
      .filter((x) => x.status === 'scored' && x.max > 0 && x.points === x.max && x.max >= 5)
      .slice(0, 6)
      .map((x) => `${questions.get(x.id)!.label} — ${describeAnswer(questions.get(x.id)!, x.answer)} (${frNumber(x.points)} points sur ${frNumber(x.max)}).`),
  ];
  // When the jury granted a level at or above the next one, the path toward it no longer applies.
  const rank = (id: string | undefined) => edition.rubric.levels.findIndex((l) => l.id === id);
  const path = card.next && rank(result.final?.id) < rank(card.next.level) ? card.next : undefined;
  return {
    year: edition.year,
    number: card.number,
    name: card.name,
    stratum: card.stratum ? `strate ${card.stratum.id} : ${card.stratum.label}` : 'sans strate',
    level: capitalise(levelName(edition, result.final?.id)),
    total: `${frNumber(card.total, edition.rubric.decimals)} / 100`,
    ...(card.incomplete
      ? {
          provisional: typography(
            `Total provisoire : ${card.incomplete.map((id) => `« ${edition.questionnaire.questions.find((x) => x.id === id)?.label ?? edition.rubric.jury?.criteria.find((c) => c.id === id)?.label ?? id} »`).join(', ')} n’${card.incomplete.length > 1 ? 'ont' : 'a'} pas pu être pris en compte ; le résultat définitif peut être plus élevé.`,
          ),
        }
      : {}),
    volets: rows.map((r) => ({
      title: r.title,
      score: r.score === undefined ? '—' : frNumber(r.score, 1),
      median: r.median === undefined ? '—' : frNumber(r.median, 1),
    })),
    chart: voletChart(rows),
    jury: (card.jury ?? [])
      .filter((j) => j.grade !== undefined)
      .map((j) => ({
        criterion: typography(edition.rubric.jury!.criteria.find((c) => c.id === j.criterion)?.label ?? j.criterion),
        grade: `${frNumber(j.grade!)} / ${edition.rubric.jury!.scale.max}`,
      })),
    strengths: strengths.map(typography),
    ...(path
      ? {
          next: {
            title: `Pistes pour atteindre ${withArticle(levelName(edition, path.level))}`,
            threshold: frNumber(path.threshold),
            total: frNumber(path.total, edition.rubric.decimals),
            changes: path.changes.map((c) => ({
              question: typography(`${questions.get(c.question)!.label}${c.forGate ? ' (condition du niveau)' : ''}`),
              from: describeAnswer(questions.get(c.question)!, c.from),
              to: describeChange(questions.get(c.question)!, c.from, c.to),
              gain: `+${frNumber(c.gain)}`,
            })),
          },
        }
      : {}),
    blocked: card.blocked
      .filter((b) => rank(b.level) > rank(result.final?.id))
      .map((b) => typography(`${withArticle(levelName(edition, b.level), true)} est atteint en points, mais il demande : ${b.gates.join(', ')}.`)),
    ...(result.reason ? { reason: typography(result.reason) } : {}),
    ...(result.opinion ? { opinion: typography(result.opinion) } : {}),
    mentions: result.mentions.map((m) => edition.rubric.mentions.find((x) => x.id === m)?.label ?? m),
    yearOverYear: yearSentences(edition, result, 'applicant').map(typography),
  };
}

/** A safe file name from the dossier number and the authority's name: no path, no odd character. */
export function ficheFileName(number: string, name: string, ext: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const num = number.replace(/[^0-9A-Za-z]/g, '').slice(0, 40);
  return `${num || 'dossier'}${slug ? `-${slug}` : ''}.${ext}`;
}

/**
 * The file name of each dossier's fiche, unique even on a file system that ignores case. When two
 * dossiers' names clean to the same file name (« 12 », « 1/2 », « ../12 »), each whose number had
 * to be changed gets a short digest of its number; anything still taken gets « -2 », « -3 »… in the
 * order of the dossiers. Deterministic. Pure.
 */
export function ficheFileNames(dossiers: readonly { number: string; name: string }[], ext: string): string[] {
  const bases = dossiers.map((d) => ficheFileName(d.number, d.name, ext));
  const count = new Map<string, number>();
  for (const b of bases) count.set(b.toLowerCase(), (count.get(b.toLowerCase()) ?? 0) + 1);
  const tagged = bases.map((base, i) => {
    const { number } = dossiers[i]!;
    if (count.get(base.toLowerCase())! < 2 || /^[0-9A-Za-z]+$/.test(number)) return base;
    return base.replace(/^([^-.]+)/, `$1-${createHash('sha256').update(number).digest('hex').slice(0, 8)}`);
  });
  const taken = new Set<string>();
  return tagged.map((base) => {
    let name = base;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = base.replace(/(\.[^.]+)$/, `-${i}$1`);
    taken.add(name.toLowerCase());
    return name;
  });
}
