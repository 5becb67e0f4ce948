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
