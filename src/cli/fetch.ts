import { InputError } from '../findings/errors.js';
import { ApiError, fetchDemarche, scrub } from '../ingest/ds-api.js';
import { count, frNumber } from '../util/french.js';
import { writeAtomic } from '../files/atomic-write.js';
import { Progress } from '../output/progress.js';
import type { FetchOptions } from './fetch-wiring.js';
import type { Io } from './io.js';
import { at } from './paths.js';
import { connection, demarcheNumber } from './ds-connection.js';

export async function fetchCommand(opts: FetchOptions, io: Io): Promise<number> {
  const { instance, token, api } = connection(opts, io);
  const demarche = demarcheNumber(opts.demarche);
  const quiet = opts.quiet ?? false;
  const progress = new Progress(io.stderr, { quiet });
  // Off a terminal (a CI log), one line per page received: a slow instance is visibly alive there too.
  const lines = !quiet && !io.stderr.isTTY;
  let lastShown = 0;
  try {
    const data = await fetchDemarche({
      ...api,
      demarche,
      onPage: (page, total) => {
        const text = `page ${page} reçue : ${count(total, 'dossier')} jusqu’ici`;
        if (lines) io.stderr.write(`${text}\n`);
        else progress.update(text);
      },
      onBytes: (page, bytes) => {
        const now = Date.now();
        if (lines || now - lastShown < 200) return;
        lastShown = now;
        progress.update(`page ${page} en cours : ${frNumber(bytes / 1024, 0)}\u00a0Ko reçus`);
      },
      onNotice: (message) => {
        if (quiet) return;
        progress.done();
        io.stderr.write(`${scrub(message, token)}\n`);
      },
    });
    progress.done();
    writeAtomic(at(io, opts.out), JSON.stringify(data, null, 2) + '\n');
    const n = data.data.demarche.dossiers.nodes.length;
    io.stderr.write(`${n} dossier${n > 1 ? 's' : ''} de la démarche ${opts.demarche} écrit${n > 1 ? 's' : ''} dans ${opts.out}\n`);
    return 0;
  } catch (e) {
    progress.done();
    if (e instanceof ApiError) throw new InputError(scrub(e.message, token), instance.origin);
    throw e;
  }
}
