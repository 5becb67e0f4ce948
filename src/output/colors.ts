/**
 * Terminal colours: the eight styles tnl uses, in the 16 basic ANSI colours every terminal knows.
 * (chalk did this before; loading it and its terminal detection cost more than a season's
 * command was allowed, for styles that need none of its colour depths.)
 */
const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  cyan: [36, 39],
} as const;

type StyleName = keyof typeof CODES;

/** A style: applied to a text, or combined with another (`chalk.red.bold`). */
export type Style = ((text: string) => string) & { readonly [K in StyleName]: Style };

/** Whether this run colours its output (set by each run: configureColors). */
let enabled = false;

function style(codes: readonly (readonly [number, number])[]): Style {
  const apply = (text: string): string => {
    if (!enabled || !text) return text;
    let out = text;
    // A style closed inside the text (a nested style) is opened again right after, as chalk does.
    for (const [open, close] of codes) out = `\u001b[${open}m${out.replaceAll(`\u001b[${close}m`, `\u001b[${close}m\u001b[${open}m`)}\u001b[${close}m`;
    return out;
  };
  for (const name of Object.keys(CODES) as StyleName[]) Object.defineProperty(apply, name, { get: () => style([...codes, CODES[name]]), enumerable: true });
  return apply as Style;
}

/** The styles, named as chalk names them. */
export const chalk = {
  bold: style([CODES.bold]),
  dim: style([CODES.dim]),
  underline: style([CODES.underline]),
  red: style([CODES.red]),
  green: style([CODES.green]),
  yellow: style([CODES.yellow]),
  blue: style([CODES.blue]),
  cyan: style([CODES.cyan]),
} satisfies Record<StyleName, Style>;

/**
 * Colours for one run: off with --no-color or NO_COLOR; FORCE_COLOR=0 off, any other value on;
 * otherwise on only when the output is a terminal (and not TERM=dumb).
 */
export function configureColors(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, isTTY: boolean): void {
  if (argv.includes('--no-color') || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) enabled = false;
  else if (env.FORCE_COLOR !== undefined) enabled = env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  else enabled = isTTY && env.TERM !== 'dumb';
}
