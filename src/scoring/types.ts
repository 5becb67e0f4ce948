import type { AuthorityKind, Edition, Gate, Level, PointsRule, Question, QuestionRule, Stratum } from '../edition/types.js';
import type { Finding } from '../findings/finding.js';
import type { Answer } from '../ingest/dossier.js';

/** How a question counted for a dossier. Not applicable and unknown never count as 0. */
export type QuestionStatus = 'scored' | 'unanswered' | 'not_applicable' | 'unknown';

export interface QuestionScore {
  id: string;
  volet: string;
  status: QuestionStatus;
  answer?: Answer;
  points: number;
  /** 0 when not applicable or unknown: the question leaves the maximum. */
  max: number;
}

export interface VoletScore {
  id: string;
  points: number;
  max: number;
  /** points / max, 0–1; undefined when nothing is applicable (the volet leaves the mean). */
  ratio?: number;
  weight: number;
}

export interface GateResult {
  level: string;
  label: string;
  question: string;
  holds: boolean;
}

export interface AnswerChange {
  question: string;
  volet: string;
  from?: Answer;
  to: Answer;
  gain: number;
  /** Whether the change is needed by a gate rather than for points. */
  forGate: boolean;
}

export interface NextLevelPath {
  level: string;
  threshold: number;
  /** Total the changes lead to. */
  total: number;
  changes: AnswerChange[];
}

/** How a jury criterion counted: its consolidated grade, or none yet (it then leaves the maximum). */
export interface JuryScore {
  criterion: string;
  volet: string;
  grade?: number;
  points: number;
  /** 0 while ungraded. */
  max: number;
}

export interface ScoreCard {
  number: string;
  name: string;
  kind?: AuthorityKind;
  population?: number;
  departement?: string;
  code?: string;
  /** The elected referent, who carries the dossier in published results. */
  referent?: string;
  stratum?: Stratum;
  questions: QuestionScore[];
  /** The jury's criteria, when the rubric has some (shared and frozen when none is graded). */
  jury?: readonly JuryScore[];
  volets: VoletScore[];
  /** Exact weighted mean, 0–100. */
  totalExact: number;
  /** Rounded once, at the rubric's decimals: the published total. */
  total: number;
  /** The proposed level; null when the dossier reaches none (or cannot be scored). */
  level: Level | null;
  /** Levels whose threshold is reached but whose gates do not hold. */
  blocked: { level: string; gates: string[] }[];
  gates: GateResult[];
  next?: NextLevelPath;
  findings: Finding[];
  /**
   * Questions this export could not carry (repetition blocks in a CSV export): they left the
   * maximum, so the total is not the one a complete export gives. Absent when complete.
   */
  incomplete?: string[];
  /** Why the dossier could not be scored (no level is proposed); absent when it was. */
  notScored?: string;
}

/** An edition's rules, indexed once for a batch. */
export interface RubricIndex {
  edition: Edition;
  questions: Map<string, Question>;
  rules: Map<string, QuestionRule>;
  /** The scored questions in form order, with their rule and maximum. */
  scored: ScoredQuestion[];
  /** What scoring in each stratum needs, worked out on its first dossier. */
  strata: Map<string, StratumPlan>;
}

/** A stratum's questions, weights and gates, decided once for every dossier of that stratum. */
export interface StratumPlan {
  /** Each scored question, whether it applies here, and the position of its volet. */
  slots: { slot: ScoredQuestion; applies: boolean; volet: number }[];
  /** The weight of each volet (questionnaire order) in this stratum. */
  weights: number[];
  /** The gates that apply here, level by level, with their two possible (shared, frozen) results. */
  gates: { gate: Gate; question: Question; rule?: PointsRule; holds: GateResult; fails: GateResult }[];
}

export interface ScoredQuestion {
  question: Question;
  rule: QuestionRule;
  max: number;
  notApplicable: Set<string>;
  /**
   * How each answer already met counted, by status: the entries of a batch are shared between the
   * dossiers that gave the same answer (ingest shares those), so that 10 000 dossiers do not hold
   * 10 000 copies of « Oui : 3/3 ». Entries are frozen: nothing may modify them.
   */
  entries: Record<QuestionStatus, Map<Answer | undefined, QuestionScore>>;
}
