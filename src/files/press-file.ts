import { pressFromSource, type Press } from '../report/press.js';
import { readYaml } from './edition-files.js';

/** Reads and checks a press.yaml; mistakes are located, all at once (exit 2). */
export function loadPress(file: string, year: number): Press {
  return pressFromSource(readYaml(file).source, year);
}
