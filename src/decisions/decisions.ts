import { didYouMean, q } from '../util/french.js';
import { closest } from '../util/suggest.js';
import type { Edition, Level } from '../edition/types.js';
import type { Finding } from '../findings/finding.js';
import { checkSchema } from '../edition/schema-check.js';
import { findingAt, type YamlSource } from '../util/yaml-source.js';
import type { YearComparison } from '../scoring/year-over-year.js';
import type { ScoreCard } from '../scoring/types.js';

export interface Decision {
  dossier: string;
  /** undefined: keep the proposed level; null: not labelled. */
  level?: string | null;
  reason?: string;
  opinion?: string;
  mentions: string[];
  /** The reason given for a mention, by mention id, when the jury wrote one. */
  mentionReasons?: Record<string, string>;
  carrier?: string;
}

export interface Decisions {
  edition: number;
  juryDate?: string;
  byDossier: Map<string, Decision>;
}

interface RawDecisions {
  edition: number;
  jury_date?: string;
  decisions: {
    dossier: string | number;
    level?: string | number | null;
    reason?: string;
    opinion?: string;
    mentions?: (string | { id: string; reason?: string })[];
    carrier?: string;
  }[];
}

/** Checks a decisions file against the edition and the dossiers read; every problem located. */
export function checkDecisions(source: YamlSource, edition: Edition, dossierNumbers: readonly string[]): { decisions?: Decisions; findings: Finding[] } {
  const findings = checkSchema(source, 'decisions');
  if (findings.length) return { findings };
  const raw = source.data as RawDecisions;
  const add = (rule: string, message: string, path: (string | number)[]) => findings.push(findingAt(source, `decisions/${rule}`, message, path));
  if (raw.edition !== edition.year) add('edition', `ces décisions sont celles de l’édition ${raw.edition}, pas de ${edition.year}`, ['edition']);
  const levels = edition.rubric.levels.map((l) => l.id);
  const mentions = edition.rubric.mentions.map((m) => m.id);
  const known = new Set(dossierNumbers);
  const byDossier = new Map<string, Decision>();
  raw.decisions.forEach((d, i) => {
    const number = String(d.dossier);
    if (!known.has(number))
      add('unknown-dossier', `dossier ${number} inconnu dans l’export.${didYouMean(closest(number, known))}`, ['decisions', i, 'dossier']);
    if (byDossier.has(number)) add('duplicate', `le dossier ${number} a déjà une décision`, ['decisions', i, 'dossier']);
    const level = d.level === undefined || d.level === null ? d.level : String(d.level);
    if (level !== undefined && level !== null && !levels.includes(level))
      add('unknown-level', `niveau ${q(level)} hors de l’échelle de l’édition ${edition.year} (${levels.join(', ')}).${didYouMean(closest(level, levels))}`, [
        'decisions',
        i,
        'level',
      ]);
    if (level !== undefined && !d.reason?.trim())
      add('missing-reason', `le dossier ${number} change de niveau : la raison (reason) est obligatoire`, ['decisions', i]);
    const given = (d.mentions ?? []).map((m) => (typeof m === 'string' ? { id: m } : m));
    given.forEach((m, k) => {
      if (!mentions.includes(m.id))
        add('unknown-mention', `mention ${q(m.id)} inconnue (${mentions.join(', ')}).${didYouMean(closest(m.id, mentions))}`, ['decisions', i, 'mentions', k]);
    });
    const reasons = Object.fromEntries(given.filter((m) => m.reason?.trim()).map((m) => [m.id, m.reason!.trim()]));
    byDossier.set(number, {
      dossier: number,
      ...(level !== undefined ? { level } : {}),
      ...(d.reason ? { reason: d.reason.trim() } : {}),
      ...(d.opinion ? { opinion: d.opinion.trim() } : {}),
      mentions: given.map((m) => m.id),
      ...(Object.keys(reasons).length ? { mentionReasons: reasons } : {}),
      ...(d.carrier ? { carrier: d.carrier } : {}),
    });
  });
  if (findings.length) return { findings };
  return { decisions: { edition: raw.edition, ...(raw.jury_date ? { juryDate: raw.jury_date } : {}), byDossier }, findings };
}

export interface Result {
  card: ScoreCard;
  proposed: Level | null;
  final: Level | null;
  /** Why the final level differs from the proposed one. */
  reason?: string;
  opinion?: string;
  mentions: string[];
  mentionReasons?: Record<string, string>;
  carrier?: string;
  /** The same authority last year (--previous), and why its total moved. */
  previous?: YearComparison;
  /** Its earlier results in the archive (results/), oldest first. */
  history?: { year: number; level: string | null }[];
}

/** Result = proposed level + the jury's decision. Pure. */
export function applyDecisions(cards: readonly ScoreCard[], edition: Edition, decisions?: Decisions): Result[] {
  return cards.map((card) => {
    const d = decisions?.byDossier.get(card.number);
    const final = d?.level === undefined ? card.level : d.level === null ? null : (edition.rubric.levels.find((l) => l.id === d.level) ?? card.level);
    return {
      card,
      proposed: card.level,
      final,
      ...(d?.reason ? { reason: d.reason } : {}),
      ...(d?.opinion ? { opinion: d.opinion } : {}),
      mentions: d?.mentions ?? [],
      ...(d?.mentionReasons ? { mentionReasons: d.mentionReasons } : {}),
      ...(d?.carrier ? { carrier: d.carrier } : {}),
    };
  });
}
