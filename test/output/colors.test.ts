import { afterEach, describe, expect, it } from 'vitest';
import { chalk, configureColors } from '../../src/output/colors.js';

describe('terminal colours', () => {
  afterEach(() => configureColors([], {}, false));

  it('are plain text when the output is no terminal, with NO_COLOR, --no-color or FORCE_COLOR=0', () => {
    for (const [argv, env, tty] of [
      [[], {}, false],
      [[], { NO_COLOR: '1' }, true],
      [['--no-color'], { FORCE_COLOR: '1' }, true],
      [[], { FORCE_COLOR: '0' }, true],
      [[], { TERM: 'dumb' }, true],
    ] as const) {
      configureColors(argv, env, tty);
      expect(chalk.red.bold('Erreur')).toBe('Erreur');
    }
  });

  it('are the basic ANSI codes on a terminal or with FORCE_COLOR, combined and nested as chalk did', () => {
    configureColors([], {}, true);
    expect(chalk.red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(chalk.yellow.bold('x')).toBe('\u001b[1m\u001b[33mx\u001b[39m\u001b[22m');
    configureColors([], { FORCE_COLOR: '3' }, false);
    // Dim closed inside a bold text: bold opens again after it, so the rest stays bold.
    expect(chalk.bold(`a ${chalk.dim('b')} c`)).toBe('\u001b[1ma \u001b[2mb\u001b[22m\u001b[1m c\u001b[22m');
    expect(chalk.green('')).toBe('');
  });
});
