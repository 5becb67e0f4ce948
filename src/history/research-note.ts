/** A research note in parentheses (« (page: '3ème édition du salon') », « (English wording by …) »). */
export const RESEARCH_NOTE = /\s*\(([^()]*(?:page\s*:|wording|not found|source\s*:|translated)[^()]*)\)\s*$/i;

/**
 * A value of the public record as it may be published, its research note apart: « Open Source
 * Experience (page: '3ème édition du salon') » → « Open Source Experience » and the note. Pure.
 */
export function publishable(value: string): { text: string; note?: string } {
  const m = RESEARCH_NOTE.exec(value);
  return m ? { text: value.slice(0, m.index).trim(), note: m[1]!.trim() } : { text: value };
}
