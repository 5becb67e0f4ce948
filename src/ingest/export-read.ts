import type { Finding } from '../findings/finding.js';
import type { ColumnMatch } from './columns.js';
import type { Encoding } from './decode.js';
import type { Dossier, DossierState } from './dossier.js';

/** An export as read: its format, how each column was recognised, the dossiers, what was wrong. */
export interface ExportRead {
  file: string;
  sha256: string;
  format: 'csv' | 'json' | 'xlsx';
  encoding: Encoding;
  delimiter?: string;
  columns: ColumnMatch[];
  /** Every dossier read, whatever its state (empty when the dossiers were handed to a callback). */
  all: Dossier[];
  /** The dossiers kept for scoring, by state (empty when handed to a callback). */
  dossiers: Dossier[];
  /** How many dossiers were read, and kept. */
  count: { read: number; kept: number };
  /** Dossiers left aside, counted per state. */
  skipped: Partial<Record<DossierState | 'inconnu', number>>;
  findings: Finding[];
}
