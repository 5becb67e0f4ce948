import type { AuthorityKind } from '../edition/types.js';
import { UsageError } from '../findings/errors.js';

/** Dossier states, as the DS API names them. `brouillon` is never exported. */
export const DOSSIER_STATES = ['en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite'] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

/** States scored by default: submitted dossiers under review or accepted. */
export const SCORED_STATES: readonly DossierState[] = ['en_instruction', 'accepte'];

/** The French labels of the tabular exports. */
export const STATE_LABELS: Record<DossierState, string> = {
  en_construction: 'En construction',
  en_instruction: 'En instruction',
  accepte: 'Accepté',
  refuse: 'Refusé',
  sans_suite: 'Classé sans suite',
};

/** `--state en_instruction,accepte` or repeated; French labels accepted. */
export function parseStates(values: string[] | undefined): DossierState[] {
  if (!values?.length) return [...SCORED_STATES];
  const out: DossierState[] = [];
  for (const v of values.flatMap((x) => x.split(','))) {
    const s = v.trim();
    if (s === 'tous') return [...DOSSIER_STATES];
    const found = DOSSIER_STATES.find((k) => k === s || STATE_LABELS[k].toLowerCase() === s.toLowerCase());
    if (!found) throw new UsageError(`état inconnu « ${s} » ; valeurs possibles : ${DOSSIER_STATES.join(', ')}, tous`);
    out.push(found);
  }
  return out;
}

/** A normalised answer. An unanswered question has no entry at all. */
export type Answer =
  | { kind: 'bool'; value: boolean }
  | { kind: 'choice'; id: string }
  | { kind: 'choices'; ids: string[] }
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'date'; value: string }
  | { kind: 'commune'; name: string; code?: string; departement?: string }
  | { kind: 'rows'; rows: Record<string, string>[] }
  | { kind: 'files'; names: string[] };

/** Where a value came from, for messages (shared by every dossier of a file). */
export interface SourceRef {
  file: string;
  /** Column header (CSV) or champ label (JSON). */
  field: string;
}

export interface Identity {
  name?: string;
  kind?: AuthorityKind;
  /** INSEE code (commune) or SIREN (EPCI, syndicat…). */
  code?: string;
  population?: number;
  departement?: string;
  referent?: string;
  responsable?: string;
  email?: string;
  phone?: string;
  /** Commune champ: INSEE code and name, when the form has one. */
  commune?: { name: string; code?: string };
  /** EPCI champ: SIREN and name, when the form has one. */
  epci?: { name: string; code?: string };
}

export interface Dossier {
  number: string;
  /** 1-based line where the dossier's record starts, in a CSV file. */
  line?: number;
  /** Undefined when the file has no state column (hand-made CSV). */
  state?: DossierState;
  depotAt?: string;
  instructionAt?: string;
  processedAt?: string;
  identity: Identity;
  answers: Record<string, Answer>;
  /** Questions whose answer this export cannot carry (repetition blocks in a CSV export). */
  unavailable: string[];
  /** Where each field comes from (for a table, the same object for every row). */
  sources: Record<string, SourceRef>;
  /** Private annotations by id (instructors' notes for the jury): never published. */
  annotations?: Record<string, string>;
  /**
   * The jury's consolidated grades by criterion (`--grades`); undefined when no grades were given.
   * Individual jurors' grades never reach the dossier.
   */
  grades?: Record<string, number>;
  /**
   * The expert opinions requested on démarches simplifiées (the « Avis » sheet of the XLSX export).
   * They name instructors and experts: shown to staff and the jury, never published.
   */
  avis?: Avis[];
}

/** One expert opinion (*avis*) on a dossier, as the DS XLSX export gives it. */
export interface Avis {
  question?: string;
  answer?: string;
  /** « oui », « non », or undefined. */
  yesNo?: string;
  expert?: string;
  askedBy?: string;
  answeredAt?: string;
}
