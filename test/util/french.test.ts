import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { capitalise, frCollator, frNumber, joinList, longDate, nameInText, numberToWords, ordinal, typography } from '../../src/util/french.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { root, tnl } from '../helpers/cli.js';
import { minimalPress } from '../helpers/edition.js';

describe('French helpers', () => {
  it.each([
    [0, 'zéro'],
    [1, 'un'],
    [8, 'huit'],
    [12, 'douze'],
    [17, 'dix-sept'],
    [21, 'vingt et un'],
    [24, 'vingt-quatre'],
    [31, 'trente et un'],
    [70, 'soixante-dix'],
    [71, 'soixante et onze'],
    [77, 'soixante-dix-sept'],
    [80, 'quatre-vingts'],
    [81, 'quatre-vingt-un'],
    [91, 'quatre-vingt-onze'],
    [99, 'quatre-vingt-dix-neuf'],
    [100, 'cent'],
    [200, 'deux cents'],
    [201, 'deux cent un'],
    [1000, 'mille'],
    [1200, 'mille deux cents'],
    [2080, 'deux mille quatre-vingts'],
    [80000, 'quatre-vingt mille'],
    [200000, 'deux cent mille'],
    [1000000, 'un million'],
    [10000000, 'dix millions'],
  ])('%i → %s', async (n, words) => expect(numberToWords(n)).toBe(words));
  it('capitalises at the start of a sentence', async () => expect(capitalise(numberToWords(8))).toBe('Huit'));
  it('writes dates', async () => {
    expect(longDate('2024-12-10')).toBe('mardi 10 décembre 2024');
    expect(longDate('2024-12-01')).toBe('dimanche 1er décembre 2024');
    expect(longDate('2024-12-04', false)).toBe('4 décembre 2024');
  });
  it('writes ordinals', async () => {
    expect(ordinal(9)).toBe('9e');
    expect(ordinal(9, 'ème')).toBe('9ème');
    expect(ordinal(1)).toBe('1re');
    expect(ordinal(1, 'ème')).toBe('1ère');
    expect(ordinal(11)).toBe('11e');
  });
  it('uses no-break spaces', async () => {
    expect(frNumber(10000)).toBe('10\u202f000');
    expect(typography('Contact : « Oui » ; vraiment ? 10 000')).toBe('Contact\u00a0: «\u00a0Oui\u00a0»\u202f; vraiment\u202f? 10\u202f000');
  });
  it('joins lists', async () => {
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
  ] as const)('%s (%s) → %s', async (name, preposition, text) => expect(nameInText(name, { preposition })).toBe(text));
  it('the article can be overridden per laureate', async () => {
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
    const { withArticle } = await import('../../src/util/french.js');
    expect(withArticle(word)).toBe(phrase);
    expect(withArticle(word, true)).toBe(phrase.charAt(0).toUpperCase() + phrase.slice(1));
  });

  it('explain and the fiche say « Pour atteindre l’Or », never « le Or »', async () => {
    const r = await tnl(['explain', 'fixtures/candidatures-2025.csv', '--edition', '2025', '--dossier', '2025-006']);
    expect(r.stdout).toMatch(/## Pour atteindre l’Or/);
    expect(r.stdout).not.toMatch(/le Or|le Argent/);
  });

  it('rubric diff: « Aucun dossier ne voit son total bouger », « 1 dossier voit son total »', async () => {
    const r = await tnl(['rubric', 'diff', 'fixtures/ds-2024.json', '--from', 'rubrics/2024.yaml', '--to', 'rubrics/2024.yaml']);
    expect(r.stdout).toMatch(/Aucun dossier ne voit son total bouger\./);
    expect(r.stdout).not.toMatch(/0 dossier/);
  });
});

describe('one French typography for Markdown and HTML', () => {
  it('the text written in HTML templates gets no-break spaces too, never inside a tag, an expression or a style sheet', async () => {
    const { htmlTextTypography } = await import('../../src/files/templates.js');
    expect(htmlTextTypography('<style>a :hover { b: c ; }</style><p>Voici le jury : {{#if x}}oui ?{{/if}} <a title="x : y">z</a></p>')).toBe(
      '<style>a :hover { b: c ; }</style><p>Voici le jury\u00a0: {{#if x}}oui\u202f?{{/if}} <a title="x : y">z</a></p>',
    );
  });
  it('the results page in HTML has the no-break space before « : » its Markdown has', async () => {
    const html = (await tnl(['report', 'resultats', '--edition', '2024', '--format', 'html'])).rawStdout;
    expect(html).toContain('Voici la liste des membres du jury\u00a0:');
  });
  it('ordinals: « 9e », « 1re » by default; « 9ème » when the press file asks for ADULLACT’s usage', async () => {
    const press = minimalPress(2024, '2024-12-10', 'links: { results: "https://territoire-numerique-libre.org/edition-2024" }\n');
    const plainStyle = (await tnl(['report', 'communique', '--edition', '2024', '--press', press])).stdout;
    expect(plainStyle).toMatch(/Depuis sa 1re édition en 2016/);
    expect(plainStyle).toMatch(/cette 9e édition/);
    writeFileSync(press, readFileSync(press, 'utf8').replace('edition: 2024\n', 'edition: 2024\nordinals: ème\n'));
    const adullact = (await tnl(['report', 'communique', '--edition', '2024', '--press', press])).stdout;
    expect(adullact).toMatch(/Depuis sa 1ère édition en 2016/);
    expect(adullact).toMatch(/cette 9ème édition/);
  });
});

describe('frNumber without Intl', () => {
  const intl = new Map<number | undefined, Intl.NumberFormat>();
  const reference = (n: number, d?: number) => {
    let f = intl.get(d);
    if (!f)
      intl.set(
        d,
        (f = new Intl.NumberFormat('fr-FR', d === undefined ? { maximumFractionDigits: 3 } : { minimumFractionDigits: d, maximumFractionDigits: d })),
      );
    return f.format(n).replace(/[\u202f\u00a0\s]/g, '\u202f');
  };

  it('writes every number as Intl.NumberFormat("fr-FR") does, halves and carries included', () => {
    for (const [n, d] of [
      [2437.055, 2],
      [9.9995, 3],
      [999.9996, undefined],
      [-2.5, 0],
      [0.0004, undefined],
      [1234567.891, 1],
      [1e15, undefined],
    ] as [number, number | undefined][])
      expect(frNumber(n, d), `${n} ${d}`).toBe(reference(n, d));
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constantFrom(undefined, 0, 1, 2, 3), (n, d) => {
        const expected = reference(n, d);
        // A negative number that rounds to zero is « 0 », where Intl writes « -0 ».
        expect(frNumber(n, d)).toBe(/^-0(,0*)?$/.test(expected) ? expected.slice(1) : expected);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('French collation (frCollator)', () => {
  it('orders names as a French dictionary does: accents, case and punctuation only break ties', () => {
    const names = [
      'Ville de Zèbre',
      'école',
      'Ecole',
      'École',
      'Éclair',
      'eclair',
      'Œuvre',
      'Oeuf',
      'Syndicat Fibre 64',
      'Syndicat Fibre 9',
      'Abymes',
      'Ville d’Abbeville',
      "Ville d'Abbeville",
    ];
    const sorted = [...names].sort(frCollator.compare);
    expect(sorted.slice(0, 1)).toEqual(['Abymes']);
    expect(sorted.indexOf('Éclair')).toBeLessThan(sorted.indexOf('École'));
    expect(sorted.indexOf('eclair')).toBeLessThan(sorted.indexOf('école'));
    expect(sorted.indexOf('Oeuf')).toBeLessThan(sorted.indexOf('Œuvre'));
    expect(sorted.indexOf('Syndicat Fibre 9')).toBeLessThan(sorted.indexOf('Syndicat Fibre 64'));
    expect(frCollator.compare('Ecole', 'École')).not.toBe(0);
    expect([...names].reverse().sort(frCollator.compare)).toEqual(sorted);
  });

  it('agrees with Intl.Collator("fr") on the order of the bundled laureates’ names, ties aside', () => {
    const intl = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
    const names = readFileSync(join(root, 'results', '2024.yaml'), 'utf8')
      .match(/name: .+/g)!
      .map((l) => l.slice(6).replace(/^"|"$/g, ''));
    expect(names.length).toBeGreaterThan(10);
    for (const a of names)
      for (const b of names) if (intl.compare(a, b) !== 0) expect(Math.sign(frCollator.compare(a, b)), `${a} / ${b}`).toBe(Math.sign(intl.compare(a, b)));
  });
});
