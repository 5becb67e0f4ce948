/** Typed view of a validated edition: questionnaire + rubric. */

export const AUTHORITY_KINDS = ['commune', 'epci', 'syndicat', 'departement', 'region', 'autre'] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

export const QUESTION_TYPES = [
  'yes_no',
  'checkbox',
  'single_choice',
  'multiple_choice',
  'integer',
  'decimal',
  'text',
  'date',
  'commune',
  'repetition',
  'file',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Types a rubric can give points to. */
export const SCOREABLE_TYPES: readonly QuestionType[] = ['yes_no', 'checkbox', 'single_choice', 'multiple_choice', 'integer', 'decimal', 'repetition', 'file'];

export interface Choice {
  id: string;
  label: string;
  aliases?: string[];
}

export interface Volet {
  id: string;
  title: string;
  short: string;
  description: string;
}

export interface Question {
  id: string;
  volet: string;
  label: string;
  type: QuestionType;
  aliases: string[];
  stableId?: number;
  choices?: Choice[];
  /** Repetition blocks: the champs of one row. */
  children?: { id: string; label: string; type: QuestionType }[];
  required: boolean;
  help?: string;
  /** Numbers: the accepted range (0 and, for a percentage, 100 by default) and unit. */
  min?: number;
  max?: number;
  unit?: string;
}

/** A private annotation of the démarche (filled by the instructors): read for the jury, never published. */
export interface Annotation {
  id: string;
  label: string;
  aliases: string[];
  stableId?: number;
  /** Shown by `tnl explain` too (always in the jury's book). */
  explain: boolean;
}

export const IDENTITY_ROLES = ['name', 'kind', 'code', 'population', 'departement', 'commune', 'epci', 'referent', 'responsable', 'email', 'phone'] as const;
export type IdentityRole = (typeof IDENTITY_ROLES)[number];

export interface IdentityField {
  role: IdentityRole;
  label: string;
  type: 'text' | 'integer' | 'single_choice' | 'departement' | 'commune' | 'epci' | 'email' | 'phone';
  aliases: string[];
  stableId?: number;
  /** For `kind`: choice ids are authority kinds. */
  choices?: Choice[];
  required: boolean;
  /** Personal data (e-mail, phone, agents' names): never published. */
  personal: boolean;
}

export interface Questionnaire {
  edition: number;
  number: number;
  title: string;
  demarche?: { instance?: string; number?: number };
  volets: Volet[];
  identity: Partial<Record<IdentityRole, IdentityField>>;
  questions: Question[];
  annotations: Annotation[];
}

export interface Stratum {
  id: string;
  kind: AuthorityKind;
  label: string;
  /** Inclusive lower bound. */
  min: number;
  /** Exclusive upper bound; undefined = no upper bound. */
  max?: number;
}

export type PointsRule =
  | { kind: 'yes_no'; yes: number; no: number }
  | { kind: 'choices'; choices: Record<string, number>; max?: number }
  | { kind: 'per_item'; perItem: number; max: number }
  | { kind: 'bands'; bands: { min: number; points: number }[] };

export interface QuestionRule {
  questionId: string;
  points: PointsRule;
  /** Strata in which the question is not applicable (it leaves the maximum). */
  notApplicable: string[];
}

export interface Gate {
  question: string;
  /** Choices that satisfy the gate (choice questions). */
  choices?: string[];
  /** Minimum value or number of items (numbers, multiple choices, repetitions). */
  min?: number;
  /** Strata where the gate applies; all when absent. */
  strata?: string[];
  /** Human wording of the condition, for explanations. */
  label?: string;
}

export interface Level {
  id: string;
  label: string;
  /** How the press writes it: "niveau 3", "Or"… */
  title: string;
  symbol?: string;
  min: number;
  minByStratum: Record<string, number>;
  requires: Gate[];
}

export interface Mention {
  id: string;
  label: string;
  description?: string;
}

/** A criterion graded by the jurors, read from questions and attachments; its points count in its volet. */
export interface JuryCriterion {
  id: string;
  volet: string;
  label: string;
  /** What the juror looks at and how to grade: shown in the grading sheet. */
  guidance: string;
  /** The questions the juror reads to grade it. */
  reads: string[];
  /** Points at the top of the scale. */
  points: number;
  /** Spread between jurors' grades from which a disagreement is flagged. */
  disagreement: number;
}

export interface JuryRubric {
  scale: { min: number; max: number };
  criteria: JuryCriterion[];
}

export interface Rubric {
  edition: number;
  scale: 'niveaux' | 'medailles';
  strata: Stratum[];
  /** Weights per stratum id, complete for every volet (defaults merged). */
  weights: Record<string, Record<string, number>>;
  rules: QuestionRule[];
  levels: Level[];
  mentions: Mention[];
  /** Decimals of the published total. */
  decimals: number;
  /** Criteria graded by the jurors, when the edition has some. */
  jury?: JuryRubric;
  /**
   * When the scale changed since the previous edition: this edition's level for each of the
   * previous one's (declared in the rubric, `previous_levels`; never assumed).
   */
  previousLevels?: Record<string, string>;
}

export interface Edition {
  year: number;
  questionnaire: Questionnaire;
  rubric: Rubric;
  /** sha256 of the rubric file's bytes (provenance). */
  rubricHash: string;
  questionnaireHash: string;
  files: { questionnaire: string; rubric: string };
}
