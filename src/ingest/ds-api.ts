/** Client of the démarches simplifiées GraphQL API v2: all dossiers of a démarche, page by page. */
import { frNumber } from '../util/french.js';
import { own } from '../util/own.js';

export const DOSSIERS_QUERY = `query getDemarche($demarcheNumber: Int!, $first: Int = 100, $after: String, $updatedSince: ISO8601DateTime) {
  demarche(number: $demarcheNumber) {
    id number title
    dossiers(first: $first, after: $after, updatedSince: $updatedSince) {
      pageInfo { hasNextPage endCursor }
      nodes {
        __typename id number archived state
        dateDepot datePassageEnConstruction datePassageEnInstruction dateTraitement
        dateDerniereModification dateDerniereModificationChamps motivation
        groupeInstructeur { id number label }
        champs { ...ChampFragment ...RootChampFragment }
        annotations { ...ChampFragment ...RootChampFragment }
      }
    }
  }
}
fragment RootChampFragment on Champ {
  ... on RepetitionChamp { rows { id champs { ...ChampFragment } } }
}
fragment ChampFragment on Champ {
  id champDescriptorId __typename label stringValue updatedAt prefilled
  ... on DateChamp { date }
  ... on DatetimeChamp { datetime }
  ... on CheckboxChamp { checked: value }
  ... on YesNoChamp { selected: value }
  ... on DecimalNumberChamp { decimalNumber: value }
  ... on IntegerNumberChamp { integerNumber: value }
  ... on LinkedDropDownListChamp { primaryValue secondaryValue }
  ... on DropDownListChamp { value }
  ... on MultipleDropDownListChamp { values }
  ... on CommuneChamp { commune { name code postalCode } departement { name code } }
  ... on DepartementChamp { departement { name code } }
  ... on EpciChamp { epci { name code } departement { name code } }
  ... on PieceJustificativeChamp { files { filename contentType byteSizeBigInt } }
  ... on HeaderSectionChamp { level }
}`;

/** The dossiers deleted since a date (by their applicant, or by an administrator). */
export const DELETED_QUERY = `query getDossiersSupprimes($demarcheNumber: Int!, $deletedSince: ISO8601DateTime, $after: String) {
  demarche(number: $demarcheNumber) {
    deletedDossiers(deletedSince: $deletedSince, first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id number state dateSupression reason }
    }
  }
}`;

export class ApiError extends Error {
  override name = 'ApiError';
}

/**
 * A write whose fate is unknown: the request may have reached DS (an answer lost, a 5xx, a body
 * cut, a stall) and is never sent again blindly. The caller reads DS's state to learn whether it
 * was done, then decides.
 */
export class UncertainWriteError extends ApiError {
  override name = 'UncertainWriteError';
}

/** Errors before any byte of a request reached the instance: a write may be sent again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'TNL_CONNECT_TIMEOUT']);

export interface FetchOptions {
  instance: string;
  demarche: number;
  token: string;
  pageSize?: number;
  /** Attempts per page for 429, 5xx and network errors. */
  attempts?: number;
  /** First backoff delay; doubled at each retry. */
  backoffMs?: number;
  /** One deadline for the whole download (every page, every retry, every body), in ms. */
  deadlineMs?: number;
  /** The largest answer accepted for one page, in bytes. */
  maxPageBytes?: number;
  /** No byte for this long (waiting for the answer, or inside its body): the request is stalled. */
  idleTimeoutMs?: number;
  /** A body slower than `bytesPerSecond` on average over `windowMs` is stalled too (curl's low-speed limit). */
  lowSpeed?: { bytesPerSecond: number; windowMs: number };
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  onPage?: (page: number, total: number) => void;
  /** Only the dossiers changed since this moment (DS's `updatedSince`). */
  updatedSince?: string;
  /** Where an interrupted download stopped: it goes on from there. */
  resume?: { after: string; nodes: unknown[]; page: number };
  /** After each page: where the download is, to be kept until it ends. */
  onCheckpoint?: (at: { after: string; nodes: unknown[]; page: number }) => void;
  /** Bytes of the page being received, as they come: a slow instance is visibly alive. */
  onBytes?: (page: number, bytes: number) => void;
  /** Something the user must be told while the download goes on (a stalled request retried). */
  onNotice?: (message: string) => void;
}

export const DEFAULT_DEADLINE_MS = 10 * 60_000;
/** git's and curl's habit: a peer that sends nothing for 30 s is stalled. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** Below 100 bytes per second over 30 s, a page of dossiers (hundreds of kilobytes) would take hours. */
export const DEFAULT_LOW_SPEED = { bytesPerSecond: 100, windowMs: 30_000 } as const;
const DEFAULT_MAX_PAGE_BYTES = 100 * 2 ** 20;

export interface DemarcheExport {
  data: {
    demarche: { id: unknown; number: unknown; title: unknown; dossiers: { pageInfo: { hasNextPage: false; endCursor: null }; nodes: unknown[] } };
  };
}

type Json = Record<string, unknown>;
const isRecord = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Dossier nodes in their numbers' order. */
export const byNumber = (nodes: readonly unknown[]): unknown[] =>
  [...nodes].sort((a, b) => Number((a as { number?: unknown }).number) - Number((b as { number?: unknown }).number));

/** The dossiers deleted since a moment: number, state, reason. */
export async function fetchDeleted(
  o: Omit<FetchOptions, 'demarche'> & { demarche: number },
  since: string,
): Promise<{ number: number; state: string; reason: string }[]> {
  const out: { number: number; state: string; reason: string }[] = [];
  let after: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const data = await graphqlCall(o, {
      query: DELETED_QUERY,
      operationName: 'getDossiersSupprimes',
      variables: { demarcheNumber: o.demarche, deletedSince: since, ...(after ? { after } : {}) },
    });
    const conn = isRecord(data.demarche) && isRecord(data.demarche.deletedDossiers) ? data.demarche.deletedDossiers : {};
    for (const n of Array.isArray(conn.nodes) ? conn.nodes : [])
      if (isRecord(n)) out.push({ number: Number(n.number), state: String(n.state), reason: String(n.reason) });
    const info = isRecord(conn.pageInfo) ? conn.pageInfo : {};
    if (info.hasNextPage !== true || typeof info.endCursor !== 'string') break;
    after = info.endCursor;
  }
  return out;
}

/** Removes the token from any text that may reach the user. */
export function scrub(text: string, token: string): string {
  return token ? text.split(token).join('***') : text;
}

/** The whole download's clock: what is left, and a signal that fires when nothing is. */
class Deadline {
  private readonly end: number;
  constructor(
    private readonly ms: number,
    private readonly now: () => number,
  ) {
    this.end = now() + ms;
  }
  left(): number {
    return this.end - this.now();
  }
  check(): void {
    if (this.left() <= 0) throw this.error();
  }
  error(): ApiError {
    return new ApiError(`délai dépassé : le téléchargement n’a pas fini en ${Math.round(this.ms / 1000)} s (option --timeout, en secondes)`);
  }
}

export async function fetchDemarche(o: FetchOptions): Promise<DemarcheExport> {
  const doFetch = o.fetchImpl ?? fetch;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const attempts = o.attempts ?? 5;
  const clock = new Deadline(o.deadlineMs ?? DEFAULT_DEADLINE_MS, o.now ?? Date.now);
  const url = new URL('/api/v2/graphql', o.instance).toString();
  const nodes: unknown[] = [...(o.resume?.nodes ?? [])];
  let after: string | null = o.resume?.after ?? null;
  let head: Json | undefined;
  const seen = new Set<string>();
  for (let page = (o.resume?.page ?? 0) + 1; ; page++) {
    const body: Json = await postWithRetry(doFetch, sleep, url, o, attempts, clock, page, {
      query: DOSSIERS_QUERY,
      operationName: 'getDemarche',
      variables: { demarcheNumber: o.demarche, first: o.pageSize ?? 100, after, updatedSince: o.updatedSince ?? null },
    });
    const demarche = isRecord(body.data) ? body.data.demarche : undefined;
    if (!isRecord(demarche)) throw new ApiError(`la démarche ${o.demarche} est introuvable ou ce jeton n’y a pas accès`);
    head ??= demarche;
    const dossiers = isRecord(demarche.dossiers) ? demarche.dossiers : {};
    const pageNodes = Array.isArray(dossiers.nodes) ? dossiers.nodes : [];
    nodes.push(...pageNodes);
    o.onPage?.(page, nodes.length);
    const info = isRecord(dossiers.pageInfo) ? dossiers.pageInfo : {};
    if (info.hasNextPage !== true || !pageNodes.length) break;
    if (typeof info.endCursor !== 'string') throw new ApiError('réponse de l’API incohérente : page suivante annoncée sans curseur');
    // A server that hands back a cursor already followed would make the download loop forever.
    if (seen.has(info.endCursor))
      throw new ApiError(`réponse de l’API incohérente : la page ${page} renvoie un curseur déjà suivi ; téléchargement arrêté pour ne pas boucler`);
    seen.add(info.endCursor);
    after = info.endCursor;
    o.onCheckpoint?.({ after, nodes, page });
  }
  return {
    data: {
      demarche: {
        id: head?.id ?? null,
        number: head?.number ?? o.demarche,
        title: head?.title ?? null,
        // In the dossiers' number order, without DS's last cursor: the same dossiers make the same
        // file, whether downloaded whole, resumed, or merged from a download of the changes.
        dossiers: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: byNumber(nodes) },
      },
    },
  };
}

/**
 * Watches one request for a stall, as curl and git do: no byte for `idleMs` (the answer not
 * started, or its body stopped), or a body slower on average than the low-speed limit over its
 * window. A stall aborts the request's controller; `stall` then says which it was.
 */
class Watchdog {
  stall: 'idle' | 'slow' | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private speedTimer: ReturnType<typeof setTimeout> | undefined;
  private windowBytes = 0;

  constructor(
    private readonly controller: AbortController,
    private readonly idleMs: number,
    private readonly lowSpeed: { bytesPerSecond: number; windowMs: number },
  ) {
    this.armIdle();
  }

  /** The answer's headers came: from now on its body is watched for speed too. */
  started(): void {
    this.armIdle();
    this.armSpeed();
  }

  /** Bytes of the body came. */
  bytes(n: number): void {
    this.windowBytes += n;
    this.armIdle();
  }

  stop(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.speedTimer);
  }

  private fire(stall: 'idle' | 'slow'): void {
    this.stall ??= stall;
    this.stop();
    this.controller.abort();
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.fire('idle'), this.idleMs);
    this.idleTimer.unref?.();
  }

  private armSpeed(): void {
    clearTimeout(this.speedTimer);
    this.windowBytes = 0;
    this.speedTimer = setTimeout(() => {
      if (this.windowBytes < (this.lowSpeed.bytesPerSecond * this.lowSpeed.windowMs) / 1000) this.fire('slow');
      else this.armSpeed();
    }, this.lowSpeed.windowMs);
    this.speedTimer.unref?.();
  }
}

/**
 * One GraphQL request to the instance, with every guarantee of the download (retries, deadline,
 * stalls, sizes, the token kept to the instance): the `data` of the answer.
 */
export async function graphqlCall(
  o: Omit<FetchOptions, 'demarche' | 'pageSize' | 'onPage'>,
  request: { query: string; operationName: string; variables: Json },
  write = false,
): Promise<Json> {
  const clock = new Deadline(o.deadlineMs ?? DEFAULT_DEADLINE_MS, o.now ?? Date.now);
  const url = new URL('/api/v2/graphql', o.instance).toString();
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const body = await postWithRetry(o.fetchImpl ?? fetch, sleep, url, o as FetchOptions, o.attempts ?? 5, clock, 1, request, write);
  return isRecord(body.data) ? body.data : {};
}

/** An answer's body, read up to a size: a body that never ends is cut, not kept growing. */
async function readBody(res: Response, max: number, controller: AbortController, onBytes: (bytes: number, chunk: number) => void): Promise<string> {
  const length = Number(res.headers.get('content-length'));
  if (Number.isFinite(length) && length > max) {
    controller.abort();
    throw new ApiError(`réponse de l’API trop grosse (${Math.round(length / 2 ** 20)} Mo pour une page ; ${Math.round(max / 2 ** 20)} Mo au plus)`);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      controller.abort();
      throw new ApiError(`réponse de l’API trop grosse (plus de ${Math.round(max / 2 ** 20)} Mo pour une page) : téléchargement arrêté`);
    }
    chunks.push(value);
    onBytes(size, value.byteLength);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const MAX_REDIRECTS = 5;

/**
 * One POST: redirects within the instance are followed with the token; a redirect to another host
 * is said, never followed (the token stays with the instance it was made for).
 */
async function post(doFetch: typeof fetch, url: string, init: RequestInit): Promise<Response> {
  let at = url;
  for (let hop = 0; ; hop++) {
    const res = await doFetch(at, { ...init, redirect: 'manual' });
    if (res.status < 300 || res.status >= 400 || !res.headers.has('location')) return res;
    await res.body?.cancel();
    const next = new URL(res.headers.get('location')!, at);
    if (next.origin !== new URL(at).origin)
      throw new ApiError(
        `l’instance redirige vers ${next.origin} : tnl n’y envoie pas le jeton. Si c’est la bonne adresse, relancez avec --instance ${next.origin}`,
      );
    if (hop >= MAX_REDIRECTS) throw new ApiError('l’instance redirige sans fin : vérifiez son adresse');
    at = next.toString();
  }
}

async function postWithRetry(
  doFetch: typeof fetch,
  sleep: (ms: number) => Promise<void>,
  url: string,
  o: FetchOptions,
  attempts: number,
  clock: Deadline,
  page: number,
  request: { query: string; operationName: string; variables: Json },
  write = false,
): Promise<Json> {
  let delay = o.backoffMs ?? 1000;
  let last = '';
  const maxBytes = o.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const idleMs = o.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const lowSpeed = o.lowSpeed ?? DEFAULT_LOW_SPEED;
  const origin = new URL(url).origin;
  let attempt = 1;
  /** A failure worth another attempt: said at once, then retried after the backoff. */
  const retry = async (reason: string, wait = delay): Promise<void> => {
    last = reason;
    if (attempt < attempts) {
      o.onNotice?.(`${reason} : nouvelle tentative (${attempt + 1} sur ${attempts})`);
      await sleep(Math.min(wait, Math.max(0, clock.left())));
    }
    delay *= 2;
  };
  for (; attempt <= attempts; attempt++) {
    clock.check();
    // One request, its body included, ends by the deadline of the whole download.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(1, clock.left()));
    timer.unref?.();
    const watchdog = new Watchdog(controller, idleMs, lowSpeed);
    const stalled = (): string | undefined =>
      watchdog.stall === 'idle'
        ? `l’instance ${origin} n’a rien envoyé pendant ${seconds(idleMs)} (page ${page} ; délai réglable par --idle-timeout, en secondes)`
        : watchdog.stall === 'slow'
          ? `l’instance ${origin} envoie moins de ${lowSpeed.bytesPerSecond} octets par seconde depuis ${seconds(lowSpeed.windowMs)} (page ${page} ; seuils réglables par --low-speed-limit et --low-speed-time)`
          : undefined;
    try {
      let res: Response;
      try {
        res = await post(doFetch, url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}`, accept: 'application/json' },
          body: JSON.stringify(request),
          signal: controller.signal,
        });
      } catch (e) {
        if (e instanceof ApiError) throw e;
        const stall = stalled();
        const code = (e as { cause?: { code?: string } }).cause?.code;
        if (write && (stall || !NOT_SENT.has(code ?? '')))
          throw new UncertainWriteError(
            `${request.operationName} : ${stall ?? `instance ${origin} injoignable (${networkReason(e)})`} ; la modification a pu être faite`,
          );
        if (stall) {
          await retry(stall);
          continue;
        }
        if (controller.signal.aborted) throw clock.error();
        await retry(`instance ${origin} injoignable (${networkReason(e)})`);
        continue;
      }
      watchdog.started();
      if (res.status === 401 || res.status === 403)
        throw new ApiError('jeton refusé par l’API (variable DS_API_TOKEN) : vérifiez qu’il est valide, non expiré, et qu’il donne accès à cette démarche');
      if (res.status === 429 || res.status >= 500) {
        await res.body?.cancel();
        // A 5xx to a write says nothing of whether it was done; a 429 says it was not.
        if (write && res.status !== 429)
          throw new UncertainWriteError(`${request.operationName} : erreur du serveur (${res.status}) ; la modification a pu être faite`);
        const retryAfter = Number(res.headers.get('retry-after'));
        await retry(
          res.status === 429 ? 'trop de requêtes (429)' : `erreur du serveur (${res.status})`,
          Number.isFinite(retryAfter) && res.headers.has('retry-after') ? retryAfter * 1000 : delay,
        );
        continue;
      }
      let text: string;
      try {
        text = await readBody(res, maxBytes, controller, (bytes, chunk) => {
          watchdog.bytes(chunk);
          o.onBytes?.(page, bytes);
        });
      } catch (e) {
        if (e instanceof ApiError) throw e;
        const stall = stalled();
        if (write)
          throw new UncertainWriteError(`${request.operationName} : ${stall ?? `réponse interrompue (${networkReason(e)})`} ; la modification a pu être faite`);
        if (stall) {
          await retry(stall);
          continue;
        }
        if (controller.signal.aborted) throw clock.error();
        // A read asked again is harmless: a body cut half-way is retried like a failed connection.
        await retry(`réponse de l’instance ${origin} interrompue (${networkReason(e)})`);
        continue;
      }
      watchdog.stop();
      if (!res.ok) throw new ApiError(`l’API a répondu ${res.status} : ${scrub(text.slice(0, 200), o.token)}`);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new ApiError('réponse de l’API illisible (pas du JSON) : l’adresse de l’instance est-elle la bonne ?');
      }
      if (!isRecord(body)) throw new ApiError('réponse de l’API inattendue');
      if (Array.isArray(body.errors) && body.errors.length) {
        const messages = body.errors.map((e) => (isRecord(e) ? String(e.message) : String(e))).join(' ; ');
        if (/unauthorized|token|jeton|autoris/i.test(messages))
          throw new ApiError('jeton refusé par l’API (variable DS_API_TOKEN) : vérifiez qu’il est valide et qu’il donne accès à cette démarche');
        // A partial answer (data with errors) would be an incomplete export: refused, not saved.
        throw new ApiError(
          `l’API a répondu par une erreur${isRecord(body.data) && isRecord(body.data.demarche) ? ' (réponse partielle, non enregistrée)' : ''} : ${scrub(messages, o.token)}`,
        );
      }
      return body;
    } finally {
      clearTimeout(timer);
      watchdog.stop();
    }
  }
  throw new ApiError(`abandon après ${attempts} tentatives : ${last}`);
}

/** A duration as messages say it: « 30 s », « 0,5 s ». */
const seconds = (ms: number): string => `${frNumber(ms / 1000, ms >= 10_000 ? 0 : 1).replace(/,0$/, '')}\u00a0s`;

/** Why a request failed, in French, without the URL (which a message must not repeat). */
function networkReason(e: unknown): string {
  const cause = (e as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (e as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connexion refusée',
    ENOTFOUND: 'nom d’hôte inconnu',
    EAI_AGAIN: 'nom d’hôte introuvable pour l’instant',
    ECONNRESET: 'connexion coupée',
    TNL_CONNECT_TIMEOUT: 'connexion non établie dans le délai de --connect-timeout',
    ETIMEDOUT: 'délai de connexion dépassé',
    UND_ERR_SOCKET: 'connexion coupée',
    CERT_HAS_EXPIRED: 'certificat expiré',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'certificat non reconnu',
  };
  return code ? (own(known, code) ?? code) : 'erreur réseau';
}
