import { InputError, UsageError } from '../findings/errors.js';
import { ApiError, DEFAULT_DEADLINE_MS, DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_LOW_SPEED, fetchDemarche, scrub } from '../ingest/ds-api.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, httpClient } from '../files/http-client.js';
import { count, frNumber } from '../util/french.js';
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
  const deadlineMs = secondsOption('--timeout', opts.timeout, DEFAULT_DEADLINE_MS / 1000, 86_400) * 1000;
  const connectTimeoutMs = secondsOption('--connect-timeout', opts.connectTimeout, DEFAULT_CONNECT_TIMEOUT_MS / 1000, 3600) * 1000;
  const idleTimeoutMs = secondsOption('--idle-timeout', opts.idleTimeout, DEFAULT_IDLE_TIMEOUT_MS / 1000, 3600) * 1000;
  const lowSpeed = {
    bytesPerSecond: wholeOption('--low-speed-limit', opts.lowSpeedLimit, DEFAULT_LOW_SPEED.bytesPerSecond, 0, 100 * 2 ** 20),
    windowMs: secondsOption('--low-speed-time', opts.lowSpeedTime, DEFAULT_LOW_SPEED.windowMs / 1000, 3600) * 1000,
  };
  const attempts = wholeOption('--attempts', opts.attempts, 5, 1, 20);
  const quiet = opts.quiet ?? false;
  const progress = new Progress(io.stderr, { quiet });
  // Off a terminal (a CI log), one line per page received: a slow instance is visibly alive there too.
  const lines = !quiet && !io.stderr.isTTY;
  let lastShown = 0;
  try {
    const data = await fetchDemarche({
      instance: instance.toString(),
      demarche: Number(opts.demarche),
      token,
      deadlineMs,
      idleTimeoutMs,
      lowSpeed,
      attempts,
      fetchImpl: httpClient({ connectTimeoutMs }),
      ...(io.env.TNL_FETCH_BACKOFF_MS ? { backoffMs: Number(io.env.TNL_FETCH_BACKOFF_MS) } : {}),
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

/** A duration option in seconds (decimals allowed: 0.5), between 0 excluded and `max`. */
function secondsOption(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(',', '.'));
  if (!raw.trim() || !Number.isFinite(n) || n <= 0 || n > max)
    throw new UsageError(`${name} attend un nombre de secondes (plus de 0, ${frNumber(max)} au plus), pas « ${raw} »`);
  return n;
}

/** A whole-number option between `min` and `max`. */
function wholeOption(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max)
    throw new UsageError(`${name} attend un nombre entier de ${frNumber(min)} à ${frNumber(max)}, pas « ${raw} »`);
  return Number(raw);
}
