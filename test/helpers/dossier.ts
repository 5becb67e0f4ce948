import type { AuthorityKind } from '../../src/edition/types.js';
import type { Answer, Dossier } from '../../src/ingest/dossier.js';

export function dossier(kind: AuthorityKind, population: number, answers: Record<string, Answer> = {}, number = '1'): Dossier {
  return { number, state: 'en_instruction', identity: { name: `Collectivité ${number}`, kind, population }, answers, unavailable: [], sources: {} };
}

export const yes: Answer = { kind: 'bool', value: true };
export const choice = (id: string): Answer => ({ kind: 'choice', id });
export const choices = (...ids: string[]): Answer => ({ kind: 'choices', ids });
export const num = (value: number): Answer => ({ kind: 'number', value });
