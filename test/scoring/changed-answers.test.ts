/** The answers a returning authority changed since last year (the cahier's table). */
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/edition/types.js';
import type { Answer } from '../../src/ingest/dossier.js';
import { changedAnswers } from '../../src/scoring/changed-answers.js';
import { choice, choices, dossier, num, yes } from '../helpers/dossier.js';

const q = (id: string, type: Question['type'] = 'yes_no'): Question => ({ id, volet: 'v', label: id, type, aliases: [], required: false });
const questions = [q('a'), q('b', 'multiple_choice'), q('c', 'text'), q('d', 'integer'), q('e', 'single_choice'), q('f', 'repetition'), q('new')];
const carried = new Set(['a', 'b', 'c', 'd', 'e', 'f']);
const no: Answer = { kind: 'bool', value: false };

describe('changedAnswers', () => {
  it('lists what differs, in the questionnaire’s order, with both answers', () => {
    const before = dossier('commune', 1000, { a: no, d: num(3), e: choice('x') });
    const now = dossier('commune', 1000, { a: yes, d: num(3), e: choice('y') });
    expect(changedAnswers(questions, before, now, carried)).toEqual([
      { question: 'a', before: no, now: yes },
      { question: 'e', before: choice('x'), now: choice('y') },
    ]);
  });

  it('the same choices in another order, a text with other spaces: no change', () => {
    const before = dossier('commune', 1000, { b: choices('x', 'y'), c: { kind: 'text', value: 'Un  plan\nadopté ' } });
    const now = dossier('commune', 1000, { b: choices('y', 'x'), c: { kind: 'text', value: 'Un plan adopté' } });
    expect(changedAnswers(questions, before, now, carried)).toEqual([]);
  });

  it('an answer given or withdrawn is a change; a question last year’s export has no champ for is not', () => {
    const before = dossier('commune', 1000, { d: num(2) });
    const now = dossier('commune', 1000, { c: { kind: 'text', value: 'nouveau' }, new: yes });
    expect(changedAnswers(questions, before, now, carried)).toEqual([
      { question: 'c', now: { kind: 'text', value: 'nouveau' } },
      { question: 'd', before: num(2) },
    ]);
  });

  it('a question either export cannot carry (a repetition block in a CSV) is left out', () => {
    const before = { ...dossier('commune', 1000, {}), unavailable: ['f'] };
    const now = dossier('commune', 1000, { f: { kind: 'rows', rows: [{ nom: 'x' }] } });
    expect(changedAnswers(questions, before, now, carried)).toEqual([]);
    const rows = (r: Record<string, string>[]): Answer => ({ kind: 'rows', rows: r });
    const a = dossier('commune', 1000, { f: rows([{ nom: 'x', url: 'u' }]) });
    const b = dossier('commune', 1000, { f: rows([{ url: 'u', nom: 'x' }]) });
    expect(changedAnswers(questions, a, b, carried)).toEqual([]);
    const c = dossier('commune', 1000, {
      f: rows([
        { url: 'u', nom: 'x' },
        { url: 'v', nom: 'y' },
      ]),
    });
    expect(changedAnswers(questions, a, c, carried).map((x) => x.question)).toEqual(['f']);
  });
});
