import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { loadEdition } from '../../src/files/edition-files.js';
import type { Edition } from '../../src/edition/types.js';
import { readExport } from '../../src/files/read-export.js';
import { root, tempDir } from './cli.js';

const cached: Partial<Record<number, Edition>> = {};

export function edition(year = 2024): Edition {
  return (cached[year] ??= loadEdition(year).edition);
}

/** Writes text (or bytes) to a temp file and returns its path. */
export function tempFile(name: string, content: string | Buffer, encoding?: 'windows-1252' | 'utf-8-bom'): string {
  const file = join(tempDir(), name);
  const bytes =
    typeof content !== 'string'
      ? content
      : encoding === 'windows-1252'
        ? iconv.encode(content, 'windows-1252')
        : Buffer.from((encoding === 'utf-8-bom' ? '\ufeff' : '') + content, 'utf8');
  writeFileSync(file, bytes);
  return file;
}

/** Reads CSV text as an export of the 2024 edition, every state kept. */
export function readCsvText(text: string, encoding?: 'windows-1252' | 'utf-8-bom', name = 'export.csv') {
  return readExport(tempFile(name, text, encoding), edition(2024).questionnaire, {
    states: ['en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite'],
  });
}

/** A minimal DS CSV header for the 2024 form: the fixed columns and the identity. */
export const BASE: [string, string][] = [
  ['ID', '118340'],
  ['Email', 'a@example.org'],
  ['État du dossier', 'En instruction'],
  ['Déposé le', '2024-06-03 09:00:00 +0200'],
  ['Nom de la collectivité', 'Ville de Meylan'],
  ['Type de collectivité', 'Commune'],
  ['Code INSEE ou SIREN de la collectivité', '38229'],
  ["Nombre d'habitants", '18770'],
  // The required questions of the 2024 form.
  ['La collectivité a-t-elle adopté une délibération en faveur des logiciels libres ?', 'Oui'],
  ["Où en est votre plan d'action en faveur du libre ?", 'Adopté'],
  ['Les documents que vous diffusez sont-ils produits dans des formats ouverts ?', 'Parfois'],
  ['Quelle part de vos postes de travail fonctionne sous un système libre (GNU/Linux) ?', 'Moins de 25 %'],
  ['Quelle suite bureautique est installée sur les postes ?', 'Une suite libre et une suite propriétaire'],
  ["La collectivité dispose-t-elle d'un portail de données ouvertes ?", 'Non'],
];
const quoteFor = (sep: string) => (s: string) =>
  s.includes(sep) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
export const BASE_HEADERS = BASE.map(([h]) => h).map(quoteFor(','));
export const BASE_VALUES = BASE.map(([, v]) => v).map(quoteFor(','));

/** A one-dossier CSV: the base columns (less `omit`), with extra columns that replace base ones of the same header. */
export function oneDossierCsv(extra: Record<string, string>, sep = ',', omit: string[] = []): string {
  const quote = quoteFor(sep);
  const base = BASE.filter(([h]) => !(h in extra) && !omit.includes(h));
  const headers = [...base.map(([h]) => h), ...Object.keys(extra)];
  const values = [...base.map(([, v]) => v), ...Object.values(extra)];
  return `${headers.map(quote).join(sep)}\n${values.map(quote).join(sep)}\n`;
}

/**
 * A press file with only what the schema requires (edition, release, one contact) and the lines
 * given, in a temp folder: the documents then show their defaults. Returns its path.
 */
export function minimalPress(year: number, date: string, extra = ''): string {
  return tempFile(
    `press-${year}.yaml`,
    `edition: ${year}\nrelease: { city: Montpellier, date: ${date} }\n${extra}contacts:\n  - { name: Service presse, email: presse@adullact.org }\n`,
  );
}

/** Some dossiers of the 2024 API export, as an export file of their own. */
export function fixtureSubset(name: string, keep: (index: number) => boolean): string {
  const all = JSON.parse(readFileSync(join(root, 'fixtures', 'ds-2024.json'), 'utf8')) as { data: { demarche: { dossiers: { nodes: unknown[] } } } };
  all.data.demarche.dossiers.nodes = all.data.demarche.dossiers.nodes.filter((_, i) => keep(i));
  return tempFile(`ds-2024-${name}.json`, JSON.stringify(all));
}
