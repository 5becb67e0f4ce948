import type { Gate, JuryRubric, Level, PointsRule, QuestionRule, Rubric, Stratum } from './types.js';
import { AUTHORITY_KINDS, type AuthorityKind } from './types.js';
import { own } from '../util/own.js';

export type RawGate = string | { question: string; choices?: string[]; min?: number; strata?: string[]; label?: string };
export interface RawRule {
  yes?: number;
  no?: number;
  choices?: Record<string, number>;
  per_item?: number;
  max?: number;
  bands?: { min: number; points: number }[];
  not_applicable?: string[];
}
export interface RawLevel {
  id: string;
  label: string;
  title?: string;
  symbol?: string;
  min: number;
  min_by_stratum?: Record<string, number>;
  requires?: RawGate[];
}
export interface RawRubric {
  edition: number;
  scale: Rubric['scale'];
  decimals?: number;
  strata: Partial<Record<AuthorityKind, { id: string; label: string; min: number; max?: number }[]>>;
  weights: Record<string, Record<string, number>>;
  questions: Record<string, RawRule>;
  levels: RawLevel[];
  mentions?: { id: string; label: string; description?: string }[];
  previous_levels?: Record<string, string>;
  jury?: RawJury;
}
export interface RawJury {
  scale: { min: number; max: number };
  disagreement?: number;
  criteria: { id: string; volet: string; label: string; guidance: string; reads?: string[]; points: number; disagreement?: number }[];
}

/** The jury's criteria, with each one's disagreement threshold (by default: half the scale). */
export function buildJury(raw: RawJury): JuryRubric {
  const fallback = raw.disagreement ?? Math.ceil((raw.scale.max - raw.scale.min) / 2);
  return {
    scale: { ...raw.scale },
    criteria: raw.criteria.map((c) => ({
      id: c.id,
      volet: c.volet,
      label: c.label,
      guidance: c.guidance.trim(),
      reads: c.reads ?? [],
      points: c.points,
      disagreement: c.disagreement ?? fallback,
    })),
  };
}

export function buildPointsRule(r: RawRule): PointsRule {
  if (r.yes !== undefined) return { kind: 'yes_no', yes: r.yes, no: r.no ?? 0 };
  if (r.choices !== undefined) return { kind: 'choices', choices: { ...r.choices }, ...(r.max !== undefined ? { max: r.max } : {}) };
  if (r.per_item !== undefined) return { kind: 'per_item', perItem: r.per_item, max: r.max ?? 0 };
  return { kind: 'bands', bands: [...(r.bands ?? [])].sort((a, b) => a.min - b.min) };
}

export function buildGate(g: RawGate): Gate {
  return typeof g === 'string' ? { question: g } : { ...g };
}

/** Raw (schema-valid, semantically checked) data → typed rubric. */
export function buildRubric(raw: RawRubric, volets: readonly string[]): Rubric {
  const strata: Stratum[] = [];
  for (const kind of AUTHORITY_KINDS) {
    for (const s of raw.strata[kind] ?? []) {
      strata.push({ id: s.id, kind, label: s.label, min: s.min, ...(s.max !== undefined ? { max: s.max } : {}) });
    }
  }
  const defaults = raw.weights.default ?? {};
  const weights: Rubric['weights'] = {};
  for (const s of strata) {
    const merged: Record<string, number> = {};
    for (const v of volets) merged[v] = raw.weights[s.id]?.[v] ?? defaults[v] ?? 0;
    weights[s.id] = merged;
  }
  const rules: QuestionRule[] = Object.entries(raw.questions).map(([questionId, r]) => ({
    questionId,
    points: buildPointsRule(r),
    notApplicable: r.not_applicable ?? [],
  }));
  const levels: Level[] = raw.levels.map((l) => ({
    id: l.id,
    label: l.label,
    title: l.title ?? (raw.scale === 'niveaux' ? `niveau ${l.id}` : l.label),
    ...(l.symbol ? { symbol: l.symbol } : {}),
    min: l.min,
    minByStratum: { ...(l.min_by_stratum ?? {}) },
    requires: (l.requires ?? []).map(buildGate),
  }));
  return {
    edition: raw.edition,
    scale: raw.scale,
    strata,
    weights,
    rules,
    levels,
    mentions: raw.mentions ?? [],
    decimals: raw.decimals ?? 1,
    ...(raw.previous_levels ? { previousLevels: { ...raw.previous_levels } } : {}),
    ...(raw.jury ? { jury: buildJury(raw.jury) } : {}),
  };
}

/** The threshold of a level in a stratum. */
export function threshold(level: Level, stratumId: string): number {
  return own(level.minByStratum, stratumId) ?? level.min;
}
