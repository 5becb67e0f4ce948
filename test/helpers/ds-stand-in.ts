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

export type Fault = { kind: '500' } | { kind: '429'; retryAfter: number } | { kind: 'hang' } | { kind: 'cut' } | { kind: 'errors'; message: string };

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
  /** Faults for the next requests, in order. */
  faults: Fault[];
  close(): Promise<void>;
}

export async function startStandIn(demarches: StandInDemarche[] = [demarcheOf(2024)], token = 'jeton-de-test'): Promise<StandIn> {
  const state = new Map(demarches.map((d) => [d.number, d]));
  const requests: StandIn['requests'] = [];
  const faults: Fault[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fault = faults.shift();
      if (fault?.kind === 'hang') return;
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        const text = JSON.stringify(body);
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
      if (fault?.kind === '500') return reply(500, { errors: [{ message: 'Internal Server Error' }] });
      if (fault?.kind === '429') return reply(429, { errors: [{ message: 'Too Many Requests' }] }, { 'retry-after': String(fault.retryAfter) });
      let body: { query?: string; operationName?: string; variables?: Record<string, unknown> };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        return reply(400, { errors: [{ message: 'Invalid JSON' }] });
      }
      const record = {
        operationName: body.operationName,
        variables: body.variables ?? {},
        valid: false,
        errors: [] as string[],
        authorization: req.headers.authorization,
      };
      requests.push(record);
      if (req.headers.authorization !== `Bearer ${token}`) return reply(401, { errors: [{ message: 'Unauthorized' }] });
      let document;
      try {
        document = parse(body.query ?? '');
      } catch (e) {
        record.errors = [(e as Error).message];
        return reply(200, { errors: [{ message: (e as Error).message }] });
      }
      const invalid = validate(dsSchema(), document);
      record.errors = invalid.map((e) => e.message);
      if (invalid.length) return reply(200, { errors: invalid.map((e) => ({ message: e.message })) });
      record.valid = true;
      if (fault?.kind === 'errors') return reply(200, { data: null, errors: [{ message: fault.message }] });
      const rootValue = {
        demarche: ({ number }: { number: number }) => {
          const d = state.get(number);
          if (!d) throw new Error(`Demarche not found`);
          return d;
        },
      };
      void Promise.resolve(
        execute({ schema: dsSchema(), document, rootValue, variableValues: body.variables ?? {}, operationName: body.operationName ?? null }),
      ).then((result) =>
        reply(200, {
          ...(result.data !== undefined ? { data: result.data } : {}),
          ...(result.errors?.length ? { errors: result.errors.map((e) => ({ message: e.message })) } : {}),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    demarches: state,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
