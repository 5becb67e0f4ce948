import type { AuthorityKind } from '../edition/types.js';

export type Scale = 'niveaux' | 'medailles';

/** The levels of each scale, lowest first, as ids. */
export const SCALE_LEVELS: Record<Scale, readonly string[]> = {
  niveaux: ['1', '2', '3', '4', '5'],
  medailles: ['badge', 'bronze', 'argent', 'or'],
};

export interface Laureate {
  name: string;
  kind: AuthorityKind;
  code?: string;
  departement?: string;
  population?: number;
  populationSource?: string;
  /** null when the level is not known (a laureate named without it). */
  level: string | null;
  carrier?: string;
  /** Which participation this is, when published (« pour sa deuxième participation » : 2). */
  participation?: number;
  mentions: string[];
  /** The published reason of a mention, by mention label. */
  mentionReasons?: Record<string, string>;
  note?: string;
  /** Article in running text, when the guess is wrong (« la », « le », « l' », « les », or "" for none). */
  article?: string;
  /** A commune not identified among several of the same name: the départements it may be in. */
  possibleDepartements?: string[];
}

/** A cumulative figure ADULLACT published (since the first edition, up to the edition of its file). */
export interface PublishedToDate {
  figure: 'laureates' | 'inhabitants' | AuthorityKind;
  value: number;
  qualifier?: 'plus de';
  /** The year it was published. */
  year: number;
  source: string;
}

/** Two published figures that contradict each other; the first value is the one the archive keeps. */
export interface PublishedConflict {
  figure: 'applications' | 'awarded' | 'laureates_to_date';
  values: number[];
  note: string;
}

export interface EditionResults {
  edition: number;
  number: number;
  scale: Scale;
  complete: boolean;
  completenessNote?: string;
  published: {
    applications?: number;
    awarded?: number;
    levels?: Record<string, number>;
    /** Special mentions awarded, as published (the list may name fewer). */
    mentions?: number;
    to_date?: PublishedToDate[];
    conflicts?: PublishedConflict[];
  };
  campaign?: { start?: string | null; end?: string | null; platform?: string };
  juryDate?: string | null;
  resultsPublished?: string | null;
  ceremony?: { date?: string | null; event?: string; place?: string };
  jury: { name: string; role?: string }[];
  laureates: Laureate[];
  sources: string[];
  notes: string[];
  /** The file it was read from, for messages. */
  file?: string;
}

export type Archive = EditionResults[];
