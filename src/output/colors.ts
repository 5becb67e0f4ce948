import chalk from 'chalk';

/** Colours are off with --no-color, NO_COLOR, or when the stream is not a terminal (chalk decides). */
export function configureColors(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  if (argv.includes('--no-color') || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) chalk.level = 0;
}

export { chalk };
