import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPress } from '../../src/files/press-file.js';
import { root } from './cli.js';

/** The press file of the example edition, read and checked. */
export const press2024 = () => loadPress(join(root, 'fixtures', 'press-2024.yaml'), 2024);

/** The 24 laureates of 2024, as the published documents name them. */
export const LAUREATES_2024 = [
  'Centre de Gestion de Lot-et-Garonne',
  'Colomiers',
  'Dracénie Provence Verdon Agglomération',
  'La Tronche',
  'Meylan',
  'Saint-Égrève',
  'Saint-Loubès',
  'SMEACC',
  'Abymes',
  'Fontaine',
  'Grenoble',
  'Syndicat Fibre 64',
  'Lyon',
  'Marseille',
  'Montpellier',
  'Périgueux',
  'SITPI',
  'SOLURIS',
  'Vandœuvre-lès-Nancy',
  'Villejuif',
  'Morbihan Énergies',
  'Boé',
  'Abbeville',
  'Échirolles',
];

/** A copy of a bundled press file with one piece of text replaced (it must occur): its path. */
export function pressVariant(name: string, from: string, to: string): string {
  const text = readFileSync(join(root, 'fixtures', name), 'utf8');
  if (!text.includes(from)) throw new Error(`${name} does not contain: ${from}`);
  const file = join(mkdtempSync(join(tmpdir(), 'tnl-press-')), name);
  writeFileSync(file, text.replace(from, to));
  return file;
}
