import { describe, expect, it } from 'vitest';
import { capitalise, joinList, longDate, nameInText, numberToWords, ordinal, thousands, typography } from '../../src/report/french.js';
import { tnl } from '../helpers/cli.js';

describe('French helpers', () => {
  it.each([
    [0, 'zéro'], [1, 'un'], [8, 'huit'], [12, 'douze'], [17, 'dix-sept'], [21, 'vingt et un'], [24, 'vingt-quatre'], [31, 'trente et un'],
    [70, 'soixante-dix'], [71, 'soixante et onze'], [77, 'soixante-dix-sept'], [80, 'quatre-vingts'], [81, 'quatre-vingt-un'], [91, 'quatre-vingt-onze'],
    [99, 'quatre-vingt-dix-neuf'], [100, 'cent'], [200, 'deux cents'], [201, 'deux cent un'], [1000, 'mille'], [1200, 'mille deux cents'],
    [2080, 'deux mille quatre-vingts'], [80000, 'quatre-vingt mille'], [200000, 'deux cent mille'], [1000000, 'un million'], [10000000, 'dix millions'],
  ])('%i → %s', (n, words) => expect(numberToWords(n)).toBe(words));
  it('capitalises at the start of a sentence', () => expect(capitalise(numberToWords(8))).toBe('Huit'));
  it('writes dates', () => {
    expect(longDate('2024-12-10')).toBe('mardi 10 décembre 2024');
    expect(longDate('2024-12-01')).toBe('dimanche 1er décembre 2024');
    expect(longDate('2024-12-04', false)).toBe('4 décembre 2024');
  });
  it('writes ordinals', () => {
    expect(ordinal(9)).toBe('9ème');
    expect(ordinal(9, 'e')).toBe('9e');
    expect(ordinal(1)).toBe('1ère');
    expect(ordinal(1, 'e')).toBe('1re');
  });
  it('uses no-break spaces', () => {
    expect(thousands(10000)).toBe('10\u202f000');
    expect(typography('Contact : « Oui » ; vraiment ? 10 000')).toBe('Contact\u00a0: «\u00a0Oui\u00a0»\u202f; vraiment\u202f? 10\u202f000');
  });
  it('joins lists', () => {
    expect(joinList(['A'])).toBe('A');
    expect(joinList(['A', 'B'])).toBe('A et B');
    expect(joinList(['A', 'B', 'C'])).toBe('A, B et C');
  });
  it.each([
    ['Ville de Meylan', '', 'la Ville de Meylan'],
    ["Ville d'Abbeville", '', "la Ville d'Abbeville"],
    ['Ville des Abymes', '', 'la Ville des Abymes'],
    ['Ville du Havre', '', 'la Ville du Havre'],
    ['Syndicat Fibre 64', '', 'le Syndicat Fibre 64'],
    ['Syndicat Fibre 64', 'à', 'au Syndicat Fibre 64'],
    ["Ville d'Échirolles", 'à', "à la Ville d'Échirolles"],
    ['Dracénie Provence Verdon Agglomération', '', 'Dracénie Provence Verdon Agglomération'],
    ['Dracénie Provence Verdon Agglomération', 'à', 'à Dracénie Provence Verdon Agglomération'],
    ['Agence de Mutualisation des Universités', '', "l'Agence de Mutualisation des Universités"],
    ['Centre de Gestion de Lot-et-Garonne', 'de', 'du Centre de Gestion de Lot-et-Garonne'],
    ['SMEACC', '', 'le SMEACC'],
  ] as const)('%s (%s) → %s', (name, preposition, text) => expect(nameInText(name, { preposition })).toBe(text));
  it('the article can be overridden per laureate', () => {
    expect(nameInText('Ville et Métropole de Montpellier', { article: 'la', preposition: 'à' })).toBe('à la Ville et Métropole de Montpellier');
    expect(nameInText('Morbihan Énergies', { article: '' })).toBe('Morbihan Énergies');
  });
});

describe('levels in running text', () => {
  it.each([
    ['Or', 'l’Or'],
    ['Argent', 'l’Argent'],
    ['Bronze', 'le Bronze'],
    ['Badge', 'le Badge'],
    ['niveau 4 (politique volontariste)', 'le niveau 4 (politique volontariste)'],
  ])('%s → %s', async (word, phrase) => {
    const { withArticle } = await import('../../src/util/french-text.js');
    expect(withArticle(word)).toBe(phrase);
    expect(withArticle(word, true)).toBe(phrase.charAt(0).toUpperCase() + phrase.slice(1));
  });

  it('explain and the fiche say « Pour atteindre l’Or », never « le Or »', () => {
    const r = tnl(['explain', 'fixtures/candidatures-2025.csv', '--edition', '2025', '--dossier', '2025-006']);
    expect(r.stdout).toMatch(/## Pour atteindre l’Or/);
    expect(r.stdout).not.toMatch(/le Or|le Argent/);
  });

  it('rubric diff: « Aucun dossier ne voit son total bouger », « 1 dossier voit son total »', () => {
    const r = tnl(['rubric', 'diff', 'fixtures/ds-2024.json', '--from', 'rubrics/2024.yaml', '--to', 'rubrics/2024.yaml']);
    expect(r.stdout).toMatch(/Aucun dossier ne voit son total bouger\./);
    expect(r.stdout).not.toMatch(/0 dossier/);
  });
});
