import { normaliseAuthorityName } from '../territory/authority-name.js';
import type { Laureate } from './types.js';

/** The stable id of an authority: its INSEE/SIREN code when known, else its normalised name and département. */
export function authorityId(l: Pick<Laureate, 'code' | 'name' | 'departement'>): string {
  return l.code ? `code:${l.code}` : `nom:${normaliseAuthorityName(l.name)}|${l.departement ?? ''}`;
}
