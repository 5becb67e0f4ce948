/**
 * What every command that talks to démarches simplifiées shares: its options (instance, deadlines,
 * stalls, attempts), the token read from DS_API_TOKEN (never from the command line, never shown),
 * and the connection they make, passed to src/ingest/ds-api.ts.
 */
import type { Command } from 'commander';
import { UsageError } from '../findings/errors.js';
import { DEFAULT_DEADLINE_MS, DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_LOW_SPEED, scrub, type FetchOptions } from '../ingest/ds-api.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, httpClient } from '../files/http-client.js';
import { frNumber } from '../util/french.js';
import type { Io } from './io.js';

export const DEFAULT_INSTANCE = 'https://demarches.adullact.org';

export interface ConnectionOptions {
  instance?: string;
  timeout?: string;
  connectTimeout?: string;
  idleTimeout?: string;
  lowSpeedLimit?: string;
  lowSpeedTime?: string;
  attempts?: string;
  quiet?: boolean;
}

/** The options of a command that calls DS's API. */
export function connectionOptions(command: Command, what = 'le téléchargement'): Command {
  return command
    .option('--instance <url>', `adresse de l’instance démarches simplifiées (par défaut : celle du questionnaire, sinon ${DEFAULT_INSTANCE})`)
    .option('--timeout <secondes>', `délai pour tout ${what}, reprises comprises (par défaut : 600)`)
    .option('--connect-timeout <secondes>', 'délai pour établir la connexion, TLS compris (par défaut : 15)')
    .option('--idle-timeout <secondes>', 'une requête qui ne reçoit rien pendant ce délai est bloquée (par défaut : 30)')
    .option('--low-speed-limit <octets>', 'débit minimal, en octets par seconde, d’une réponse en cours (par défaut : 100)')
    .option('--low-speed-time <secondes>', 'durée sur laquelle ce débit est mesuré (par défaut : 30)')
    .option('--attempts <nombre>', 'tentatives par requête en cas de surcharge, d’erreur réseau ou de blocage (par défaut : 5)');
}

/** An address as it may be shown: never a user name or a password it carries. */
const redact = (address: string): string => address.replace(/\/\/[^/@\s]*@/, '//***@');

/** The token, checked: a usage error says how to set it, never what it is. */
export function apiToken(io: Io): string {
  const token = (io.env.DS_API_TOKEN ?? '').trim();
  if (!token)
    throw new UsageError(
      'la variable d’environnement DS_API_TOKEN n’est pas définie : créez un jeton dans votre profil démarches simplifiées, puis « export DS_API_TOKEN=… » (jamais sur la ligne de commande)',
    );
  if (/[\u0000-\u001f\u007f\s]/.test(token))
    throw new UsageError(
      'le jeton DS_API_TOKEN contient un retour à la ligne, une espace ou un caractère de contrôle : recopiez-le tel que démarches simplifiées l’a donné',
    );
  return token;
}

/** A démarche number of the command line. */
export function demarcheNumber(raw: string): number {
  if (!/^\d{1,9}$/.test(raw.trim())) throw new UsageError(`numéro de démarche invalide « ${raw} »`);
  return Number(raw);
}

/**
 * The connection to an instance, from the options: the base of every call to ds-api (token,
 * deadlines, stalls, attempts, the HTTP client with its connect timeout), notices on stderr.
 */
export function connection(opts: ConnectionOptions, io: Io, fallbackInstance?: string): { instance: URL; token: string; api: Omit<FetchOptions, 'demarche'> } {
  const token = apiToken(io);
  const raw = opts.instance ?? fallbackInstance ?? DEFAULT_INSTANCE;
  let instance: URL;
  try {
    instance = new URL(raw);
  } catch {
    throw new UsageError(`adresse d’instance invalide « ${redact(raw)} » (exemple : ${DEFAULT_INSTANCE})`);
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
  return {
    instance,
    token,
    api: {
      instance: instance.toString(),
      token,
      deadlineMs,
      idleTimeoutMs,
      lowSpeed,
      attempts,
      fetchImpl: httpClient({ connectTimeoutMs }),
      ...(io.env.TNL_FETCH_BACKOFF_MS ? { backoffMs: Number(io.env.TNL_FETCH_BACKOFF_MS) } : {}),
      onNotice: (message) => {
        if (!opts.quiet) io.stderr.write(`${scrub(message, token)}\n`);
      },
    },
  };
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
