import chalk from 'chalk';

/** The colour level chalk found for this process's terminal, before any run changed it. */
const detected = chalk.level;

/**
 * Colours for one run: off with --no-color or NO_COLOR; FORCE_COLOR=0..3 chooses; otherwise on
 * only when the output is a terminal (at the level chalk detected for it).
 */
export function configureColors(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, isTTY: boolean): void {
  if (argv.includes('--no-color') || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) chalk.level = 0;
  else if (env.FORCE_COLOR !== undefined) {
    const n = Number(env.FORCE_COLOR);
    chalk.level = env.FORCE_COLOR === '' || env.FORCE_COLOR === 'true' ? 1 : Number.isInteger(n) && n >= 0 && n <= 3 ? (n as 0 | 1 | 2 | 3) : 1;
  } else chalk.level = isTTY ? detected || 1 : 0;
}

export { chalk };
