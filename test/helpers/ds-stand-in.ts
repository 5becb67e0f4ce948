/**
 * A faithful stand-in for démarches simplifiées' GraphQL API, for the tests: 127.0.0.1 only,
 * started by the tests themselves. Every query it receives is validated against DS's published
 * schema (graphql-js) before it is executed on its in-memory démarches; an invalid one is answered
 * with DS's kind of errors and recorded. It can be told to fail: a 500, a 429 with Retry-After, a
 * request that hangs, a connection cut mid-body, an answer with `errors`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, execute, parse, validate, type GraphQLSchema } from 'graphql';
import { loadEdition } from '../../src/files/edition-files.js';
import { root } from './cli.js';

export type Fault = ({ kind: '500' } | { kind: '429'; retryAfter: number } | { kind: 'hang' } | { kind: 'cut' } | { kind: 'errors'; message: string }) & {
  /** Only for this operation (a GraphQL operation name, or « upload » for the file upload). */
  op?: string;
  /** Done first, then the answer fails: the write happened, the client does not know. */
  after?: boolean;
  /** Only for requests whose variables pass this test (a page after the first: `(v) => v.after != null`). */
  when?: (variables: Record<string, unknown>) => boolean;
};

/** A dossier of the stand-in: what tnl reads and writes back. */
export interface StandInDossier {
  id: string;
  number: number;
  state: string;
  annotations: { id: string; champDescriptorId: string; label: string; stringValue: string | null }[];
  labels: { id: string; name: string }[];
  messages: { id: string; body: string; createdAt: string; email: string; attachments: { filename: string; signedBlobId: string }[] }[];
  /** The dossier as DS's export gives it (a node of fixtures/ds-2024.json): what tnl fetch reads. */
  node?: Record<string, unknown>;
}

/** A node of an export (the answer, with its aliases) back to DS's own field names, for the stand-in to serve. */
export function sourceNode(node: Record<string, unknown>): Record<string, unknown> {
  const champ = (c: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...c };
    for (const alias of ['checked', 'selected', 'decimalNumber', 'integerNumber'])
      if (alias in out) {
        out.value = out[alias];
        delete out[alias];
      }
    if (Array.isArray(out.rows))
      out.rows = (out.rows as { id: string; champs: Record<string, unknown>[] }[]).map((r) => ({ ...r, champs: r.champs.map(champ) }));
    return out;
  };
  return {
    ...node,
    // DS always has it; the example export, made before tnl asked for it, may not.
    dateDerniereModificationChamps: node.dateDerniereModificationChamps ?? node.dateDerniereModification,
    champs: ((node.champs as Record<string, unknown>[]) ?? []).map(champ),
    annotations: ((node.annotations as Record<string, unknown>[]) ?? []).map(champ),
  };
}

/** The dossiers of the example export, served by the stand-in. */
export function exportDossiers(): StandInDossier[] {
  const recorded = JSON.parse(readFileSync(join(root, 'fixtures', 'ds-2024.json'), 'utf8')) as {
    data: { demarche: { dossiers: { nodes: Record<string, unknown>[] } } };
  };
  return recorded.data.demarche.dossiers.nodes.map((n) => ({
    id: String(n.id),
    number: Number(n.number),
    state: String(n.state),
    annotations: [],
    labels: [],
    messages: [],
    node: sourceNode(n),
  }));
}

export interface Descriptor {
  __typename: string;
  id: string;
  label: string;
  description: string | null;
  required: boolean;
  options?: string[];
  otherOption?: boolean;
  champDescriptors?: Descriptor[];
  type: string;
}

export interface StandInDemarche {
  id: string;
  number: number;
  title: string;
  state: string;
  labels: { id: string; name: string }[];
  instructeurs: { id: string; email: string }[];
  dossiers: StandInDossier[];
  deleted: { id: string; number: number; state: string; dateSupression: string; reason: string }[];
  activeRevision: { id: string; datePublication: string; dateCreation: string; champDescriptors: Descriptor[]; annotationDescriptors: Descriptor[] };
}

let schema: GraphQLSchema | undefined;
const dsSchema = () => (schema ??= buildSchema(readFileSync(join(root, 'test', 'fixtures', 'ds-graphql-schema.graphql'), 'utf8')));

/** DS's descriptor id for a stable id: base64 of « Champ-N ». */
export const descriptorId = (stableId: number): string => Buffer.from(`Champ-${stableId}`).toString('base64');

const TYPENAMES: Record<string, string> = {
  yes_no: 'YesNoChampDescriptor',
  checkbox: 'CheckboxChampDescriptor',
  single_choice: 'DropDownListChampDescriptor',
  multiple_choice: 'MultipleDropDownListChampDescriptor',
  integer: 'IntegerNumberChampDescriptor',
  decimal: 'DecimalNumberChampDescriptor',
  text: 'TextChampDescriptor',
  date: 'DateChampDescriptor',
  commune: 'CommuneChampDescriptor',
  departement: 'DepartementChampDescriptor',
  epci: 'EpciChampDescriptor',
  email: 'EmailChampDescriptor',
  phone: 'PhoneChampDescriptor',
  repetition: 'RepetitionChampDescriptor',
  file: 'PieceJustificativeChampDescriptor',
};

export function descriptor(stableId: number, type: string, label: string, extra: Partial<Descriptor> = {}): Descriptor {
  const typename = TYPENAMES[type] ?? type;
  return {
    __typename: typename,
    id: descriptorId(stableId),
    label,
    description: null,
    required: false,
    type: typename.replace(/ChampDescriptor$/, ''),
    ...extra,
  };
}

/** The démarche of an edition's questionnaire, as DS would describe it: every champ tnl reads, with its options. */
export function demarcheOf(year: number, number = 1187): StandInDemarche {
  const q = loadEdition(year).edition.questionnaire;
  let next = 9_000_000;
  const champs: Descriptor[] = [descriptor(next++, 'HeaderSectionChampDescriptor', 'Votre collectivité')];
  for (const f of Object.values(q.identity))
    champs.push(
      descriptor(f!.stableId ?? next++, f!.type, f!.label, { required: f!.required, ...(f!.choices ? { options: f!.choices.map((c) => c.label) } : {}) }),
    );
  for (const x of q.questions)
    champs.push(
      descriptor(x.stableId ?? next++, x.type, x.label, {
        required: x.required,
        ...(x.choices ? { options: x.choices.map((c) => c.label) } : {}),
        ...(x.children ? { champDescriptors: x.children.map((c) => descriptor(next++, c.type, c.label)) } : {}),
      }),
    );
  const annotations = q.annotations.map((a) => descriptor(a.stableId ?? next++, 'TextareaChampDescriptor', a.label));
  return {
    id: Buffer.from(`Procedure-${number}`).toString('base64'),
    number,
    title: q.title,
    state: 'publiee',
    labels: [],
    instructeurs: [{ id: Buffer.from('Instructeur-7').toString('base64'), email: 'label@adullact.org' }],
    dossiers: [],
    deleted: [],
    activeRevision: {
      id: 'UHJvY2VkdXJlUmV2aXNpb24tMQ==',
      datePublication: `${year}-09-01T08:00:00+02:00`,
      dateCreation: `${year}-06-01T08:00:00+02:00`,
      champDescriptors: champs,
      annotationDescriptors: annotations,
    },
  };
}

export interface StandIn {
  url: string;
  demarches: Map<number, StandInDemarche>;
  /** Every request received: its operation, variables, and whether it was valid against the schema. */
  requests: { operationName: string | undefined; variables: Record<string, unknown>; valid: boolean; errors: string[]; authorization: string | undefined }[];
  /** Faults for the next requests, in order (the first that fits a request is used). */
  faults: Fault[];
  /** The writes done, by kind and dossier number: what a test counts. */
  writes: { annotations: Map<number, number>; labels: Map<number, number>; messages: Map<number, number>; uploads: number };
  /** Uploaded files, by signed blob id. */
  blobs: Map<string, { filename: string; bytes: Buffer; authorization: string | undefined }>;
  close(): Promise<void>;
}

const count = (m: Map<number, number>, n: number) => m.set(n, (m.get(n) ?? 0) + 1);

export async function startStandIn(demarches: StandInDemarche[] = [demarcheOf(2024)], token = 'jeton-de-test'): Promise<StandIn> {
  const state = new Map(demarches.map((d) => [d.number, d]));
  const requests: StandIn['requests'] = [];
  const faults: Fault[] = [];
  const writes: StandIn['writes'] = { annotations: new Map(), labels: new Map(), messages: new Map(), uploads: 0 };
  const blobs: StandIn['blobs'] = new Map();
  const pending = new Map<string, { filename: string; byteSize: number; dossierId: string }>();
  let url = '';
  const takeFault = (op: string | undefined, variables: Record<string, unknown> = {}) => {
    const i = faults.findIndex((f) => (!f.op || f.op === op) && (!f.when || f.when(variables)));
    return i < 0 ? undefined : faults.splice(i, 1)[0];
  };
  const allDossiers = () => [...state.values()].flatMap((d) => d.dossiers.map((x) => ({ demarche: d, dossier: x })));
  const byId = (id: unknown) => allDossiers().find((x) => x.dossier.id === id);
  const errors = (message: string) => ({ errors: [{ message }] });
  const dossierView = (x: StandInDossier) => ({
    ...x.node,
    ...x,
    annotations: () => [
      ...((x.node?.annotations as unknown[]) ?? []),
      ...x.annotations.map((a) => ({ __typename: 'TextChamp', prefilled: false, updatedAt: '2024-11-20T10:00:00+01:00', ...a })),
    ],
    messages: () => x.messages.map((m) => ({ ...m, attachments: m.attachments.map((f) => ({ filename: f.filename })) })),
  });
  const rootValue = {
    demarche: ({ number }: { number: number }) => {
      const d = state.get(number);
      if (!d) throw new Error(`Demarche not found`);
      return {
        ...d,
        groupeInstructeurs: [{ id: 'R3JvdXBlLTE=', number: 1, label: 'défaut', closed: false, instructeurs: d.instructeurs }],
        dossiers: ({ first = 100, after, updatedSince }: { first?: number; after?: string; updatedSince?: string }) => {
          const all = updatedSince
            ? d.dossiers.filter((x) => Date.parse(String(x.node?.dateDerniereModification ?? '1970-01-01T00:00:00Z')) > Date.parse(updatedSince))
            : d.dossiers;
          const start = after ? Number(Buffer.from(after, 'base64').toString()) : 0;
          const page = all.slice(start, start + first);
          const end = start + page.length;
          return { pageInfo: { hasNextPage: end < all.length, endCursor: Buffer.from(String(end)).toString('base64') }, nodes: page.map(dossierView) };
        },
        deletedDossiers: ({ deletedSince }: { deletedSince?: string }) => ({
          pageInfo: { hasNextPage: false, endCursor: null },
          nodes: d.deleted.filter((x) => !deletedSince || Date.parse(x.dateSupression) > Date.parse(deletedSince)),
        }),
      };
    },
    dossier: ({ number }: { number: number }) => {
      const x = allDossiers().find((y) => y.dossier.number === number);
      if (!x) throw new Error('Dossier not found');
      return dossierView(x.dossier);
    },
    dossierModifierAnnotations: ({
      input,
    }: {
      input: { dossierId: string; instructeurId: string; annotations: { id: string; value: Record<string, unknown> }[] };
    }) => {
      const x = byId(input.dossierId);
      if (!x) return errors('Dossier introuvable');
      if (!x.demarche.instructeurs.some((i) => i.id === input.instructeurId)) return errors('Instructeur introuvable');
      for (const a of input.annotations) {
        const descriptor = x.demarche.activeRevision.annotationDescriptors.find((d) => d.id === a.id);
        if (!descriptor) return errors(`Annotation ${a.id} introuvable`);
        const [key, value] = Object.entries(a.value)[0]!;
        const expected: Record<string, string> = {
          text: 'Text',
          textarea: 'Textarea',
          decimalNumber: 'DecimalNumber',
          integerNumber: 'IntegerNumber',
          dropDownList: 'DropDownList',
        };
        if (descriptor.__typename !== `${expected[key] ?? '?'}ChampDescriptor`)
          return errors(`La valeur ${key} ne convient pas à l’annotation « ${descriptor.label} »`);
        if (key === 'dropDownList' && !descriptor.options?.includes(String(value))) return errors(`« ${String(value)} » n’est pas une option`);
        const text = typeof value === 'number' ? String(value) : String(value);
        const existing = x.dossier.annotations.find((c) => c.champDescriptorId === a.id);
        if (existing) existing.stringValue = text;
        else
          x.dossier.annotations.push({
            id: Buffer.from(`Champ-${a.id}-${x.dossier.number}`).toString('base64'),
            champDescriptorId: a.id,
            label: descriptor.label,
            stringValue: text,
          });
      }
      count(writes.annotations, x.dossier.number);
      return { errors: null };
    },
    dossierAjouterLabel: ({ input }: { input: { dossierId: string; labelId: string } }) => {
      const x = byId(input.dossierId);
      const label = x?.demarche.labels.find((l) => l.id === input.labelId);
      if (!x || !label) return errors('Label ou dossier introuvable');
      if (x.dossier.labels.some((l) => l.id === label.id)) return errors('Ce label est déjà sur le dossier');
      x.dossier.labels.push(label);
      count(writes.labels, x.dossier.number);
      return { errors: null };
    },
    createDirectUpload: ({ input }: { input: { dossierId: string; filename: string; byteSize: number; checksum: string; contentType: string } }) => {
      const key = `blob-${pending.size + blobs.size + 1}`;
      pending.set(key, { filename: input.filename, byteSize: input.byteSize, dossierId: input.dossierId });
      return {
        directUpload: {
          url: `${url}/uploads/${key}`,
          headers: JSON.stringify({ 'Content-Type': input.contentType, 'Content-MD5': input.checksum }),
          blobId: key,
          signedBlobId: `signed-${key}`,
        },
      };
    },
    dossierEnvoyerMessage: ({ input }: { input: { dossierId: string; instructeurId: string; body: string; attachment?: string } }) => {
      const x = byId(input.dossierId);
      if (!x) return errors('Dossier introuvable');
      if (input.attachment && !blobs.has(input.attachment)) return errors('Pièce jointe introuvable');
      const message = {
        id: Buffer.from(`Commentaire-${x.dossier.messages.length + 1}`).toString('base64'),
        body: input.body,
        createdAt: '2024-12-11T10:00:00+01:00',
        email: 'label@adullact.org',
        attachments: input.attachment ? [{ filename: blobs.get(input.attachment)!.filename, signedBlobId: input.attachment }] : [],
      };
      x.dossier.messages.push(message);
      count(writes.messages, x.dossier.number);
      return { message: { id: message.id }, errors: null };
    },
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: { query?: string; operationName?: string; variables?: Record<string, unknown> } = {};
      const upload = req.method === 'PUT' && req.url?.startsWith('/uploads/');
      if (!upload)
        try {
          body = JSON.parse(raw.toString('utf8')) as typeof body;
        } catch {
          body = {};
        }
      const fault = takeFault(upload ? 'upload' : body.operationName, body.variables ?? {});
      if (fault?.kind === 'hang' && !fault.after) return;
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        const text = JSON.stringify(payload);
        if (fault?.after) {
          if (fault.kind === 'hang') return;
          if (fault.kind === '500') return void res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify(errors('Internal Server Error')));
        }
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        if (fault?.kind === 'cut') {
          // Headers sent, half the body, then the connection cut: the client is inside the body.
          res.flushHeaders();
          setTimeout(() => {
            res.write(text.slice(0, Math.floor(text.length / 2)));
            setTimeout(() => res.socket?.destroy(), 20);
          }, 20);
          return;
        }
        res.end(text);
      };
      if (!fault?.after) {
        if (fault?.kind === '500') return send(500, errors('Internal Server Error'));
        if (fault?.kind === '429') return send(429, errors('Too Many Requests'), { 'retry-after': String(fault.retryAfter) });
      }
      if (upload) {
        const key = req.url!.slice('/uploads/'.length);
        const p = pending.get(key);
        if (!p || p.byteSize !== raw.length) return send(422, errors('Upload invalide'));
        pending.delete(key);
        blobs.set(`signed-${key}`, { filename: p.filename, bytes: raw, authorization: req.headers.authorization });
        writes.uploads += 1;
        return send(200, {});
      }
      const record = {
        operationName: body.operationName,
        variables: body.variables ?? {},
        valid: false,
        errors: [] as string[],
        authorization: req.headers.authorization,
      };
      requests.push(record);
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, errors('Unauthorized'));
      let document;
      try {
        document = parse(body.query ?? '');
      } catch (e) {
        record.errors = [(e as Error).message];
        return send(200, errors((e as Error).message));
      }
      const invalid = validate(dsSchema(), document);
      record.errors = invalid.map((e) => e.message);
      if (invalid.length) return send(200, { errors: invalid.map((e) => ({ message: e.message })) });
      record.valid = true;
      if (fault?.kind === 'errors' && !fault.after) return send(200, { data: null, errors: [{ message: fault.message }] });
      void Promise.resolve(
        execute({ schema: dsSchema(), document, rootValue, variableValues: body.variables ?? {}, operationName: body.operationName ?? null }),
      ).then((result) =>
        fault?.kind === 'errors'
          ? send(200, { data: null, errors: [{ message: fault.message }] })
          : send(200, {
              ...(result.data !== undefined ? { data: result.data } : {}),
              ...(result.errors?.length ? { errors: result.errors.map((e) => ({ message: e.message })) } : {}),
            }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    demarches: state,
    requests,
    faults,
    writes,
    blobs,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
