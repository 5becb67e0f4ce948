import { count, frNumber, frPercent, q } from '../util/french.js';
import type { Edition, Level } from '../edition/types.js';
import type { Finding } from '../findings/finding.js';
import type { Answer, Dossier } from '../ingest/dossier.js';
import { threshold } from '../edition/rubric.js';
import { gateApplies, gateHolds, gateLabel } from './gates.js';
import { nextLevelPath } from './next-level.js';
import { answerPoints } from './points.js';
import { roundTotal } from './round.js';
import { ruleMax } from '../edition/rule-max.js';
import { findStratum } from './stratum.js';
import type { GateResult, JuryScore, QuestionScore, QuestionStatus, RubricIndex, ScoreCard, ScoredQuestion, StratumPlan, VoletScore } from './types.js';
import { own } from '../util/own.js';
import type { TerritoryLookup } from '../territory/lookup.js';

/** What the scoring needs to know about the territory (injected: the core reads no file). */

/**
 * The code (INSEE or SIREN) of the candidate authority, and where it comes from: the code declared
 * in the form; else, for a commune, the INSEE code of the form's commune field; for an EPCI, the
 * SIREN of the form's EPCI field, or the EPCI its seat commune (the commune field) belongs to. A
 * commune's INSEE code is never taken for an EPCI's SIREN. Pure, given the territory lookup.
 */
export function authorityCode(
  id: Dossier['identity'],
  territory?: TerritoryLookup,
): { code: string; from: 'declared' | 'commune' | 'epci' | 'seat'; seat?: string } | undefined {
  // A commune's INSEE code declared for an EPCI (a « Code INSEE » column mapped to the code): it is
  // the seat's, and the EPCI is the one that commune belongs to.
  if (id.code && id.kind === 'epci' && /^(\d{5}|2[AB]\d{3})$/.test(id.code) && territory?.epciOfCommune) {
    const epci = territory.epciOfCommune(id.code);
    if (epci) return { code: epci.code, from: 'seat', seat: `${id.commune?.name || 'code'} (${id.code})` };
  }
  if (id.code) return { code: id.code, from: 'declared' };
  if (id.kind === 'commune' && id.commune?.code) return { code: id.commune.code, from: 'commune' };
  if (id.kind === 'epci' && id.epci?.code) return { code: id.epci.code, from: 'epci' };
  if (id.kind === 'epci' && id.commune?.code && territory?.epciOfCommune) {
    const epci = territory.epciOfCommune(id.commune.code);
    if (epci) return { code: epci.code, from: 'seat', seat: `${id.commune.name || id.commune.code} (${id.commune.code})` };
  }
  return undefined;
}

export interface ScoringContext {
  edition: Edition;
  territory?: TerritoryLookup;
}

/** Distinct answers remembered per question and status; beyond, entries are made afresh. */
export const SHARED_ENTRIES = 512;

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
        return {
          question,
          rule,
          max: ruleMax(rule.points, question),
          notApplicable: new Set(rule.notApplicable),
          entries: { scored: new Map(), unanswered: new Map(), not_applicable: new Map(), unknown: new Map() },
        };
      }),
    strata: new Map(),
  };
}

function stratumPlan(index: RubricIndex, stratumId: string): StratumPlan {
  let plan = index.strata.get(stratumId);
  if (plan) return plan;
  const { edition } = index;
  const volets = edition.questionnaire.volets.map((v) => v.id);
  const weights = own(edition.rubric.weights, stratumId) ?? {};
  plan = {
    slots: index.scored.map((slot) => ({ slot, applies: !slot.notApplicable.has(stratumId), volet: volets.indexOf(slot.question.volet) })),
    weights: volets.map((v) => own(weights, v) ?? 0),
    gates: edition.rubric.levels.flatMap((level) =>
      level.requires
        .filter((g) => gateApplies(g, stratumId))
        .map((gate) => {
          const question = index.questions.get(gate.question)!;
          const rule = index.rules.get(gate.question)?.points;
          const result = (holds: boolean): GateResult => Object.freeze({ level: level.id, label: gateLabel(gate, question), question: gate.question, holds });
          return { gate, question, ...(rule ? { rule } : {}), holds: result(true), fails: result(false) };
        }),
    ),
  };
  index.strata.set(stratumId, plan);
  return plan;
}

export interface ScoreOptions {
  /** Compute the next-level path (explanations, feedback): on unless turned off, for one dossier or many. */
  withPath?: boolean;
}

/** What scoring computes when not told otherwise: the same for scoreAll and scoreDossier. */
const DEFAULT_OPTIONS: Required<ScoreOptions> = { withPath: true };

/** Scores every dossier; pure. */
export function scoreAll(dossiers: readonly Dossier[], ctx: ScoringContext, opts: ScoreOptions = DEFAULT_OPTIONS): ScoreCard[] {
  const index = indexEdition(ctx.edition);
  return dossiers.map((d) => scoreDossier(d, index, ctx.territory, opts));
}

/** Scores one dossier: stratum, points, volets, weighted total, level, gates, next-level path. */
export function scoreDossier(dossier: Dossier, index: RubricIndex, territory?: TerritoryLookup, opts: ScoreOptions = DEFAULT_OPTIONS): ScoreCard {
  const { edition } = index;
  const findings: Finding[] = [];
  const warn = (rule: string, message: string, severity: Finding['severity'] = 'warning') =>
    findings.push({ severity, rule, message, dossier: dossier.number });
  const id = dossier.identity;
  const card: ScoreCard = {
    number: dossier.number,
    name: id.name ?? `dossier ${dossier.number}`,
    questions: [],
    volets: [],
    totalExact: 0,
    total: 0,
    level: null,
    blocked: [],
    gates: [],
    findings,
  };
  if (id.kind) card.kind = id.kind;
  if (id.population !== undefined) card.population = id.population;
  if (id.departement) card.departement = id.departement;
  const code = authorityCode(id, territory);
  if (code) card.code = code.code;
  if (code?.from === 'seat') warn('score/code-from-seat', `SIREN ${code.code} de l’intercommunalité déduit de sa commune siège ${code.seat}`, 'info');
  if (id.referent) card.referent = id.referent;
  if (!id.name) warn('score/no-name', 'nom de la collectivité absent');
  if (!id.kind) warn('score/no-stratum', 'type de collectivité absent ou illisible : impossible de choisir la strate, dossier non noté', 'error');
  if (id.population === undefined) warn('score/no-stratum', 'population absente ou illisible : impossible de choisir la strate, dossier non noté', 'error');
  if (territory && code && id.kind) checkPopulation(territory, code.code, id.kind, id.population, warn);
  else if (territory && id.kind && (id.kind === 'commune' || id.kind === 'epci') && id.population !== undefined)
    warn(
      'score/insee-unverified',
      `population non vérifiée : ni code INSEE ou SIREN déclaré, ni champ ${id.kind === 'commune' ? 'commune' : 'EPCI ou commune siège'} rempli`,
      'info',
    );
  if (!id.kind || id.population === undefined) {
    card.notScored = !id.kind ? 'type de collectivité absent ou illisible' : 'population absente ou illisible';
    return card;
  }
  const stratum = findStratum(edition.rubric, id.kind, id.population);
  if (!stratum) {
    warn('score/no-stratum', `aucune strate du barème pour ${q(id.kind)} à ${id.population} habitants`, 'error');
    card.notScored = `aucune strate pour ${id.kind} à ${id.population} habitants`;
    return card;
  }
  card.stratum = stratum;

  const plan = stratumPlan(index, stratum.id);

  // Points per question, summed per volet as they come.
  const unavailable = dossier.unavailable;
  const volets = edition.questionnaire.volets;
  const points = new Array<number>(volets.length).fill(0);
  const maxima = new Array<number>(volets.length).fill(0);
  const unknown: string[] = [];
  const missing: string[] = [];
  for (const { slot, applies, volet } of plan.slots) {
    const id = slot.question.id;
    const answer = dossier.answers[id];
    const status: QuestionStatus = !applies ? 'not_applicable' : unavailable.length && unavailable.includes(id) ? 'unknown' : answer ? 'scored' : 'unanswered';
    // An empty multiple choice or checkbox is an answer (nothing ticked); any other required
    // question left empty, or whose value could not be read, is missing.
    if (status === 'unanswered' && slot.question.required && slot.question.type !== 'multiple_choice' && slot.question.type !== 'checkbox') missing.push(id);
    const entry = questionEntry(slot, status, answer);
    card.questions.push(entry);
    if (status === 'unknown') unknown.push(id);
    if (volet >= 0) {
      points[volet]! += entry.points;
      maxima[volet]! += entry.max;
    }
  }
  const ungraded = juryCriteria(card, dossier, edition, points, maxima, warn);
  if (unknown.length) {
    card.incomplete = unknown;
    warn(
      'score/incomplete',
      `total incomplet : ${unknown.map(q).join(', ')} absent${unknown.length > 1 ? 's' : ''} de cet export (retiré${unknown.length > 1 ? 's' : ''} du maximum) ; donnez la feuille du bloc répétable (--repetitions) ou l’export JSON ou XLSX`,
    );
  }

  if (ungraded.length) card.incomplete = [...(card.incomplete ?? []), ...ungraded];

  card.volets = volets.map((v, i) => {
    const volet: VoletScore = { id: v.id, points: points[i]!, max: maxima[i]!, weight: plan.weights[i]! };
    if (maxima[i]! > 0) volet.ratio = points[i]! / maxima[i]!;
    return volet;
  });
  card.totalExact = weightedTotal(card.volets);
  card.total = roundTotal(card.totalExact, edition.rubric.decimals);

  // Level: the highest whose threshold is reached and whose gates hold.
  const levels = edition.rubric.levels;
  card.gates = plan.gates.map((g) => (gateHolds(g.gate, g.question, dossier.answers[g.gate.question], g.rule) ? g.holds : g.fails));
  const assigned = assignLevel(levels, stratum.id, card.total, card.gates);
  card.level = assigned.level;
  card.blocked = assigned.blocked;
  // A required question left without an answer (or with a value that could not be read): no level.
  if (missing.length) {
    card.notScored = `réponse${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} manquante${missing.length > 1 ? 's' : ''} : ${missing.join(', ')}`;
    warn('score/missing-required', `dossier non noté : ${card.notScored} (aucun niveau n’est proposé ; complétez l’export ou la réponse)`, 'error');
    card.level = null;
    card.blocked = [];
    return card;
  }
  const reachedAt = card.level ? levels.indexOf(card.level) : -1;
  const next = levels[reachedAt + 1];
  if (next && (opts.withPath ?? DEFAULT_OPTIONS.withPath)) {
    const path = nextLevelPath(card, dossier, index, next, stratum.id);
    if (path) card.next = path;
  }
  return card;
}

const ungradedMemo = new WeakMap<Edition, { scores: readonly JuryScore[]; ids: readonly string[] }>();

/** The jury's criteria of an edition, none graded: shared by every dossier scored without grades. */
function ungradedAll(edition: Edition): { scores: readonly JuryScore[]; ids: readonly string[] } {
  let u = ungradedMemo.get(edition);
  if (!u) {
    const criteria = edition.rubric.jury?.criteria ?? [];
    u = {
      scores: Object.freeze(criteria.map((c) => Object.freeze({ criterion: c.id, volet: c.volet, points: 0, max: 0 }))),
      ids: Object.freeze(criteria.map((c) => c.id)),
    };
    ungradedMemo.set(edition, u);
  }
  return u;
}

/**
 * The jury's criteria into the volets: a consolidated grade gives its share of the criterion's
 * points ((grade − min) / (max − min)); a criterion not graded leaves the maximum, and the total is
 * incomplete. Returns the ungraded criteria.
 */
function juryCriteria(
  card: ScoreCard,
  dossier: Dossier,
  edition: Edition,
  points: number[],
  maxima: number[],
  warn: (rule: string, message: string, severity?: Finding['severity']) => void,
): readonly string[] {
  const jury = edition.rubric.jury;
  if (!jury) return [];
  if (!dossier.grades) {
    // No grades given at all: the same (frozen) lines for every dossier of the batch. The dossier is
    // marked incomplete with the criteria's ids; the run says once why (src/output/scoring-notice.ts).
    const shared = ungradedAll(edition);
    card.jury = shared.scores;
    return shared.ids;
  }
  const { min, max } = jury.scale;
  const volets = edition.questionnaire.volets;
  const ungraded: string[] = [];
  card.jury = jury.criteria.map((c) => {
    const v = volets.findIndex((x) => x.id === c.volet);
    const grade = dossier.grades ? own(dossier.grades, c.id) : undefined;
    if (grade === undefined || v < 0) {
      ungraded.push(c.id);
      return { criterion: c.id, volet: c.volet, points: 0, max: 0 };
    }
    const earned = ((grade - min) / (max - min)) * c.points;
    points[v]! += earned;
    maxima[v]! += c.points;
    return { criterion: c.id, volet: c.volet, grade, points: earned, max: c.points };
  });
  if (ungraded.length)
    warn(
      'score/jury-ungraded',
      `total incomplet : note${ungraded.length > 1 ? 's' : ''} du jury manquante${ungraded.length > 1 ? 's' : ''} pour ${ungraded.map(q).join(', ')} (retiré${ungraded.length > 1 ? 's' : ''} du maximum)`,
    );
  return ungraded;
}

function questionEntry(slot: ScoredQuestion, status: QuestionStatus, answer: Answer | undefined): QuestionScore {
  const byAnswer = slot.entries[status];
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
export function assignLevel(
  levels: readonly Level[],
  stratumId: string,
  total: number,
  gates: readonly GateResult[],
): { level: Level | null; blocked: { level: string; gates: string[] }[] } {
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
      `population déclarée ${count(declared, 'habitant')}, ${frNumber(ref.population)} selon l’INSEE pour ${ref.name} (écart de ${frPercent(gap * 100)}) : la population déclarée est conservée, vérifiez-la`,
    );
}
