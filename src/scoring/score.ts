import type { Edition, Level, Question, QuestionRule } from '../edition/types.js';
import type { Finding } from '../findings/finding.js';
import type { Answer, Dossier } from '../ingest/dossier.js';
import { q } from '../util/french-text.js';
import { threshold } from '../edition/rubric.js';
import { gateApplies, gateHolds, gateLabel } from './gates.js';
import { nextLevelPath } from './next-level.js';
import { answerPoints } from './points.js';
import { roundTotal } from './round.js';
import { ruleMax } from './rule-max.js';
import { findStratum } from './stratum.js';
import type { GateResult, QuestionScore, QuestionStatus, ScoreCard, VoletScore } from './types.js';

/** What the scoring needs to know about the territory (injected: the core reads no file). */
export interface TerritoryLookup {
  population(code: string, kind: string): { population: number; name: string } | undefined | 'unchecked';
}

export interface ScoringContext {
  edition: Edition;
  territory?: TerritoryLookup;
}

/** An edition's rules, indexed once for a batch. */
export interface RubricIndex {
  edition: Edition;
  questions: Map<string, Question>;
  rules: Map<string, QuestionRule>;
  /** The scored questions in form order, with their rule and maximum. */
  scored: ScoredQuestion[];
}

interface ScoredQuestion {
  question: Question;
  rule: QuestionRule;
  max: number;
  notApplicable: Set<string>;
  /**
   * How each answer already met counted, by status: the entries of a batch are shared between the
   * dossiers that gave the same answer (ingest shares those), so that 10 000 dossiers do not hold
   * 10 000 copies of « Oui : 3/3 ». Entries are frozen: nothing may modify them.
   */
  entries: Map<QuestionStatus, Map<Answer | undefined, QuestionScore>>;
}

/** Distinct answers remembered per question and status; beyond, entries are made afresh. */
const SHARED_ENTRIES = 512;

export function indexEdition(edition: Edition): RubricIndex {
  const rules = new Map(edition.rubric.rules.map((r) => [r.questionId, r]));
  return {
    edition,
    questions: new Map(edition.questionnaire.questions.map((x) => [x.id, x])),
    rules,
    scored: edition.questionnaire.questions
      .filter((x) => rules.has(x.id))
      .map((question) => {
        const rule = rules.get(question.id)!;
        return { question, rule, max: ruleMax(rule.points, question), notApplicable: new Set(rule.notApplicable), entries: new Map() };
      }),
  };
}

export interface ScoreOptions {
  /** Compute the next-level path (explanations, feedback). */
  withPath?: boolean;
}

const pct = (n: number) => `${Math.round(n * 10) / 10}`.replace('.', ',');

/** Scores every dossier; pure. */
export function scoreAll(dossiers: readonly Dossier[], ctx: ScoringContext, opts: ScoreOptions = {}): ScoreCard[] {
  const index = indexEdition(ctx.edition);
  return dossiers.map((d) => scoreDossier(d, index, ctx.territory, opts));
}

/** Scores one dossier: stratum, points, volets, weighted total, level, gates, next-level path. */
export function scoreDossier(dossier: Dossier, index: RubricIndex, territory?: TerritoryLookup, opts: ScoreOptions = { withPath: true }): ScoreCard {
  const { edition } = index;
  const findings: Finding[] = [];
  const warn = (rule: string, message: string, severity: Finding['severity'] = 'warning') =>
    findings.push({ severity, rule, message, dossier: dossier.number });
  const id = dossier.identity;
  const card: ScoreCard = {
    number: dossier.number,
    name: id.name ?? `dossier ${dossier.number}`,
    ...(id.kind ? { kind: id.kind } : {}),
    ...(id.population !== undefined ? { population: id.population } : {}),
    ...(id.departement ? { departement: id.departement } : {}),
    ...(id.code ? { code: id.code } : {}),
    ...(id.referent ? { referent: id.referent } : {}),
    questions: [],
    volets: [],
    totalExact: 0,
    total: 0,
    level: null,
    blocked: [],
    gates: [],
    findings,
  };
  if (!id.name) warn('score/no-name', 'nom de la collectivité absent');
  if (!id.kind) warn('score/no-stratum', 'type de collectivité absent ou illisible : impossible de choisir la strate, dossier non noté', 'error');
  if (id.population === undefined) warn('score/no-stratum', 'population absente ou illisible : impossible de choisir la strate, dossier non noté', 'error');
  if (territory && id.code && id.kind) checkPopulation(territory, id.code, id.kind, id.population, warn);
  if (!id.kind || id.population === undefined) return card;
  const stratum = findStratum(edition.rubric, id.kind, id.population);
  if (!stratum) {
    warn('score/no-stratum', `aucune strate du barème pour ${q(id.kind)} à ${id.population} habitants`, 'error');
    return card;
  }
  card.stratum = stratum;

  // Points per question.
  const unavailable = dossier.unavailable;
  for (const slot of index.scored) {
    const { question, notApplicable } = slot;
    const answer = dossier.answers[question.id];
    const status: QuestionStatus = notApplicable.has(stratum.id)
      ? 'not_applicable'
      : unavailable.length && unavailable.includes(question.id)
        ? 'unknown'
        : answer
          ? 'scored'
          : 'unanswered';
    card.questions.push(questionEntry(slot, status, answer));
  }
  const unknown = card.questions.filter((x) => x.status === 'unknown').map((x) => x.id);
  if (unknown.length) warn('score/unknown', `réponse inconnue dans cet export pour ${unknown.map(q).join(', ')} : question${unknown.length > 1 ? 's' : ''} retirée${unknown.length > 1 ? 's' : ''} du maximum`, 'info');

  card.volets = voletScores(card.questions, edition, stratum.id);
  card.totalExact = weightedTotal(card.volets);
  card.total = roundTotal(card.totalExact, edition.rubric.decimals);

  // Level: the highest whose threshold is reached and whose gates hold.
  const levels = edition.rubric.levels;
  card.gates = levels.flatMap((level) => levelGates(level, dossier, index, stratum.id));
  const assigned = assignLevel(levels, stratum.id, card.total, card.gates);
  card.level = assigned.level;
  card.blocked = assigned.blocked;
  const reachedAt = card.level ? levels.indexOf(card.level) : -1;
  const next = levels[reachedAt + 1];
  if (next && opts.withPath) {
    const path = nextLevelPath(card, dossier, index, next, stratum.id);
    if (path) card.next = path;
  }
  return card;
}

function questionEntry(slot: ScoredQuestion, status: QuestionStatus, answer: Answer | undefined): QuestionScore {
  let byAnswer = slot.entries.get(status);
  if (!byAnswer) slot.entries.set(status, (byAnswer = new Map()));
  const known = byAnswer.get(answer);
  if (known) return known;
  const { question, rule, max } = slot;
  const counts = status === 'scored' || status === 'unanswered';
  const entry: QuestionScore = {
    id: question.id,
    volet: question.volet,
    status,
    ...(answer ? { answer } : {}),
    points: counts ? answerPoints(rule.points, question, answer, max) : 0,
    max: counts ? max : 0,
  };
  Object.freeze(entry);
  if (byAnswer.size < SHARED_ENTRIES) byAnswer.set(answer, entry);
  return entry;
}

/**
 * The highest level whose threshold (for the stratum) the total reaches and whose gates hold;
 * the levels above the one given that the points reach but a gate blocks.
 */
export function assignLevel(levels: readonly Level[], stratumId: string, total: number, gates: readonly GateResult[]): { level: Level | null; blocked: { level: string; gates: string[] }[] } {
  let level: Level | null = null;
  let blocked: { level: string; gates: string[] }[] = [];
  for (const l of levels) {
    if (total + 1e-9 < threshold(l, stratumId)) continue;
    const failing = gates.filter((g) => g.level === l.id && !g.holds);
    if (failing.length) blocked.push({ level: l.id, gates: failing.map((g) => g.label) });
    else level = l;
  }
  // A blocked level below the one reached is history, not news.
  const reachedAt = level ? levels.indexOf(level) : -1;
  blocked = blocked.filter((b) => levels.findIndex((l) => l.id === b.level) > reachedAt);
  return { level, blocked };
}

export function voletScores(questions: readonly QuestionScore[], edition: Edition, stratumId: string): VoletScore[] {
  const weights = edition.rubric.weights[stratumId] ?? {};
  const sums = new Map<string, { points: number; max: number }>(edition.questionnaire.volets.map((v) => [v.id, { points: 0, max: 0 }]));
  for (const x of questions) {
    const s = sums.get(x.volet);
    if (s) {
      s.points += x.points;
      s.max += x.max;
    }
  }
  return edition.questionnaire.volets.map((v) => {
    const { points, max } = sums.get(v.id)!;
    const volet: VoletScore = { id: v.id, points, max, weight: weights[v.id] ?? 0 };
    if (max > 0) volet.ratio = points / max;
    return volet;
  });
}

/** Σ weight × ratio / Σ weight over the volets that have something applicable, × 100. */
export function weightedTotal(volets: readonly VoletScore[]): number {
  let num = 0;
  let den = 0;
  for (const v of volets) {
    if (v.ratio === undefined || v.weight <= 0) continue;
    num += v.weight * v.ratio;
    den += v.weight;
  }
  return den > 0 ? (100 * num) / den : 0;
}

export function levelGates(level: Level, dossier: Dossier, index: RubricIndex, stratumId: string): GateResult[] {
  return level.requires
    .filter((g) => gateApplies(g, stratumId))
    .map((g) => {
      const question = index.questions.get(g.question)!;
      return {
        level: level.id,
        label: gateLabel(g, question),
        question: g.question,
        holds: gateHolds(g, question, dossier.answers[g.question], index.rules.get(g.question)?.points),
      };
    });
}

function checkPopulation(
  territory: TerritoryLookup,
  code: string,
  kind: string,
  declared: number | undefined,
  warn: (rule: string, message: string, severity?: Finding['severity']) => void,
): void {
  const ref = territory.population(code, kind);
  if (ref === 'unchecked') return;
  if (!ref) {
    warn('score/insee-unknown', `code ${q(code)} inconnu du découpage administratif (INSEE) : population non vérifiée`);
    return;
  }
  if (declared === undefined) return;
  const gap = Math.abs(declared - ref.population) / ref.population;
  if (gap > 0.1)
    warn(
      'score/population-gap',
      `population déclarée ${declared.toLocaleString('fr-FR')} habitants, ${ref.population.toLocaleString('fr-FR')} selon l’INSEE pour ${ref.name} (écart de ${pct(gap * 100)} %) : la population déclarée est conservée, vérifiez-la`,
    );
}
