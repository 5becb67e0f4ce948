import { checkSchema } from '../edition/schema-check.js';
import { FindingsError } from '../findings/errors.js';
import { findingAt, type YamlSource } from '../util/yaml-source.js';

export interface Press {
  edition: number;
  release: { city: string; date: string };
  /** How ordinals are written in this edition's documents (« 9e » by default, « 9ème » for ADULLACT's usage). */
  ordinals?: 'e' | 'ème';
  title?: string;
  about?: string[];
  applications?: number;
  ceremony?: { date?: string; event?: string; place?: string; text?: string; participants?: string };
  supporters?: string[];
  campaign?: { opening: string; deadline: string; url?: string };
  changes?: string[];
  closing?: string[];
  links?: { results?: string; site?: string; questions?: string };
  contacts: { name: string; role?: string; email?: string; phone?: string }[];
  social?: string[];
  committee?: { name: string; description?: string }[];
  testimonies?: { authority: string; who?: string; summary?: string; quote: string }[];
  file: string;
}

/** Checks a parsed press.yaml; mistakes are located, all at once (exit 2). */
export function pressFromSource(source: YamlSource, year: number): Press {
  const findings = checkSchema(source, 'press');
  const data = source.data as Omit<Press, 'file'>;
  if (!findings.length && data.edition !== year)
    findings.push(findingAt(source, 'press/edition', `ce fichier est celui de l’édition ${data.edition}, pas de ${year}`, ['edition']));
  if (findings.length) throw new FindingsError(`éléments de presse invalides (${findings.length} problème${findings.length > 1 ? 's' : ''}) :`, findings);
  return { ...data, file: source.file };
}
