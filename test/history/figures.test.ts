import { describe, expect, it } from 'vitest';
import { firstParticipation, keyFigures, progression, streaks, suggestMentions, timelines } from '../../src/history/figures.js';
import type { Archive, EditionResults, Laureate } from '../../src/history/types.js';
import { tnl } from '../helpers/cli.js';

const L = (name: string, kind: Laureate['kind'], level: string | null, extra: Partial<Laureate> = {}): Laureate => ({
  name,
  kind,
  level,
  mentions: [],
  ...extra,
});
const E = (edition: number, complete: boolean, laureates: Laureate[], published: EditionResults['published'] = {}): EditionResults => ({
  edition,
  number: edition - 2015,
  scale: 'niveaux',
  complete,
  published,
  jury: [],
  laureates,
  sources: [],
  notes: [],
});

/**
 * A small archive worked out by hand:
 * 2020 (incomplete, 5 published): Alpha (commune 1000 hab., niveau 2), Beta (EPCI 50 000, niveau 3)
 * 2021 (complete): Ville d'Alpha (same code as Alpha, niveau 3), Beta (niveau 3), Gamma (syndicat, no population, niveau 4)
 * 2022 (complete): Alpha (niveau 3), Delta (commune 200 hab., first time, niveau 4), Gamma (niveau 2)
 */
const archive: Archive = [
  E(2020, false, [L('Alpha', 'commune', '2', { code: '01001', population: 900 }), L('Beta', 'epci', '3', { code: '200000001', population: 50000 })], {
    awarded: 5,
  }),
  E(2021, true, [
    L("Ville d'Alpha", 'commune', '3', { code: '01001', population: 1000 }),
    L('Beta', 'epci', '3', { code: '200000001', population: 50000 }),
    L('Syndicat Gamma', 'syndicat', '4', { departement: '38' }),
  ]),
  E(2022, true, [
    L('Alpha', 'commune', '3', { code: '01001' }),
    L('Delta', 'commune', '4', { code: '02002', population: 200 }),
    L('Gamma', 'syndicat', '2', { departement: '38' }),
  ]),
];

describe('history figures on a hand-made archive', () => {
  const f = keyFigures(archive);
  it('distinct laureates by kind, as a lower bound since 2020 is incomplete', async () => {
    expect(f.laureates).toEqual({ value: 4, lowerBound: true });
    expect(f.laureatesByKind.commune).toEqual({ value: 2, lowerBound: true });
    expect(f.laureatesByKind.epci.value).toBe(1);
    expect(f.laureatesByKind.syndicat.value).toBe(1);
  });
  it('inhabitants covered: each laureate once, latest known figure (1 000 + 50 000 + 200)', async () => {
    expect(f.inhabitants).toEqual({ value: 51200, lowerBound: true });
    expect(f.withoutPopulation).toBe(1);
  });
  it('counts per level per edition: published counts, else known ones (lower bound when incomplete)', async () => {
    expect(f.perEdition[0]).toMatchObject({
      year: 2020,
      laureates: { value: 5, lowerBound: false },
      levels: { '2': { value: 1, lowerBound: true }, '3': { value: 1, lowerBound: true } },
    });
    expect(f.perEdition[2]).toMatchObject({
      year: 2022,
      laureates: { value: 3, lowerBound: false },
      levels: { '2': { value: 1, lowerBound: false }, '4': { value: 1, lowerBound: false } },
    });
  });
  it('figures up to a year only count editions until then, without lower bound when all are complete', async () => {
    const only = keyFigures(archive.slice(1));
    expect(only.laureates).toEqual({ value: 4, lowerBound: false });
  });
  it('participations, first application, streaks and progressions', async () => {
    const t = timelines(archive);
    const alpha = t.get('code:01001')!;
    expect(alpha.participations.map((p) => [p.year, p.level])).toEqual([
      [2020, '2'],
      [2021, '3'],
      [2022, '3'],
    ]);
    expect(alpha.name).toBe('Alpha');
    expect(alpha.population).toBe(1000);
    expect(firstParticipation(archive, alpha)).toEqual({ year: 2020, lowerBound: false });
    expect(streaks(alpha)).toEqual([
      { level: '2', scale: 'niveaux', from: 2020, to: 2020, length: 1 },
      { level: '3', scale: 'niveaux', from: 2021, to: 2022, length: 2 },
    ]);
    expect(progression(alpha, 2021)).toEqual({ from: '2', to: '3', previousYear: 2020, change: 1 });
    const gamma = [...t.values()].find((x) => x.kind === 'syndicat')!;
    expect(gamma.participations).toHaveLength(2);
    expect(progression(gamma, 2022)?.change).toBe(-2);
    const delta = t.get('code:02002')!;
    expect(firstParticipation(archive, delta)).toEqual({ year: 2022, lowerBound: true });
  });
  it('suggested mentions for 2022', async () => {
    const s = suggestMentions(archive, 2022);
    expect(s).toEqual([
      {
        mention: 'premiere_candidature',
        label: 'Meilleure première candidature',
        who: ['Delta'],
        why: expect.stringMatching(/plus haut niveau parmi 1 première participation/),
      },
      { mention: 'plus_petite', label: 'Plus petite collectivité', who: ['Delta'], why: '200 habitants' },
      { mention: 'continuite', label: 'Meilleure continuité', who: ['Alpha'], why: expect.stringMatching(/^2 éditions de suite au même niveau \(3\)/) },
    ]);
  });
  it('with this edition’s scores, the best first application is the best score', async () => {
    const more: Archive = [...archive.slice(0, 2), E(2022, true, [...archive[2]!.laureates, L('Epsilon', 'commune', '4', { code: '03003' })])];
    const scores = new Map([
      ['code:02002', 61],
      ['code:03003', 70],
    ]);
    expect(suggestMentions(more, 2022, scores)[0]).toMatchObject({
      who: ['Epsilon'],
      why: expect.stringMatching(/meilleure note parmi 2 premières participations/),
    });
  });
});

describe('suggested mentions say each authority’s own level', () => {
  it('2022: Abbeville kept level 5 and Boé level 4, never « both at 4 »', async () => {
    const r = await tnl(['history', '--edition', '2022']);
    expect(r.stdout).toMatch(
      /Meilleure continuité : Ville d'Abbeville, Ville de Boé — 2 éditions de suite au même niveau \(Ville d'Abbeville : 5 ; Ville de Boé : 4\)/,
    );
  });
});

describe('laureates in the order a reader expects', () => {
  it('by proper name: Ville des Abymes under A, Ville de Colomiers under C', async () => {
    const { byProperName, properName } = await import('../../src/util/french.js');
    expect(properName('Ville des Abymes')).toBe('Abymes');
    expect(properName("Ville d'Échirolles")).toBe('Échirolles');
    expect(properName('Ville et Métropole de Montpellier')).toBe('Montpellier');
    expect(
      ['Ville de Colomiers', 'Centre de Gestion de Lot-et-Garonne', 'Ville des Abymes', 'SMEACC']
        .map((name) => ({ name }))
        .sort(byProperName)
        .map((x) => x.name),
    ).toEqual(['Ville des Abymes', 'Ville de Colomiers', 'Centre de Gestion de Lot-et-Garonne', 'SMEACC']);
    // Across types: a syndicate, a centre, a region under their proper names.
    expect(properName('Syndicat Fibre 64')).toBe('Fibre 64');
    expect(properName('Syndicat Intercommunal SITPI')).toBe('SITPI');
    expect(properName('Centre de Gestion de Lot-et-Garonne')).toBe('Lot-et-Garonne');
    expect(properName('Région Grand Est')).toBe('Grand Est');
    expect(properName('Communauté de Communes du Pays Réuni d’Orange')).toBe('Pays Réuni d’Orange');
    expect(properName('Dracénie Provence Verdon Agglomération')).toBe('Dracénie Provence Verdon Agglomération');
    const list = (await tnl(['history', '--edition', '2024'])).stdout;
    expect(list.indexOf('- Ville des Abymes')).toBeLessThan(list.indexOf('- Centre de Gestion'));
    expect(list.indexOf('- Ville de Colomiers')).toBeLessThan(list.indexOf('- Dracénie'));
  });
});

describe('a participation published as the second', () => {
  it('2021: Abbeville (« pour sa deuxième participation ») is no first application; Échirolles is suggested, as ADULLACT did', async () => {
    const r = await tnl(['history', '--edition', '2021']);
    expect(r.stdout).toMatch(/Meilleure première candidature : Ville d'Échirolles —/);
    expect((await tnl(['history', '--authority', "Ville d'Abbeville"])).stdout).toMatch(
      /Première participation : 2020 au plus tard · 3 participations connues/,
    );
  });
});
