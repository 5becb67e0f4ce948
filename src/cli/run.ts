import { typography } from '../util/french.js';
import { InputError, UsageError } from '../findings/errors.js';
import { systemErrorText } from '../files/system-errors.js';
import type { Io } from './io.js';

/** Prints an error the user can act on; a stack trace only with TNL_DEBUG=1. Returns the exit code. */
export function reportError(e: unknown, io: Io): number {
  if (e instanceof InputError) {
    io.stderr.write(typography(`tnl : ${e.located()}\n`));
    return 2;
  }
  if (e instanceof UsageError) {
    io.stderr.write(typography(`tnl : ${e.message}\n(tnl --help pour l’aide)\n`));
    return 2;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  // A system error that escaped a reader or a writer (a disk that fills up, a folder that vanished):
  // the user's to act on, said in French with its path.
  const sys = err as NodeJS.ErrnoException;
  if (typeof sys.code === 'string' && typeof sys.syscall === 'string') {
    const doing = sys.syscall === 'open' || sys.syscall === 'read' ? 'lecture' : sys.syscall === 'mkdir' ? 'création du dossier' : 'opération';
    io.stderr.write(`tnl : ${sys.path ? `${sys.path} : ` : ''}${systemErrorText(sys, doing)}\n`);
    if (io.env.TNL_DEBUG) io.stderr.write(`${err.stack}\n`);
    return 2;
  }
  io.stderr.write(
    `tnl : erreur interne : ${err.message}\nCe n’est pas votre faute : merci de signaler ce problème aux mainteneurs de tnl, avec la commande lancée.\n`,
  );
  if (io.env.TNL_DEBUG) io.stderr.write(`${err.stack}\n`);
  return 2;
}

export function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value.trim())) throw new UsageError(`année d’édition invalide « ${value} » : quatre chiffres attendus, par exemple 2024`);
  return Number(value);
}
