import type { Document } from 'yaml';

export interface NextEdition {
  from: number;
  year: number;
  /** The edition's ordinal (9 for 2024), when the questionnaire has one. */
  oldNumber?: number | undefined;
  newNumber?: number | undefined;
}

/** `9e`, `9ème`, `9eme` (any ordinal style a comment may use) of a number. */
const ordinalPattern = (n: number): RegExp => new RegExp(`\\b${n}(e|ème|eme|ᵉ|re|ère|er)(?=\\s+édition)`, 'g');

/**
 * The YAML text of an edition's file made for the next edition: `edition` and `number` updated;
 * in comments and titles, the year and the ordinal (« 10e édition (2025) » → « 11e édition
 * (2026) »); the démarche number kept but marked to be updated. Stable ids, thresholds and
 * labels are left alone. Pure.
 */
export function nextEditionText(doc: Document, e: NextEdition): string {
  if (doc.has('edition')) doc.set('edition', e.year);
  if (doc.has('number') && e.newNumber !== undefined) doc.set('number', e.newNumber);
  const demarche = doc.get('demarche', true) as { get?(k: string, keep: boolean): { comment?: string | null } | undefined } | undefined;
  const demarcheNumber = demarche?.get?.('number', true);
  if (demarcheNumber && typeof demarcheNumber === 'object')
    demarcheNumber.comment = ` À METTRE À JOUR : numéro de la démarche ${e.from}, à remplacer par celui de ${e.year}`;
  const text = doc.toString({ lineWidth: 0 });
  return text
    .split('\n')
    .map((line) => {
      if (!/^\s*#|^\s*title:/.test(line)) return line;
      let out = line.replace(new RegExp(`\\b${e.from}\\b`, 'g'), String(e.year));
      if (e.oldNumber !== undefined && e.newNumber !== undefined) out = out.replace(ordinalPattern(e.oldNumber), `${e.newNumber}e`);
      return out;
    })
    .join('\n');
}
