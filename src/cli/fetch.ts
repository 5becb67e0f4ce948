import { InputError, UsageError } from '../findings/errors.js';
import { ApiError, fetchDemarche, scrub } from '../ingest/ds-api.js';
import { writeAtomic } from '../output/atomic-write.js';
import { Progress } from '../output/progress.js';

export interface FetchCliOptions {
  demarche: string;
  instance: string;
  out: string;
  quiet?: boolean;
}

export async function fetchCommand(opts: FetchCliOptions): Promise<number> {
  const token = process.env.DS_API_TOKEN ?? '';
  if (!token.trim())
    throw new UsageError('la variable d’environnement DS_API_TOKEN n’est pas définie : créez un jeton dans votre profil démarches simplifiées, puis « export DS_API_TOKEN=… » (jamais sur la ligne de commande)');
  if (!/^\d+$/.test(opts.demarche)) throw new UsageError(`numéro de démarche invalide « ${opts.demarche} »`);
  let instance: URL;
  try {
    instance = new URL(opts.instance);
  } catch {
    throw new UsageError(`adresse d’instance invalide « ${opts.instance} » (exemple : https://demarches.adullact.org)`);
  }
  const progress = new Progress(process.stderr, { quiet: opts.quiet ?? false });
  try {
    const data = await fetchDemarche({
      instance: instance.toString(),
      demarche: Number(opts.demarche),
      token: token.trim(),
      ...(process.env.TNL_FETCH_BACKOFF_MS ? { backoffMs: Number(process.env.TNL_FETCH_BACKOFF_MS) } : {}),
      onPage: (page, total) => progress.update(`page ${page} — ${total} dossier${total > 1 ? 's' : ''}`),
    });
    progress.done();
    writeAtomic(opts.out, JSON.stringify(data, null, 2) + '\n');
    const n = data.data.demarche.dossiers.nodes.length;
    process.stderr.write(`${n} dossier${n > 1 ? 's' : ''} de la démarche ${opts.demarche} écrit${n > 1 ? 's' : ''} dans ${opts.out}\n`);
    return 0;
  } catch (e) {
    progress.done();
    if (e instanceof ApiError) throw new InputError(scrub(e.message, token), instance.origin);
    throw e;
  }
}
