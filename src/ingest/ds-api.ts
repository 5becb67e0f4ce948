/** Client of the démarches simplifiées GraphQL API v2: all dossiers of a démarche, page by page. */

export const DOSSIERS_QUERY = `query getDemarche($demarcheNumber: Int!, $first: Int = 100, $after: String) {
  demarche(number: $demarcheNumber) {
    id number title
    dossiers(first: $first, after: $after) {
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
  ... on HeaderSectionChamp { level }
}`;

export class ApiError extends Error {
  override name = 'ApiError';
}

export interface FetchOptions {
  instance: string;
  demarche: number;
  token: string;
  pageSize?: number;
  /** Attempts per page for 429, 5xx and network errors. */
  attempts?: number;
  /** First backoff delay; doubled at each retry. */
  backoffMs?: number;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  onPage?: (page: number, total: number) => void;
}

export interface DemarcheExport {
  data: { demarche: { id: unknown; number: unknown; title: unknown; dossiers: { pageInfo: { hasNextPage: false; endCursor: string | null }; nodes: unknown[] } } };
}

type Json = Record<string, unknown>;
const isRecord = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Removes the token from any text that may reach the user. */
export function scrub(text: string, token: string): string {
  return token ? text.split(token).join('***') : text;
}

export async function fetchDemarche(o: FetchOptions): Promise<DemarcheExport> {
  const doFetch = o.fetchImpl ?? fetch;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const attempts = o.attempts ?? 5;
  const url = new URL('/api/v2/graphql', o.instance).toString();
  const nodes: unknown[] = [];
  let after: string | null = null;
  let head: Json | undefined;
  let endCursor: string | null = null;
  for (let page = 1; ; page++) {
    const body: Json = await postWithRetry(doFetch, sleep, url, o, attempts, { demarcheNumber: o.demarche, first: o.pageSize ?? 100, after });
    const demarche = isRecord(body.data) ? body.data.demarche : undefined;
    if (!isRecord(demarche)) throw new ApiError(`la démarche ${o.demarche} est introuvable ou ce jeton n’y a pas accès`);
    head ??= demarche;
    const dossiers = isRecord(demarche.dossiers) ? demarche.dossiers : {};
    const pageNodes = Array.isArray(dossiers.nodes) ? dossiers.nodes : [];
    nodes.push(...pageNodes);
    o.onPage?.(page, nodes.length);
    const info = isRecord(dossiers.pageInfo) ? dossiers.pageInfo : {};
    endCursor = typeof info.endCursor === 'string' ? info.endCursor : endCursor;
    if (info.hasNextPage !== true || !pageNodes.length) break;
    if (typeof info.endCursor !== 'string') throw new ApiError('réponse de l’API incohérente : page suivante annoncée sans curseur');
    after = info.endCursor;
  }
  return { data: { demarche: { id: head?.id ?? null, number: head?.number ?? o.demarche, title: head?.title ?? null, dossiers: { pageInfo: { hasNextPage: false, endCursor }, nodes } } } };
}

async function postWithRetry(
  doFetch: typeof fetch,
  sleep: (ms: number) => Promise<void>,
  url: string,
  o: FetchOptions,
  attempts: number,
  variables: Json,
): Promise<Json> {
  let delay = o.backoffMs ?? 1000;
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}`, accept: 'application/json' },
        body: JSON.stringify({ query: DOSSIERS_QUERY, operationName: 'getDemarche', variables }),
        signal: AbortSignal.timeout(120_000),
      });
    } catch (e) {
      last = `instance injoignable (${scrub((e as Error).message, o.token)})`;
      if (attempt < attempts) await sleep(delay);
      delay *= 2;
      continue;
    }
    if (res.status === 401 || res.status === 403)
      throw new ApiError('jeton refusé par l’API (variable DS_API_TOKEN) : vérifiez qu’il est valide, non expiré, et qu’il donne accès à cette démarche');
    if (res.status === 429 || res.status >= 500) {
      last = res.status === 429 ? 'trop de requêtes (429)' : `erreur du serveur (${res.status})`;
      await res.body?.cancel();
      const retryAfter = Number(res.headers.get('retry-after'));
      if (attempt < attempts) await sleep(Number.isFinite(retryAfter) && res.headers.has('retry-after') ? retryAfter * 1000 : delay);
      delay *= 2;
      continue;
    }
    const text = await res.text();
    if (!res.ok) throw new ApiError(`l’API a répondu ${res.status} : ${scrub(text.slice(0, 200), o.token)}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError('réponse de l’API illisible (pas du JSON) : l’adresse de l’instance est-elle la bonne ?');
    }
    if (!isRecord(body)) throw new ApiError('réponse de l’API inattendue');
    if (Array.isArray(body.errors) && body.errors.length && !isRecord(isRecord(body.data) ? body.data.demarche : undefined)) {
      const messages = body.errors.map((e) => (isRecord(e) ? String(e.message) : String(e))).join(' ; ');
      if (/unauthorized|token|jeton|autoris/i.test(messages)) throw new ApiError('jeton refusé par l’API (variable DS_API_TOKEN) : vérifiez qu’il est valide et qu’il donne accès à cette démarche');
      throw new ApiError(`l’API a répondu par une erreur : ${scrub(messages, o.token)}`);
    }
    return body;
  }
  throw new ApiError(`abandon après ${attempts} tentatives : ${last}`);
}
