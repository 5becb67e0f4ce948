import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { configureCache } from '../files/derived-cache.js';
import { beginRun } from '../files/read-input.js';
import { configureColors } from '../output/colors.js';
import { defineCahier } from './cahier-wiring.js';
import type { Action, Define } from './define.js';
import { defineDemo } from './demo-wiring.js';
import { defineExplain } from './explain-wiring.js';
import { defineFetch } from './fetch-wiring.js';
import { defineDs } from './ds-wiring.js';
import { defineFiches } from './fiches-wiring.js';
import { commanderExitCode, frenchify } from './french-help.js';
import { defineHistory } from './history-wiring.js';
import { defineInit } from './init-wiring.js';
import { defineInspect } from './inspect-wiring.js';
import { defineJury } from './jury-wiring.js';
import type { Io } from './io.js';
import { definePublish } from './publish-wiring.js';
import { defineReport } from './report-wiring.js';
import { defineRubric } from './rubric-diff-wiring.js';
import { reportError } from './run.js';
import { defineScore } from './score-wiring.js';
import { defineSimulateur } from './simulateur-wiring.js';
import { defineValidate } from './validate-wiring.js';
import { UsageError } from '../findings/errors.js';

/** Every command, in the order of `tnl --help`. */
const COMMANDS: readonly Define[] = [
  defineValidate,
  defineInspect,
  defineScore,
  defineExplain,
  defineReport,
  defineFiches,
  defineCahier,
  defineJury,
  defineSimulateur,
  defineRubric,
  defineInit,
  definePublish,
  defineHistory,
  defineFetch,
  defineDs,
  defineDemo,
];

const version = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

function program(io: Io, run: (action: Action) => Promise<void>): Command {
  const tnl = new Command('tnl')
    .description(
      'Outils du label Territoire Numérique Libre (ADULLACT) : questionnaires et barèmes par édition, ' +
        'lecture des exports démarches simplifiées, notation, historique et documents de presse.',
    )
    .version(version, '-V, --version', 'affiche la version de tnl')
    .option('--no-color', 'désactive les couleurs (aussi avec la variable NO_COLOR)')
    .helpCommand('help [commande]', 'affiche l’aide d’une commande')
    .addHelpText(
      'after',
      `
Codes de sortie : 0 tout va bien ; 1 des vérifications ont échoué ; 2 usage incorrect ou entrée illisible.

Exemples :
  tnl validate --edition 2024
  tnl validate rubrics/2025.yaml --format codeclimate > gl-code-quality-report.json`,
    );
  for (const define of COMMANDS) define(tnl, run);
  // An empty path (`--out ""`, `--out=`) is a mistake, never « standard output » nor the current folder.
  tnl.hook('preAction', (_, action) => {
    for (const [name, value] of Object.entries(action.opts())) {
      if (value === '' || (Array.isArray(value) && value.includes('')))
        throw new UsageError(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} est vide : donnez une valeur`);
    }
  });
  return frenchify(tnl, io);
}

/**
 * Runs tnl with these arguments (without `node tnl`) and this I/O; returns the exit code. Never
 * exits, never throws: what `bin/tnl.cjs` and the tests both call.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  configureColors(argv, io.env, Boolean(io.stdout.isTTY));
  beginRun();
  configureCache(io.env);
  let code = 0;
  const run = async (action: Action): Promise<void> => {
    try {
      code = await action(io);
    } catch (e) {
      code = reportError(e, io);
    }
  };
  try {
    await program(io, run).parseAsync([...argv], { from: 'user' });
  } catch (e) {
    code = e instanceof CommanderError ? commanderExitCode(e) : reportError(e, io);
  }
  return code;
}
