import { InputError, UsageError } from '../findings/errors.js';
import { frenchSpaces } from '../util/typography.js';

/** Prints an error the user can act on; a stack trace only with TNL_DEBUG=1. */
export function reportError(e: unknown): number {
  if (e instanceof InputError) {
    process.stderr.write(frenchSpaces(`tnl : ${e.located()}\n`));
    return 2;
  }
  if (e instanceof UsageError) {
    process.stderr.write(frenchSpaces(`tnl : ${e.message}\n(tnl --help pour l’aide)\n`));
    return 2;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(
    `tnl : erreur interne : ${err.message}\nCe n’est pas votre faute : merci de signaler ce problème aux mainteneurs de tnl, avec la commande lancée.\n`,
  );
  if (process.env.TNL_DEBUG) process.stderr.write(`${err.stack}\n`);
  return 2;
}

/** Runs an action and sets the exit code from what it returns. */
export async function runAction(action: () => Promise<number> | number): Promise<void> {
  try {
    process.exitCode = await action();
  } catch (e) {
    process.exitCode = reportError(e);
  }
}

export function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value.trim())) throw new UsageError(`année d’édition invalide « ${value} » : quatre chiffres attendus, par exemple 2024`);
  return Number(value);
}
