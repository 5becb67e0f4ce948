/**
 * Documents ADULLACT can publish unedited, third round (issue 26): figures never below the
 * published ones, internal notes never printed, counts of an incomplete list as lower bounds,
 * mentions in order with their reasons, deadlines as applicants read them, names as authorities
 * write them, complete press files, and the layout of the results page and the press kit.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocument } from '../../src/cli/report.js';
import { loadPress } from '../../src/files/press-file.js';
import { figureText, withPublished } from '../../src/history/figures.js';
import type { EditionResults } from '../../src/history/types.js';
import { laureatesMap, mapSteps } from '../../src/report/map.js';
import { frRoundFigure, mixedOrdinals, nameInText, ordinal, ordinalWords, pressTypography, wrongWeekdays } from '../../src/util/french.js';
import { copyEditions, plain, root, tempDir, tnl } from '../helpers/cli.js';
import { pressVariant } from '../helpers/press.js';

const press = (name: string, year: number) => loadPress(join(root, 'fixtures', name), year);
const edition = (year: number, toDate: NonNullable<EditionResults['published']['to_date']> = []): EditionResults =>
  ({
    edition: year,
    number: year - 2015,
    scale: 'niveaux',
    complete: false,
    published: { to_date: toDate },
    jury: [],
    laureates: [],
    sources: [],
    notes: [],
  }) as EditionResults;

describe('1. cumulative figures are never printed below a published one', () => {
  it.each([
    // [archive's figure, published, printed]
    [{ value: 50, lowerBound: true }, [{ figure: 'laureates', value: 64, year: 2022, source: 'dp' }], 'au moins 64'],
    [{ value: 50, lowerBound: true }, [{ figure: 'laureates', value: 70, qualifier: 'plus de', year: 2023, source: 'appel' }], 'plus de 70'],
    [
      { value: 50, lowerBound: true },
      [
        { figure: 'laureates', value: 64, year: 2022, source: 'dp' },
        { figure: 'laureates', value: 70, qualifier: 'plus de', year: 2023, source: 'appel' },
      ],
      'plus de 70',
    ],
    [{ value: 71, lowerBound: true }, [{ figure: 'laureates', value: 70, qualifier: 'plus de', year: 2023, source: 'appel' }], 'au moins 71'],
    [{ value: 70, lowerBound: true }, [{ figure: 'laureates', value: 70, qualifier: 'plus de', year: 2023, source: 'appel' }], 'plus de 70'],
    [{ value: 64, lowerBound: false }, [{ figure: 'laureates', value: 64, year: 2022, source: 'dp' }], '64'],
    [{ value: 6_050_371, lowerBound: true }, [{ figure: 'inhabitants', value: 10_000_000, year: 2022, source: 'dp' }], 'au moins 10 millions'],
  ] as const)('archive %j, published %j → « %s »', (computed, published, printed) => {
    const f = withPublished(computed, [edition(2022, [...published] as never), edition(2024)], published[0].figure);
    expect(plain(figureText(f))).toBe(printed);
  });

  it('a figure published for the last edition counted is exact; a published figure says its year and the archive’s own count', () => {
    const f = withPublished({ value: 50, lowerBound: true }, [edition(2022, [{ figure: 'laureates', value: 64, year: 2022, source: 'dp 2022' }])], 'laureates');
    expect(f).toEqual({ value: 64, lowerBound: false, published: { year: 2022, source: 'dp 2022', counted: { value: 50, lowerBound: true } } });
    expect(plain(frRoundFigure(1_500_000))).toBe('1,5 million');
    expect(plain(frRoundFigure(6_050_371))).toBe('6 050 371');
  });

  it('every bundled document: « plus de 70 » and « 10 millions », never the archive’s lower figures', async () => {
    const call = plain(await buildDocument('appel', 'md', { year: 2025, press: press('appel-2025.yaml', 2025) }));
    expect(call).toMatch(/a récompensé plus de 70 collectivités et établissements pour leurs usages numériques libres \(chiffre de 2023\)/);
    const kit = plain(await buildDocument('dossier-de-presse', 'html', { year: 2024, press: press('press-2024.yaml', 2024) }));
    expect(kit).toMatch(/plus de 70<\/div>/);
    expect(kit).toMatch(/au moins 10 millions<\/div>/);
    expect(kit).not.toMatch(/au moins 50\b|6 050 371/);
  });

  it('a territory that may hold an unidentified laureate is never « aucun lauréat »', async () => {
    const map = await laureatesMap(
      new Map([['971', 1]]),
      new Map([
        ['972', 1],
        ['974', 1],
        ['42', 1],
      ]),
    );
    expect(map.overseas.find((o) => o.code === '972')!.count).toBe('0 ou 1');
    expect(map.overseas.find((o) => o.code === '971')!.count).toBe('1');
    expect(map.rows.map((r) => `${r.code}:${r.count}`)).toEqual(['42:0 ou 1', '971:1', '972:0 ou 1', '974:0 ou 1']);
    const kit = plain(await buildDocument('dossier-de-presse', 'html', { year: 2024, press: press('press-2024.yaml', 2024) }));
    expect(kit).toMatch(/Martinique \(972\) : 0 ou 1 lauréat</);
    expect(kit).toMatch(/La Réunion \(974\) : 0 ou 1 lauréat</);
    expect(kit).toMatch(/Mayotte \(976\) : aucun lauréat</);
  });
});

describe('2. internal notes never reach a document for the press', () => {
  it.each([
    ['communique', 2021, 'press-2021.yaml'],
    ['communique', 2024, 'press-2024.yaml'],
    ['dossier-de-presse', 2021, 'press-2021.yaml'],
    ['dossier-de-presse', 2024, 'press-2024.yaml'],
    ['resultats', 2021, 'press-2021.yaml'],
    ['resultats', 2018, undefined],
  ] as const)('%s %i: no word of the archive or of tnl; the notes go to stderr', async (doc, year, file) => {
    const notices: string[] = [];
    const text = plain(await buildDocument(doc, doc === 'dossier-de-presse' ? 'html' : 'md', { year, ...(file ? { press: press(file, year) } : {}), notices }));
    expect(text).not.toMatch(/archive|\btnl\b|connue qu’en partie|Population inconnue|Liste incomplète/i);
    if (year !== 2024) expect(notices.join('\n')).toMatch(/n’est connue qu’en partie dans l’archive/);
  });

  it('the CLI says them on stderr, not in the file', async () => {
    const out = join(tempDir(), 'c.md');
    const r = await tnl(['report', 'communique', '--edition', '2021', '--press', 'fixtures/press-2021.yaml', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/la liste des lauréats de 2021 n’est connue qu’en partie dans l’archive/);
    expect(readFileSync(out, 'utf8')).not.toMatch(/archive/);
  });
});

describe('3. counts of an incomplete list', () => {
  it('2021: three mentions published, one recipient known: « trois mentions spéciales, dont … »', async () => {
    const md = plain(await buildDocument('communique', 'md', { year: 2021, press: press('press-2021.yaml', 2021) }));
    expect(md).toMatch(/Le jury a également décerné trois mentions spéciales, dont « Meilleure première candidature » à la Ville d’Échirolles\./);
    expect(md).not.toMatch(/une mention spéciale/);
  });

  it('no published count and an incomplete list: « au moins une mention spéciale »; the results page likewise', async () => {
    const dir = copyEditions();
    cpSync(join(root, 'results'), join(dir, 'results'), { recursive: true });
    const file = join(dir, 'results', '2021.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n {2}# Trois mentions.*\n {2}mentions: 3/, ''));
    const md = plain(await buildDocument('communique', 'md', { year: 2021, press: press('press-2021.yaml', 2021), root: dir }));
    expect(md).toMatch(/décerné au moins une mention spéciale : « Meilleure première candidature » à la Ville d’Échirolles\./);
    const page = plain(await buildDocument('resultats', 'md', { year: 2021, root: dir }));
    expect(page).toMatch(/Le jury a décerné au moins une mention spéciale :/);
  });

  it('2021: every level count is the published one, « dont » before the names known', async () => {
    const md = plain(await buildDocument('communique', 'md', { year: 2021, press: press('press-2021.yaml', 2021) }));
    expect(md).toMatch(/\*\*Dix labellisés niveau 3\*\*, dont /);
    expect(md).toMatch(/Cette année, vingt-quatre candidatures ont été déposées/);
    expect(md).toMatch(/une vingtaine de participants y étaient réunis/);
  });
});

describe('4. mentions in the press file’s order, with reasons', () => {
  it('an unknown mention of the press file is left out and said; the others keep its order', async () => {
    const notices: string[] = [];
    const md = plain(await buildDocument('communique', 'md', { year: 2021, press: press('press-2021.yaml', 2021), notices }));
    expect(md).not.toMatch(/Plus petite collectivité|Meilleure continuité/);
    expect(notices).toContain('mention « Plus petite collectivité » du fichier de presse : aucun lauréat de l’archive ne l’a reçue ; elle n’est pas citée');
    const c2024 = plain(await buildDocument('communique', 'md', { year: 2024, press: press('press-2024.yaml', 2024) }));
    const order = ['Meilleure première candidature', 'Sobriété numérique', 'Mutualisation', 'Coup de cœur du jury'].map((m) => c2024.indexOf(`« ${m} »`));
    expect(order.every((x, i) => x > 0 && (i === 0 || x > order[i - 1]!))).toBe(true);
  });
});

describe('5. dates as applicants read them', () => {
  it('the weekday of every date is checked: a wrong one in a press file’s text is said', async () => {
    expect(wrongWeekdays('la remise a eu lieu lundi 9 novembre 2021')).toEqual([{ written: 'lundi 9 novembre 2021', right: 'mardi 9 novembre 2021' }]);
    expect(wrongWeekdays('jusqu’au dimanche 19 octobre 2025 inclus, mercredi 1er janvier 2025')).toEqual([]);
    expect(wrongWeekdays('Samedi 1er février 2025')).toEqual([]);
    const file = pressVariant(
      'appel-2025.yaml',
      'changes:\n',
      'changes:\n  - Une réunion d’information aura lieu le lundi 30 septembre 2025, et une autre le jeudi 9 octobre 2025.\n',
    );
    const r = await tnl(['report', 'appel', '--edition', '2025', '--press', file]);
    expect(r.code).toBe(0);
    expect(plain(r.stderr)).toContain('attention, date « lundi 30 septembre 2025 » : c’est un mardi (mardi 30 septembre 2025)');
    expect(r.stderr).not.toMatch(/jeudi 9 octobre/);
  });

  it('no date tnl prints has a wrong weekday, in any bundled document', async () => {
    const docs = [
      await buildDocument('appel', 'md', { year: 2025, press: press('appel-2025.yaml', 2025) }),
      await buildDocument('communique', 'md', { year: 2024, press: press('press-2024.yaml', 2024) }),
      await buildDocument('communique', 'md', { year: 2021, press: press('press-2021.yaml', 2021) }),
      await buildDocument('resultats', 'md', { year: 2024 }),
    ];
    for (const d of docs) expect(wrongWeekdays(plain(d))).toEqual([]);
  });
});

describe('6. names as the authorities write them, one typography per document', () => {
  it.each([
    ['Ville et Métropole de Montpellier', '', 'la Ville et la Métropole de Montpellier'],
    ['Ville et Métropole de Montpellier', 'à', 'à la Ville et à la Métropole de Montpellier'],
    ['Ville et Eurométropole de Strasbourg', 'de', "de la Ville et de l'Eurométropole de Strasbourg"],
    ['Saint-Martin et Vals', '', 'Saint-Martin et Vals'],
  ] as const)('%s (%s) → %s', (name, preposition, text) => expect(nameInText(name, { preposition })).toBe(text));

  it('ordinals: one style, words included; two styles of one number in a document are said', () => {
    expect([1, 9, 10, 21, 81].map((n) => ordinalWords(n))).toEqual(['première', 'neuvième', 'dixième', 'vingt et unième', 'quatre-vingt-unième']);
    expect(ordinal(10, 'lettres')).toBe('dixième');
    expect(mixedOrdinals('Pour cette dixième édition… cette 10e édition')).toEqual([{ n: 10, forms: ['10e', 'dixième'] }]);
    expect(mixedOrdinals('la 9e édition, la 9ème édition')).toEqual([{ n: 9, forms: ['9e', '9ème'] }]);
    expect(mixedOrdinals('la Meilleure première candidature ; la 1re édition')).toEqual([]);
    expect(pressTypography("l'ADULLACT s’ouvre, aujourd'hui")).toBe('l’ADULLACT s’ouvre, aujourd’hui');
  });

  it('a press file whose text and ordinals disagree: said on stderr', async () => {
    const file = pressVariant('appel-2025.yaml', 'ordinals: lettres\n', '');
    const r = await tnl(['report', 'appel', '--edition', '2025', '--press', file]);
    expect(r.stderr).toMatch(/attention, l’ordinal de 10 est écrit de deux façons \(« 10e » et « dixième »\)/);
  });

  it('no straight apostrophe in any document; « par-type » keeps the grouping of older pages', async () => {
    for (const [doc, year, file] of [
      ['communique', 2024, 'press-2024.yaml'],
      ['resultats', 2024, 'press-2024.yaml'],
      ['dossier-de-presse', 2024, 'press-2024.yaml'],
      ['appel', 2025, 'appel-2025.yaml'],
    ] as const) {
      const text = await buildDocument(doc, doc === 'dossier-de-presse' ? 'html' : 'md', { year, press: press(file, year) });
      expect(text.replace(/<style>[\s\S]*?<\/style>|<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, ' ')).not.toMatch(/\p{L}'\p{L}/u);
    }
    const file = pressVariant('press-2024.yaml', 'edition: 2024\n', 'edition: 2024\norder: par-type\n');
    const md = plain(await buildDocument('communique', 'md', { year: 2024, press: loadPress(file, 2024) }));
    expect(md).toMatch(/\*\*Quatre labellisés niveau 5\*\* : le Syndicat Morbihan Énergies, la Ville d’Abbeville, la Ville de Boé et la Ville d’Échirolles\./);
  });
});

describe('7. press files complete, and what is left out said', () => {
  it('the bundled 2021 press file makes the 2021 communiqué; optional fields left out are named on stderr', async () => {
    const r = await tnl(['report', 'communique', '--edition', '2021', '--press', 'fixtures/press-2021.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Montpellier, le 9 décembre 2021/);
    expect(r.stderr).toMatch(/press-2021\.yaml : champ facultatif absent, donc absent du document : supporters \(les soutiens du label\)/);
    const full = await tnl(['report', 'communique', '--edition', '2024', '--press', 'fixtures/press-2024.yaml']);
    expect(full.stderr).not.toMatch(/champ/);
    const kit = await tnl(['report', 'dossier-de-presse', '--edition', '2021', '--press', 'fixtures/press-2021.yaml', '--format', 'html']);
    expect(kit.stderr).toMatch(
      /champs facultatifs absents, donc absents du document : testimonies \(les témoignages\), committee \(le comité d’orientation\), logo/,
    );
  });
});

describe('8. layout', () => {
  it('the results page: the document font, margins on screen, one h1, no « Aucun candidat »', async () => {
    const html = await buildDocument('resultats', 'html', { year: 2024 });
    expect(html).toMatch(/@font-face/);
    expect(html).toMatch(/@media screen \{ body \{ max-width: 46rem; margin: 2\.5rem auto/);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html.match(/Résultats/g)!.length).toBeLessThanOrEqual(3); // <title>, <h1>, « Les résultats officiels »
    expect(html).not.toMatch(/Aucun candidat/);
  });

  it('the press kit: the edition’s title and the workspace’s logo on the cover, lists kept whole, labelled steps and an inset', async () => {
    const dir = copyEditions();
    cpSync(join(root, 'results'), join(dir, 'results'), { recursive: true });
    mkdirSync(join(dir, 'presse'));
    writeFileSync(
      join(dir, 'presse', 'logo.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#2e6b1f"/></svg>',
    );
    const html = plain(await buildDocument('dossier-de-presse', 'html', { year: 2024, press: press('press-2024.yaml', 2024), root: dir }));
    expect(html).toMatch(
      /<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/]+&#x3D;*" alt="Logo du label Territoire Numérique Libre">|<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="Logo du label Territoire Numérique Libre">/,
    );
    expect(html).toMatch(/<span class="edition">9ème édition du label<\/span>/);
    expect(html.match(/<div class="level-list">/g)).toHaveLength(3);
    expect(html).toMatch(/<div class="inset"><svg [^>]*aria-label="Paris et petite couronne/);
    expect(mapSteps(8).map((s) => s.label)).toEqual(['aucun', '1 à 2', '3 à 4', '5 à 6', '7 à 8']);
    expect(mapSteps(3).map((s) => s.label)).toEqual(['aucun', '1', '2', '3']);
    expect(mapSteps(1).map((s) => s.label)).toEqual(['aucun', '1']);
    // A logo named by the press file that is not there: located, exit 2.
    const file = pressVariant('press-2024.yaml', 'edition: 2024\n', 'edition: 2024\nlogo: absent.svg\n');
    const r = await tnl(['report', 'dossier-de-presse', '--edition', '2024', '--press', file, '--format', 'html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/logo introuvable : absent\.svg/);
  });
});

describe('every count of every document, against the archive and the published figures', () => {
  // Words to numbers, from the one French of tnl: an independent reading of what the documents say.
  const words = async () => {
    const { numberToWords } = await import('../../src/util/french.js');
    return new Map(
      Array.from({ length: 200 }, (_, n) => [numberToWords(n), n] as const).flatMap(([w, n]) => [
        [w, n] as const,
        [w.charAt(0).toUpperCase() + w.slice(1), n] as const,
      ]),
    );
  };
  const load = async (year: number) => {
    const { loadArchive } = await import('../../src/files/archive-files.js');
    return loadArchive().find((e) => e.edition === year)!;
  };

  it.each([
    [2024, 'press-2024.yaml'],
    [2021, 'press-2021.yaml'],
  ] as const)('communiqué %i: each level count, the total and the mentions are the archive’s or the published ones', async (year, file) => {
    const w = await words();
    const e = await load(year);
    const md = plain(await buildDocument('communique', 'md', { year, press: press(file, year) }));
    const levels = [...md.matchAll(/\*\*(?:Au moins )?([\p{L}-]+(?: et [\p{L}-]+)?) labellisés? niveau (\d)\*\*/gu)];
    expect(levels.length).toBeGreaterThan(0);
    for (const [, count, level] of levels) {
      const published = e.published.levels?.[level!];
      const listed = e.laureates.filter((l) => l.level === level).length;
      expect({ level, count: w.get(count!) }).toEqual({ level, count: published ?? listed });
    }
    const total = /([\p{L}-]+(?:-[\p{L}]+)*) collectivités et établissements ont été labellisés/u.exec(md)![1]!;
    expect(w.get(total)).toBe(e.published.awarded ?? e.laureates.length);
    const mentions = /décerné (?:au moins )?([\p{L}-]+|une) mentions? spéciales?/u.exec(md)![1]!;
    expect(mentions === 'une' ? 1 : w.get(mentions)).toBe(e.published.mentions ?? e.laureates.reduce((n, l) => n + l.mentions.length, 0));
  });

  it('press kit 2024: the year’s counts per level and the big figures', async () => {
    const w = await words();
    const e = await load(2024);
    const html = plain(await buildDocument('dossier-de-presse', 'html', { year: 2024, press: press('press-2024.yaml', 2024) }));
    for (const [, count, level] of html.matchAll(/<div class="n">([\p{L}-]+)<\/div>Niveau (\d)/gu))
      expect(w.get(count!)).toBe(e.laureates.filter((l) => l.level === level).length);
    const { loadArchive } = await import('../../src/files/archive-files.js');
    const published = loadArchive().flatMap((x) => (x.edition <= 2024 ? (x.published.to_date ?? []) : []));
    const best = (figure: string) => Math.max(...published.filter((p) => p.figure === figure).map((p) => p.value));
    expect(html).toContain(`<div class="value">plus de ${best('laureates')}</div>`);
    expect(html).toContain(`<div class="value">au moins ${best('inhabitants') / 1e6} millions</div>`);
    expect(html).toContain(`<div class="value">${loadArchive().filter((x) => x.edition <= 2024).length}</div><div class="what">éditions depuis 2016</div>`);
  });
});
