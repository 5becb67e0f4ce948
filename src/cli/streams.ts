import { systemErrorText } from '../files/system-errors.js';

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
