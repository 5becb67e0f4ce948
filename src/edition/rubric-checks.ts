import { didYouMean, frNumber, q } from '../util/french.js';
import { closest } from '../util/suggest.js';
import type { Finding } from '../findings/finding.js';
import { reachablePoints, ruleMax } from './rule-max.js';
import { findingAt, type Path, type YamlSource } from '../util/yaml-source.js';
import { buildGate, buildPointsRule, type RawRubric } from './rubric.js';
import { AUTHORITY_KINDS, SCOREABLE_TYPES, type Question, type Questionnaire } from './types.js';
import { own } from '../util/own.js';

type Add = (rule: string, message: string, path: Path, opts?: { severity?: Finding['severity']; key?: boolean }) => void;

const fmt = (n: number): string => frNumber(n);

/** Cross-checks of a rubric against its questionnaire. Every problem, located, in one pass. */
export function checkRubric(raw: RawRubric, questionnaire: Questionnaire, source: YamlSource): Finding[] {
  const findings: Finding[] = [];
  const add: Add = (rule, message, path, opts = {}) => {
    findings.push(findingAt(source, `rubric/${rule}`, message, path, opts));
  };

  if (raw.edition !== questionnaire.edition)
    add('edition-mismatch', `le barème est celui de l’édition ${raw.edition}, le questionnaire celui de ${questionnaire.edition}`, ['edition']);

  const strata = checkStrata(raw, questionnaire, add);
  const stratumIds = new Set(strata.keys());
  const questions = new Map(questionnaire.questions.map((x) => [x.id, x]));
  const volets = questionnaire.volets.map((v) => v.id);

  checkWeights(raw, volets, stratumIds, add);
  checkRules(raw, questions, stratumIds, add);
  checkVoletCoverage(raw, questionnaire, questions, [...stratumIds], add);
  checkLevels(raw, questions, [...stratumIds], add);
  checkMentions(raw, add);
  checkPreviousLevels(raw, add);
  checkJury(raw, questionnaire, questions, add);
  // One problem found in several strata at the same place is said once.
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.line}:${f.column}:${f.rule}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Half-open bands [min, max) from 0 to infinity, per kind; returns stratum id → kind. */
function checkStrata(raw: RawRubric, questionnaire: Questionnaire, add: Add): Map<string, string> {
  const ids = new Map<string, string>();
  for (const kind of AUTHORITY_KINDS) {
    const list = raw.strata[kind];
    if (!list) continue;
    list.forEach((s, i) => {
      if (ids.has(s.id)) add('unique-id', `la strate ${q(s.id)} est déclarée deux fois`, ['strata', kind, i, 'id']);
      ids.set(s.id, kind);
      if (s.max !== undefined && s.max <= s.min)
        add('strata-empty', `la strate ${q(s.id)} est vide : max (${fmt(s.max)}) doit dépasser min (${fmt(s.min)})`, ['strata', kind, i, 'max']);
    });
    const sorted = list.map((s, i) => ({ ...s, i })).sort((a, b) => a.min - b.min);
    const first = sorted[0];
    if (first && first.min !== 0)
      add('strata-gap', `les strates ${kind} ne commencent pas à 0 : de 0 à ${fmt(first.min)} habitants, aucune strate`, ['strata', kind, first.i, 'min']);
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1]!;
      const cur = sorted[k]!;
      if (prev.max === undefined) {
        add('strata-overlap', `les strates ${q(prev.id)} (sans borne haute) et ${q(cur.id)} se chevauchent`, ['strata', kind, prev.i]);
      } else if (cur.min > prev.max) {
        add(
          'strata-gap',
          `trou entre les strates ${q(prev.id)} et ${q(cur.id)} : de ${fmt(prev.max)} à ${fmt(cur.min)} habitants, aucune strate (les intervalles sont [min, max[)`,
          ['strata', kind, cur.i, 'min'],
        );
      } else if (cur.min < prev.max) {
        add(
          'strata-overlap',
          `les strates ${q(prev.id)} et ${q(cur.id)} se chevauchent de ${fmt(cur.min)} à ${fmt(prev.max)} habitants (les intervalles sont [min, max[)`,
          ['strata', kind, cur.i, 'min'],
        );
      }
    }
    const last = sorted[sorted.length - 1];
    if (last && last.max !== undefined)
      add('strata-gap', `les strates ${kind} s’arrêtent à ${fmt(last.max)} habitants : la dernière ne doit pas avoir de max`, ['strata', kind, last.i, 'max']);
  }
  for (const c of questionnaire.identity.kind?.choices ?? []) {
    if (!raw.strata[c.id as keyof RawRubric['strata']])
      add('strata-missing-kind', `aucune strate pour le type de collectivité ${q(c.id)} proposé par le questionnaire`, ['strata'], { key: true });
  }
  return ids;
}

function checkWeights(raw: RawRubric, volets: string[], stratumIds: Set<string>, add: Add): void {
  for (const [set, weights] of Object.entries(raw.weights)) {
    if (set !== 'default' && !stratumIds.has(set))
      add('unknown-stratum', `strate inconnue ${q(set)} dans les poids.${didYouMean(closest(set, stratumIds))}`, ['weights', set], { key: true });
    for (const v of Object.keys(weights)) {
      if (!volets.includes(v))
        add('unknown-volet', `volet inconnu ${q(v)} dans les poids ${q(set)}.${didYouMean(closest(v, volets))}`, ['weights', set, v], { key: true });
    }
  }
  for (const s of stratumIds) {
    const missing = volets.filter((v) => raw.weights[s]?.[v] === undefined && raw.weights.default?.[v] === undefined);
    if (missing.length)
      add(
        'weights-missing',
        `pas de poids pour le volet ${missing.map(q).join(', ')} dans la strate ${q(s)} (ni dans default)`,
        ['weights', raw.weights[s] ? s : 'default'],
        { key: true },
      );
    const total = volets.reduce((sum, v) => sum + (own(own(raw.weights, s), v) ?? own(raw.weights.default, v) ?? 0), 0);
    if (!missing.length && total <= 0)
      add('weights-zero', `tous les poids sont nuls dans la strate ${q(s)}`, ['weights', raw.weights[s] ? s : 'default'], { key: true });
  }
}

function checkRules(raw: RawRubric, questions: Map<string, Question>, stratumIds: Set<string>, add: Add): void {
  for (const [id, r] of Object.entries(raw.questions)) {
    const path: Path = ['questions', id];
    const question = questions.get(id);
    if (!question) {
      add('unknown-question', `la question ${q(id)} n’existe pas dans le questionnaire.${didYouMean(closest(id, questions.keys()))}`, path, { key: true });
      continue;
    }
    if (!SCOREABLE_TYPES.includes(question.type)) {
      add('not-scoreable', `la question ${q(id)} est de type ${question.type} : elle ne peut pas recevoir de points`, path, { key: true });
      continue;
    }
    const rule = buildPointsRule(r);
    const t = question.type;
    const fits =
      (rule.kind === 'yes_no' && (t === 'yes_no' || t === 'checkbox' || t === 'file')) ||
      (rule.kind === 'choices' && (t === 'single_choice' || t === 'multiple_choice')) ||
      (rule.kind === 'per_item' && (t === 'multiple_choice' || t === 'repetition' || t === 'file')) ||
      (rule.kind === 'bands' && (t === 'integer' || t === 'decimal' || t === 'repetition' || t === 'file'));
    if (!fits) add('rule-type', `la façon de compter de ${q(id)} ne convient pas à une question de type ${t}`, path, { key: true });
    if (rule.kind === 'choices') {
      const known = (question.choices ?? []).map((c) => c.id);
      for (const c of Object.keys(rule.choices)) {
        if (!known.includes(c))
          add('unknown-choice', `l’option ${q(c)} n’existe pas pour la question ${q(id)}.${didYouMean(closest(c, known))}`, [...path, 'choices', c], {
            key: true,
          });
      }
    }
    if (rule.kind === 'bands') {
      const mins = (r.bands ?? []).map((b) => b.min);
      mins.forEach((m, i) => {
        if (i > 0 && m <= mins[i - 1]!) add('bands-order', `les paliers de ${q(id)} doivent être rangés par min croissant`, [...path, 'bands', i, 'min']);
      });
    }
    if (ruleMax(rule, question) <= 0) add('zero-max', `la question ${q(id)} ne peut rapporter aucun point`, path, { severity: 'warning', key: true });
    (r.not_applicable ?? []).forEach((s, i) => {
      if (!stratumIds.has(s)) add('unknown-stratum', `strate inconnue ${q(s)}.${didYouMean(closest(s, stratumIds))}`, [...path, 'not_applicable', i]);
    });
  }
}

/** A volet with a weight but nothing to score in a stratum would silently drop out. */
function checkVoletCoverage(raw: RawRubric, questionnaire: Questionnaire, questions: Map<string, Question>, strata: string[], add: Add): void {
  for (const v of questionnaire.volets) {
    for (const s of strata) {
      const weight = own(own(raw.weights, s), v.id) ?? own(raw.weights.default, v.id) ?? 0;
      if (weight <= 0) continue;
      const max =
        Object.entries(raw.questions)
          .filter(([id, r]) => questions.get(id)?.volet === v.id && !(r.not_applicable ?? []).includes(s))
          .reduce((sum, [id, r]) => sum + ruleMax(buildPointsRule(r), questions.get(id)), 0) +
        (raw.jury?.criteria ?? []).filter((c) => c.volet === v.id).reduce((sum, c) => sum + c.points, 0);
      if (max <= 0)
        add(
          'volet-unscored',
          `le volet ${q(v.id)} pèse ${weight} dans la strate ${q(s)} mais n’y a aucune question notée`,
          ['weights', raw.weights[s] ? s : 'default'],
          { key: true },
        );
    }
  }
}

function checkLevels(raw: RawRubric, questions: Map<string, Question>, strata: string[], add: Add): void {
  const ids = new Set<string>();
  raw.levels.forEach((l, i) => {
    if (ids.has(l.id)) add('unique-id', `le niveau ${q(l.id)} est déclaré deux fois`, ['levels', i, 'id']);
    ids.add(l.id);
    for (const s of Object.keys(l.min_by_stratum ?? {})) {
      if (!strata.includes(s))
        add('unknown-stratum', `strate inconnue ${q(s)}.${didYouMean(closest(s, strata))}`, ['levels', i, 'min_by_stratum', s], { key: true });
    }
    (l.requires ?? []).forEach((g, j) => checkGate(buildGate(g), ['levels', i, 'requires', j], questions, raw, strata, add));
  });
  for (const s of strata) {
    raw.levels.forEach((l, i) => {
      if (i === 0) return;
      const prev = raw.levels[i - 1]!;
      const t = own(l.min_by_stratum, s) ?? l.min;
      const tp = own(prev.min_by_stratum, s) ?? prev.min;
      if (t <= tp) {
        const own = l.min_by_stratum?.[s] !== undefined;
        add(
          'thresholds-order',
          `le seuil du niveau ${q(l.id)} (${fmt(t)}) doit dépasser celui du niveau ${q(prev.id)} (${fmt(tp)})${own || prev.min_by_stratum?.[s] !== undefined ? ` dans la strate ${q(s)}` : ''}`,
          own ? ['levels', i, 'min_by_stratum', s] : ['levels', i, 'min'],
        );
      }
    });
  }
  const maxTotals = new Map(strata.map((s) => [s, maxTotal(raw, questions, s)]));
  raw.levels.forEach((l, i) => {
    for (const s of strata) {
      const t = own(l.min_by_stratum, s) ?? l.min;
      const m = maxTotals.get(s) ?? 0;
      if (t > m + 1e-9)
        add(
          'unreachable-level',
          `le niveau ${q(l.id)} est inaccessible dans la strate ${q(s)} : seuil ${fmt(t)}, total maximal ${fmt(Math.round(m * 10) / 10)}`,
          ['levels', i, 'min'],
        );
    }
  });
}

/**
 * The best total a dossier can reach in a stratum, as scoring computes it: each volet's ratio is
 * its points over its maximum (the rules' maxima of the questions that apply), and the total is the
 * weighted mean of the volets that have points to give. A volet reaches less than 1 when some of
 * its points are out of reach of any accepted answer (a band above the question's maximum).
 */
export function maxTotal(raw: RawRubric, questions: Map<string, Question>, stratum: string): number {
  const perVolet = new Map<string, { max: number; reachable: number }>();
  for (const [id, r] of Object.entries(raw.questions)) {
    const question = questions.get(id);
    if (!question || (r.not_applicable ?? []).includes(stratum)) continue;
    const rule = buildPointsRule(r);
    const v = perVolet.get(question.volet) ?? { max: 0, reachable: 0 };
    v.max += ruleMax(rule, question);
    v.reachable += reachablePoints(rule, question);
    perVolet.set(question.volet, v);
  }
  // The jury's criteria: every point within reach (the top of the scale).
  for (const c of raw.jury?.criteria ?? []) {
    const v = perVolet.get(c.volet) ?? { max: 0, reachable: 0 };
    v.max += c.points;
    v.reachable += c.points;
    perVolet.set(c.volet, v);
  }
  const weights = { ...raw.weights.default, ...raw.weights[stratum] };
  let num = 0;
  let den = 0;
  for (const [volet, w] of Object.entries(weights)) {
    const v = perVolet.get(volet);
    if (!v || v.max <= 0 || w <= 0) continue;
    num += w * (v.reachable / v.max);
    den += w;
  }
  return den > 0 ? (100 * num) / den : 0;
}

function checkGate(g: ReturnType<typeof buildGate>, path: Path, questions: Map<string, Question>, raw: RawRubric, strata: string[], add: Add): void {
  const question = questions.get(g.question);
  const at: Path = typeof raw.levels[path[1] as number]?.requires?.[path[3] as number] === 'string' ? path : [...path, 'question'];
  if (!question) {
    add('unknown-question', `la condition porte sur une question inconnue ${q(g.question)}.${didYouMean(closest(g.question, questions.keys()))}`, at);
    return;
  }
  const known = (question.choices ?? []).map((c) => c.id);
  (g.choices ?? []).forEach((c, k) => {
    if (!known.length) add('gate-choices', `la question ${q(g.question)} n’a pas d’options : la condition ne peut pas en exiger`, [...path, 'choices', k]);
    else if (!known.includes(c))
      add('unknown-choice', `l’option ${q(c)} n’existe pas pour la question ${q(g.question)}.${didYouMean(closest(c, known))}`, [...path, 'choices', k]);
  });
  (g.strata ?? []).forEach((s, k) => {
    if (!strata.includes(s)) add('unknown-stratum', `strate inconnue ${q(s)}.${didYouMean(closest(s, strata))}`, [...path, 'strata', k]);
  });
  if (g.min !== undefined) {
    const numeric = ['integer', 'decimal', 'multiple_choice', 'repetition', 'file'].includes(question.type);
    if (!numeric) add('gate-min', `« min » ne s’applique pas à la question ${q(g.question)} de type ${question.type}`, [...path, 'min']);
    if (question.type === 'multiple_choice' && g.min > (question.choices?.length ?? 0))
      add('unreachable-gate', `la condition exige ${g.min} options cochées alors que ${q(g.question)} n’en propose que ${question.choices?.length ?? 0}`, [
        ...path,
        'min',
      ]);
  }
  if (g.min === undefined && !g.choices && !['yes_no', 'checkbox'].includes(question.type) && !own(raw.questions, g.question))
    add('gate-unscored', `la condition ${q(g.question)} (points obtenus) porte sur une question sans points : précisez choices ou min`, at);
}

function checkMentions(raw: RawRubric, add: Add): void {
  const ids = new Set<string>();
  (raw.mentions ?? []).forEach((m, i) => {
    if (ids.has(m.id)) add('unique-id', `la mention ${q(m.id)} est déclarée deux fois`, ['mentions', i, 'id']);
    ids.add(m.id);
  });
}

/** Each previous level mapped onto a level of this rubric (the previous edition's ids are checked when it is read). */
function checkPreviousLevels(raw: RawRubric, add: Add): void {
  const ids = raw.levels.map((l) => l.id);
  for (const [from, to] of Object.entries(raw.previous_levels ?? {}))
    if (!ids.includes(to))
      add('unknown-level', `niveau inconnu ${q(to)} pour le niveau ${q(from)} de l’édition précédente.${didYouMean(closest(to, ids))}`, [
        'previous_levels',
        from,
      ]);
}

/** The previous edition's levels a correspondence forgets, and its keys that are none of them. */
export function previousLevelGaps(mapping: Readonly<Record<string, string>>, previousLevels: readonly string[]): { missing: string[]; unknown: string[] } {
  return {
    missing: previousLevels.filter((id) => !Object.hasOwn(mapping, id)),
    unknown: Object.keys(mapping).filter((id) => !previousLevels.includes(id)),
  };
}

/**
 * The keys of `previous_levels` against the previous edition's scale (`tnl validate`, when that
 * edition is in the workspace): a key of no level is an error, a level without a key a warning.
 */
export function checkPreviousLevelsAgainst(raw: RawRubric, previousYear: number, previousLevels: readonly string[], source: YamlSource): Finding[] {
  const mapping = raw.previous_levels;
  if (!mapping) return [];
  const findings: Finding[] = [];
  const { missing, unknown } = previousLevelGaps(mapping, previousLevels);
  for (const from of unknown)
    findings.push(
      findingAt(
        source,
        'rubric/unknown-previous-level',
        `le niveau ${q(from)} n’est pas de l’échelle de ${previousYear} (${previousLevels.join(', ')}).${from.length > 2 ? didYouMean(closest(from, [...previousLevels])) : ''}`,
        ['previous_levels', from],
        { key: true },
      ),
    );
  if (missing.length)
    findings.push(
      findingAt(
        source,
        'rubric/previous-level-missing',
        `previous_levels ne dit pas à quel niveau correspond${missing.length > 1 ? 'ent les niveaux' : ' le niveau'} ${missing.map(q).join(', ')} de ${previousYear} : ces dossiers-là ne compareront que les totaux`,
        ['previous_levels'],
        { severity: 'warning' },
      ),
    );
  return findings;
}

/** The jury's criteria: a scale, known volets and questions, ids of their own. */
function checkJury(raw: RawRubric, questionnaire: Questionnaire, questions: Map<string, Question>, add: Add): void {
  const jury = raw.jury;
  if (!jury) return;
  const { min, max } = jury.scale;
  if (min >= max) add('jury-scale', `l’échelle des jurés va de ${min} à ${max} : le maximum doit dépasser le minimum`, ['jury', 'scale']);
  const volets = questionnaire.volets.map((v) => v.id);
  const range = max - min;
  if (jury.disagreement !== undefined && jury.disagreement > range)
    add('jury-disagreement', `seuil de désaccord ${fmt(jury.disagreement)} au-delà de l’écart maximal de l’échelle (${range})`, ['jury', 'disagreement']);
  const ids = new Set<string>();
  jury.criteria.forEach((c, i) => {
    if (ids.has(c.id)) add('unique-id', `le critère ${q(c.id)} est déclaré deux fois`, ['jury', 'criteria', i, 'id']);
    if (questions.has(c.id)) add('jury-id', `le critère ${q(c.id)} porte l’identifiant d’une question : choisissez-en un autre`, ['jury', 'criteria', i, 'id']);
    ids.add(c.id);
    if (!volets.includes(c.volet))
      add('unknown-volet', `volet inconnu ${q(c.volet)}.${didYouMean(closest(c.volet, volets))}`, ['jury', 'criteria', i, 'volet']);
    (c.reads ?? []).forEach((id, j) => {
      if (!questions.has(id))
        add('unknown-question', `question inconnue ${q(id)}.${didYouMean(closest(id, [...questions.keys()]))}`, ['jury', 'criteria', i, 'reads', j]);
    });
    if (c.disagreement !== undefined && c.disagreement > range)
      add('jury-disagreement', `seuil de désaccord ${fmt(c.disagreement)} au-delà de l’écart maximal de l’échelle (${range})`, [
        'jury',
        'criteria',
        i,
        'disagreement',
      ]);
  });
}
