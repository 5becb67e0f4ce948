import { checkSchema } from '../edition/schema-check.js';
import type { Finding } from '../findings/finding.js';
import type { Dossier } from '../ingest/dossier.js';
import { normaliseAuthorityName } from '../territory/authority-name.js';
import { findingAt, type YamlSource } from '../util/yaml-source.js';

/** A member of the jury. Personal data: never in a published document or a fiche. */
export interface Juror {
  id: string;
  name: string;
  organisation?: string;
  email?: string;
  conflicts: { authorities: string[]; departements: string[]; organisations: string[] };
}

/** What the jury needs to know of a dossier to assign it: who applies, and where. */
export interface JuryDossier {
  number: string;
  name: string;
  /** INSEE or SIREN codes that designate the authority: its own, its commune's, its EPCI's. */
  codes: string[];
  departement?: string;
  /** Normalised names: the authority's and its EPCI's. */
  names: string[];
}

interface RawJurors {
  edition: number;
  jurors: {
    id: string;
    name: string;
    organisation?: string;
    email?: string;
    conflicts?: { authorities?: (string | number)[]; departements?: (string | number)[]; organisations?: string[] };
  }[];
}

/** A jurors file checked: schema, the edition, ids and e-mails used once; every problem located. */
export function checkJurors(source: YamlSource, year: number): { jurors?: Juror[]; findings: Finding[] } {
  const findings = checkSchema(source, 'jurors');
  if (findings.length) return { findings };
  const raw = source.data as RawJurors;
  const add = (rule: string, message: string, path: (string | number)[]) => findings.push(findingAt(source, `jury/${rule}`, message, path));
  if (raw.edition !== year) add('edition', `ces jurés sont ceux de l’édition ${raw.edition}, pas de ${year}`, ['edition']);
  const ids = new Set<string>();
  const emails = new Set<string>();
  raw.jurors.forEach((j, i) => {
    if (ids.has(j.id)) add('duplicate-juror', `l’identifiant de juré « ${j.id} » est déjà pris`, ['jurors', i, 'id']);
    ids.add(j.id);
    const email = j.email?.toLowerCase();
    if (email && emails.has(email)) add('duplicate-email', `l’adresse ${j.email} est déjà celle d’un autre juré`, ['jurors', i, 'email']);
    if (email) emails.add(email);
  });
  const jurors = raw.jurors.map((j) => ({
    id: j.id,
    name: j.name.trim(),
    ...(j.organisation?.trim() ? { organisation: j.organisation.trim() } : {}),
    ...(j.email ? { email: j.email } : {}),
    conflicts: {
      authorities: (j.conflicts?.authorities ?? []).map(String),
      departements: (j.conflicts?.departements ?? []).map((d) => String(d).padStart(2, '0')),
      organisations: j.conflicts?.organisations ?? [],
    },
  }));
  return { jurors, findings };
}

/** A dossier as the jury sees it for conflicts. */
export function juryDossier(d: Dossier): JuryDossier {
  const id = d.identity;
  const codes = [id.code, id.commune?.code, id.epci?.code].filter((c): c is string => Boolean(c));
  const names = [id.name, id.epci?.name].filter((n): n is string => Boolean(n?.trim())).map(normaliseAuthorityName);
  return {
    number: d.number,
    name: id.name ?? `dossier ${d.number}`,
    codes: [...new Set(codes)],
    ...(id.departement ? { departement: id.departement } : {}),
    names,
  };
}

/** Why a juror may not grade a dossier (French, for messages); empty when there is no conflict. */
export function conflictsOf(juror: Juror, dossier: JuryDossier): string[] {
  const reasons: string[] = [];
  for (const code of juror.conflicts.authorities) if (dossier.codes.includes(code)) reasons.push(`collectivité ${code}`);
  if (dossier.departement && juror.conflicts.departements.includes(dossier.departement)) reasons.push(`département ${dossier.departement}`);
  const organisations = [...juror.conflicts.organisations, ...(juror.organisation ? [juror.organisation] : [])];
  for (const o of organisations) if (dossier.names.includes(normaliseAuthorityName(o))) reasons.push(`organisation « ${o} »`);
  return [...new Set(reasons)];
}
