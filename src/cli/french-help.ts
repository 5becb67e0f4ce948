import { typography } from '../util/french.js';
import { type Command, type CommanderError, type Help } from 'commander';
import { own } from '../util/own.js';
import type { Io } from './io.js';

const titles: Record<string, string> = {
  'Usage:': 'Utilisation :',
  'Options:': 'Options :',
  'Commands:': 'Commandes :',
  'Arguments:': 'Arguments :',
  'Global Options:': 'Options globales :',
};

function frenchDetails(s: string): string {
  return s
    .replace(/\bdefault: /g, 'par défaut : ')
    .replace(/\bchoices: /g, 'valeurs : ')
    .replace(/\benv: /g, 'variable : ');
}

/** Commander's help in French: titles, defaults, choices. */
export function frenchHelp(): Partial<Help> {
  return {
    styleTitle: (str: string) => own(titles, str) ?? str,
    styleOptionDescription: frenchDetails,
    styleArgumentDescription: frenchDetails,
  };
}

const errorPatterns: [RegExp, string][] = [
  [/^error: unknown option '(.*)'(?:\s*\(Did you mean (.*)\?\))?/s, 'option inconnue « $1 »'],
  [/^error: unknown command '(.*)'/, 'commande inconnue « $1 »'],
  [/^error: missing required argument '(.*)'/, 'argument obligatoire manquant : « $1 »'],
  [/^error: required option '(.*)' not specified/, 'option obligatoire manquante : « $1 »'],
  [/^error: option '(.*)' argument missing/, 'l’option « $1 » attend une valeur'],
  [/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\./, 'valeur « $2 » invalide pour « $1 » ; valeurs possibles : $3'],
  [/^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\./, 'trop d’arguments : $2 attendu(s), $3 reçu(s)'],
  [/^error: (.*)/, '$1'],
];

export function frenchError(message: string): string {
  const first = message.trim();
  for (const [re, fr] of errorPatterns) {
    const m = first.match(re);
    if (m) {
      let out = first.replace(re, fr);
      const suggestion = first.match(/Did you mean (.*)\?/);
      if (suggestion && !out.includes('Vouliez-vous')) out = out.replace(/\s*\(Did you mean .*\?\)/, '') + ` (vouliez-vous dire ${suggestion[1]} ?)`;
      return out;
    }
  }
  return first;
}

/** Applies French help and errors to a command and all its subcommands. */
export function frenchify(cmd: Command, io: Io): Command {
  cmd
    .configureHelp(frenchHelp())
    .helpOption('-h, --help', 'affiche l’aide')
    .configureOutput({
      writeOut: (str) => io.stdout.write(typography(str)),
      writeErr: (str) => io.stderr.write(typography(str)),
      outputError: (str, write) => write(`tnl : ${frenchError(str)}\n`),
    })
    .showHelpAfterError('(tnl --help pour l’aide)')
    .usage(cmd.parent ? cmd.usage().replace('[command]', '[commande]') : '[options] [commande]')
    .exitOverride();
  for (const sub of cmd.commands) frenchify(sub, io);
  return cmd;
}

/** Commander errors → exit codes: help and version are 0, usage errors are 2. */
export function commanderExitCode(e: CommanderError): number {
  return ['commander.helpDisplayed', 'commander.version', 'commander.help', 'commander.executeSubCommandAsync'].includes(e.code) ? 0 : 2;
}
