import { InputError, UsageError } from '../findings/errors.js';
import { ApiError, DEFAULT_DEADLINE_MS, fetchDemarche, scrub } from '../ingest/ds-api.js';
import { writeAtomic } from '../files/atomic-write.js';
import { Progress } from '../output/progress.js';
import type { FetchOptions } from './fetch-wiring.js';
import type { Io } from './io.js';
import { at } from './paths.js';

/** An address as it may be shown: never a user name or a password it carries. */
const redact = (address: string): string => address.replace(/\/\/[^/@\s]*@/, '//***@');

export async function fetchCommand(opts: FetchOptions, io: Io): Promise<number> {
  const token = (io.env.DS_API_TOKEN ?? '').trim();
  if (!token)
    throw new UsageError(
      'la variable d’environnement DS_API_TOKEN n’est pas définie : créez un jeton dans votre profil démarches simplifiées, puis « export DS_API_TOKEN=… » (jamais sur la ligne de commande)',
    );
  if (/[\u0000-\u001f\u007f\s]/.test(token))
    throw new UsageError(
      'le jeton DS_API_TOKEN contient un retour à la ligne, une espace ou un caractère de contrôle : recopiez-le tel que démarches simplifiées l’a donné',
    );
  if (!/^\d+$/.test(opts.demarche)) throw new UsageError(`numéro de démarche invalide « ${opts.demarche} »`);
  let instance: URL;
  try {
    instance = new URL(opts.instance);
  } catch {
    throw new UsageError(`adresse d’instance invalide « ${redact(opts.instance)} » (exemple : https://demarches.adullact.org)`);
  }
  if (instance.protocol !== 'https:' && instance.protocol !== 'http:')
    throw new UsageError(`adresse d’instance invalide : ${instance.protocol} n’est pas http ni https`);
  if (instance.username || instance.password)
    throw new UsageError('l’adresse d’instance contient un identifiant ou un mot de passe : retirez-les (l’accès se fait par le jeton DS_API_TOKEN)');
  const seconds = opts.timeout === undefined ? DEFAULT_DEADLINE_MS / 1000 : Number(opts.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400)
    throw new UsageError(`--timeout attend un nombre de secondes (de 1 à 86 400), pas « ${opts.timeout} »`);
  const progress = new Progress(io.stderr, { quiet: opts.quiet ?? false });
  try {
    const data = await fetchDemarche({
      instance: instance.toString(),
      demarche: Number(opts.demarche),
      token,
      deadlineMs: seconds * 1000,
      ...(io.env.TNL_FETCH_BACKOFF_MS ? { backoffMs: Number(io.env.TNL_FETCH_BACKOFF_MS) } : {}),
      onPage: (page, total) => progress.update(`page ${page} — ${total} dossier${total > 1 ? 's' : ''}`),
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
