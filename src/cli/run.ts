import { InputError, UsageError } from '../findings/errors.js';
import { frenchSpaces } from '../util/typography.js';
import { systemErrorText } from '../util/system-errors.js';

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
  // A system error that escaped a reader or a writer (a disk that fills up, a folder that vanished):
  // the user's to act on, said in French with its path.
  const sys = err as NodeJS.ErrnoException;
  if (typeof sys.code === 'string' && typeof sys.syscall === 'string') {
    process.stderr.write(
      `tnl : ${sys.path ? `${sys.path} : ` : ''}${systemErrorText(sys, sys.syscall === 'open' || sys.syscall === 'read' ? 'lecture' : sys.syscall === 'mkdir' ? 'création du dossier' : 'opération')}\n`,
    );
    if (process.env.TNL_DEBUG) process.stderr.write(`${err.stack}\n`);
    return 2;
  }
  process.stderr.write(
    `tnl : erreur interne : ${err.message}\nCe n’est pas votre faute : merci de signaler ce problème aux mainteneurs de tnl, avec la commande lancée.\n`,
  );
  if (process.env.TNL_DEBUG) process.stderr.write(`${err.stack}\n`);
  return 2;
}

/**
 * Standard output closed early (`tnl history | head`) ends tnl quietly with exit 0, as the reader
 * chose to stop; a full disk behind a redirection (`> fichier` on a full disk) is a French message
 * and exit 2. Errors of the error stream itself are ignored: nobody can read them.
 */
export function guardStandardStreams(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    process.stderr.write(`tnl : sortie standard : ${systemErrorText(e, 'écriture')}\n`);
    process.exit(2);
  });
  process.stderr.on('error', () => undefined);
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
