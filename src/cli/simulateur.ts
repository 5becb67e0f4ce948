import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../files/atomic-write.js';
import { loadEdition } from '../files/edition-files.js';
import { bundled } from '../files/paths.js';
import { InputError } from '../findings/errors.js';
import { frNumber } from '../util/french.js';
import { simulatorHtml } from '../simulator/html.js';
import { simulatorData } from '../simulator/model.js';
import type { Io } from './io.js';
import { at, rootOf } from './paths.js';
import { parseYear } from './run.js';
import type { SimulateurOptions } from './simulateur-wiring.js';

/** The page's size budget (issue 18): beyond it, the build or the edition has grown too much. */
const BUDGET = 400 * 1024;

const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

function asset(name: string): string {
  const file = join(bundled.simulator, name);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new InputError('le script de la page n’est pas compilé : lancez « npm run build » dans le dossier de tnl', file);
  }
}

export function simulateurCommand(opts: SimulateurOptions, io: Io): number {
  const year = parseYear(opts.edition);
  const { edition } = loadEdition(year, rootOf(io, opts.root));
  const script = asset('page.min.js');
  const style = asset('page.min.css');
  const html = simulatorHtml(simulatorData(edition, { withoutPoints: Boolean(opts.sansBareme) }), {
    script,
    style,
    scriptHash: hash(script),
    styleHash: hash(style),
  });
  const size = Buffer.byteLength(html);
  if (size > BUDGET) io.stderr.write(`attention : la page pèse ${frNumber(Math.round(size / 1024))} ko, au-delà du budget de ${frNumber(BUDGET / 1024)} ko\n`);
  if (!opts.out) {
    io.stdout.write(html);
    return 0;
  }
  writeAtomic(at(io, opts.out), html);
  io.stderr.write(`${opts.out} écrit (${frNumber(Math.round(size / 1024))} ko, édition ${year}${opts.sansBareme ? ', sans barème' : ''})\n`);
  return 0;
}
