import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocument } from '../../src/cli/report.js';
import { loadPress } from '../../src/files/press-file.js';
import { LAUREATES_2024, press2024, pressVariant } from '../helpers/press.js';
import { copyEditions, plain, root, tempDir, tnl } from '../helpers/cli.js';
import { minimalPress } from '../helpers/edition.js';

describe('communiqué de presse', () => {
  it('lists 8 laureates at level 3, 12 at level 4 and 4 at level 5, counts in words, with the mentions', async () => {
    const md = plain(await buildDocument('communique', 'md', { year: 2024, press: press2024() }));
    // One alphabetical order by proper name across types, as ADULLACT's 2024 release.
    expect(md).toMatch(
      /\*\*Huit labellisés niveau 3\*\* : la Ville de Colomiers, Dracénie Provence Verdon Agglomération, la Ville de La Tronche, le Centre de Gestion de Lot-et-Garonne, la Ville de Meylan, la Ville de Saint-Égrève, la Ville de Saint-Loubès et le SMEACC ;/,
    );
    expect(md).toMatch(/\*\*Douze labellisés niveau 4\*\* : la Ville des Abymes, le Syndicat Fibre 64, la Ville de Fontaine/);
    expect(md).toMatch(/la Ville et la Métropole de Montpellier/);
    expect(md).toMatch(/\*\*Quatre labellisés niveau 5\*\* : la Ville d’Abbeville, la Ville de Boé, la Ville d’Échirolles et le Syndicat Morbihan Énergies\./);
    // One apostrophe throughout, whoever wrote the text.
    expect(md).not.toMatch(/\p{L}'\p{L}/u);
    expect(md).toMatch(/Le label est soutenu par l’AFUL, l’APRIL, le CNLL, DÉCLIC, le Cluster NAOS, OW2 et la mairie de Saint-Martin-d’Uriage\./);
    expect(md).toMatch(/des représentants des collectivités lauréates, le jury et les partenaires du label y étaient réunis\./);
    expect(md).toMatch(/vingt-quatre collectivités et établissements ont été labellisés, du niveau 3 au niveau 5/);
    expect(md).toMatch(/« Meilleure première candidature » au Syndicat Fibre 64/);
    expect(md).toMatch(/« Mutualisation » à la Ville d’Échirolles et « Coup de cœur du jury » à la Ville de Vandœuvre-lès-Nancy\./);
    expect(md).toMatch(/Montpellier, le 10 décembre 2024/);
    expect(md).toMatch(/a eu lieu mercredi 4 décembre 2024, lors du salon Open Source Experience, au Palais des Congrès/);
    expect(md).toMatch(/Plus de détails sur les résultats de cette 9ème édition/);
    for (const name of LAUREATES_2024) expect(md).toContain(name.replace(/'/g, '’').replace('Ville et Métropole', 'Ville et la Métropole'));
  });
  it('uses French typography: no-break spaces before : ; ? !', async () => {
    const md = await buildDocument('communique', 'md', { year: 2024, press: press2024() });
    expect(md).toMatch(/sont là\u202f!/);
    expect(md).not.toMatch(/ [;:!?](\s|$)/m);
  });
  it('is byte-identical across two runs', async () => {
    const a = await tnl(['report', 'communique', '--edition', '2024', '--press', 'fixtures/press-2024.yaml']);
    const b = await tnl(['report', 'communique', '--edition', '2024', '--press', 'fixtures/press-2024.yaml']);
    expect(a.code).toBe(0);
    expect(a.rawStdout).toBe(b.rawStdout);
    const r1 = await tnl(['report', 'resultats', '--edition', '2024']);
    expect(r1.rawStdout).toBe((await tnl(['report', 'resultats', '--edition', '2024'])).rawStdout);
  });
});

describe('page de résultats', () => {
  it('has the jury, one heading « Résultats », a heading per level reached, highest first, never « Aucun candidat »', async () => {
    const md = plain(await buildDocument('resultats', 'md', { year: 2024 }));
    expect(md).toMatch(/^# Résultats de l’édition 2024\n/);
    expect(md.match(/Résultats/g)).toHaveLength(1); // the title only
    expect(md).toMatch(/Les résultats officiels ont été diffusés le mardi 10 décembre 2024\./);
    expect(md).toMatch(/- M\. François ÉLIE – Président de l’ADULLACT/);
    expect(md).not.toMatch(/Aucun candidat|Label niveau [12]\b/);
    expect(md).toMatch(
      /### Label niveau 5\n\n- Ville d’Abbeville \(80\)\n- Ville de Boé \(47\)\n- Ville d’Échirolles \(38\)\n- Syndicat Morbihan Énergies \(56\)/,
    );
    expect(md.indexOf('Label niveau 5')).toBeLessThan(md.indexOf('Label niveau 3'));
  });
  it('shows the mentions, in the press file’s order, with the jury’s reasons', async () => {
    const file = pressVariant(
      'press-2024.yaml',
      '  - label: Sobriété numérique',
      '  - label: Sobriété numérique\n    reason: pour leur politique de matériel reconditionné',
    );
    const md = plain(await buildDocument('resultats', 'md', { year: 2024, press: loadPress(file, 2024) }));
    expect(md).toMatch(
      /## Les mentions spéciales\n\nLe jury a décerné cinq mentions spéciales :\n\n- \*\*« Meilleure première candidature »\*\* : Syndicat Fibre 64\n- \*\*« Sobriété numérique »\*\* : Ville des Abymes et Ville de Villejuif, pour leur politique de matériel reconditionné\n- \*\*« Mutualisation »\*\* : Ville d’Échirolles\n- \*\*« Coup de cœur du jury »\*\* : Ville de Vandœuvre-lès-Nancy\n/,
    );
    const communique = plain(await buildDocument('communique', 'md', { year: 2024, press: loadPress(file, 2024) }));
    expect(communique).toMatch(
      /« Sobriété numérique » à la Ville des Abymes et à la Ville de Villejuif, pour leur politique de matériel reconditionné, « Mutualisation »/,
    );
    // Without the press file: the archive's order, no reason.
    expect(plain(await buildDocument('resultats', 'md', { year: 2024 }))).toMatch(
      /- \*\*« Sobriété numérique »\*\* : Ville des Abymes et Ville de Villejuif\n/,
    );
  });
  it('for a partial edition, the public page says nothing of the archive; staff are told on stderr', async () => {
    const notices: string[] = [];
    const md = plain(await buildDocument('resultats', 'md', { year: 2021, notices }));
    expect(md).not.toMatch(/archive|tnl|Liste incomplète/i);
    expect(notices.join('\n')).toMatch(/la liste des lauréats de 2021 n’est connue qu’en partie dans l’archive/);
    const r = await tnl(['report', 'resultats', '--edition', '2021']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/n’est connue qu’en partie dans l’archive/);
  });
});

describe('report errors', () => {
  it('a communiqué without press data is a usage error', async () => {
    const r = await tnl(['report', 'communique', '--edition', '2024']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--press press-2024\.yaml/);
  });
  it('a press file with mistakes is reported at its lines', async () => {
    const dir = tempDir();
    const f = join(dir, 'press.yaml');
    writeFileSync(f, 'edition: 2024\nrelease:\n  city: Montpellier\n  date: 10/12/2024\ncontacts: []\n');
    const r = await tnl(['report', 'communique', '--edition', '2024', '--press', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/press\.yaml:4:9 : release\.date/);
    expect(r.stderr).toMatch(/press\.yaml:5:11 : contacts : doit contenir au moins 1 élément/);
  });
  it('an unknown document or a format it does not exist in is a usage error', async () => {
    expect((await tnl(['report', 'affiche', '--edition', '2024'])).code).toBe(2);
    expect((await tnl(['report', 'resultats', '--edition', '2024', '--format', 'pdf', '--out', join(tempDir(), 'x.pdf')])).stderr).toMatch(
      /existe en md, html/,
    );
  });
  it('custom templates replace the bundled ones', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'resultats.md.hbs'), '{{title}} — {{#each levels}}{{heading}} ({{lines.length}}) {{/each}}\n');
    const r = await tnl(['report', 'resultats', '--edition', '2024', '--templates', dir]);
    expect(r.stdout).toBe('Résultats de l’édition 2024 — Label niveau 5 (4) Label niveau 4 (12) Label niveau 3 (8) \n');
  });
});

describe('never a false figure in the communiqué', () => {
  it('2021 (names known for 14 of 24 laureates): every count is the published one, names given as « dont »', async () => {
    const r = await tnl(['report', 'communique', '--edition', '2021', '--press', minimalPress(2021, '2021-11-23')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/vingt-quatre candidatures ont été déposées/);
    expect(r.stdout).toMatch(/vingt-quatre collectivités et établissements ont été labellisés, du niveau 2 au niveau 5/);
    expect(r.stdout).toMatch(/\*\*Trois labellisés niveau 2\*\* : /);
    expect(r.stdout).toMatch(/\*\*Dix labellisés niveau 3\*\*, dont /);
    expect(r.stdout).toMatch(/\*\*Dix labellisés niveau 4\*\*, dont /);
    expect(r.stdout).toMatch(/\*\*Un labellisé niveau 5\*\* : la Ville d['’]Abbeville/);
    expect(r.stdout).not.toMatch(/quatorze|Sept labellisés|Trois labellisés niveau 4/);
    // No link to the results in the press file: no « Plus de détails… : » followed by nothing.
    expect(r.stdout).not.toMatch(/Plus de détails/);
  });

  it('a count with neither published figure nor complete list is a lower bound', async () => {
    const { levelCount, laureateCount } = await import('../../src/report/laureates.js');
    const base = {
      edition: 2019,
      number: 4,
      scale: 'niveaux' as const,
      complete: false,
      juryDate: null,
      resultsPublished: null,
      jury: [],
      sources: [],
      notes: [],
    };
    const laureates = [
      { name: 'A', kind: 'commune', level: '3', mentions: [] },
      { name: 'B', kind: 'commune', level: '3', mentions: [] },
    ] as never;
    expect(levelCount({ ...base, published: {}, laureates }, '3')).toEqual({ count: 2, exact: false });
    expect(levelCount({ ...base, published: { levels: { '3': 5 } }, laureates }, '3')).toEqual({ count: 5, exact: true });
    expect(laureateCount({ ...base, complete: true, published: {}, laureates })).toEqual({ count: 2, exact: true });
  });
});

describe('the results page never says « Aucun candidat » where laureates were not recorded', () => {
  it('2021: the names known, and how many more the published count says', async () => {
    const r = await tnl(['report', 'resultats', '--edition', '2021']);
    expect(r.stdout).toMatch(/### Label niveau 4\n\n(- .*\n){3}- et sept autres lauréats\n/);
    expect(r.stdout).not.toMatch(/Aucun candidat|Label niveau 1\b|archive/);
  });
  it('2018 (no count per level published): a level whose names and count are unknown is left out, and said to staff', async () => {
    const r = await tnl(['report', 'resultats', '--edition', '2018']);
    expect(r.stdout).not.toMatch(/Aucun candidat|archive/);
    expect(r.stderr).toMatch(/page de résultats : niveau \d omis, ni ses lauréats ni leur nombre ne sont connus de l’archive/);
  });
});

describe('mentions as ADULLACT writes them', () => {
  it('the count is that of the awards: five mentions for four titles in 2024', async () => {
    const r = await tnl(['report', 'communique', '--edition', '2024', '--press', 'fixtures/press-2024.yaml']);
    expect(r.stdout).toMatch(
      /Le jury a également décerné cinq mentions spéciales : « Meilleure première candidature » au Syndicat Fibre 64, « Sobriété numérique » à la Ville des Abymes et à la Ville de Villejuif/,
    );
  });

  it('a reason given in the decisions reaches the results file and the communiqué', async () => {
    const dir = copyEditions();
    const decisions = join(dir, 'jury.yaml');
    writeFileSync(
      decisions,
      'edition: 2024\njury_date: 2024-11-21\ndecisions:\n  - dossier: 118527\n    mentions:\n      - { id: premiere_candidature, reason: pour son entrée remarquable au niveau 4 }\n  - dossier: 118476\n    mentions: [sobriete]\n',
    );
    const notes = join(dir, 'notes.json');
    expect((await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--decisions', decisions, '--format', 'json', '--out', notes])).code).toBe(0);
    expect((await tnl(['publish', '--edition', '2024', '--scores', notes, '--decisions', decisions, '--root', dir])).code).toBe(0);
    const results = readFileSync(join(dir, 'results', '2024.yaml'), 'utf8');
    expect(results).toMatch(/mentions:\n\s+- label: Meilleure première candidature\n\s+reason: pour son entrée remarquable au niveau 4/);
    expect((await tnl(['validate', join(dir, 'results', '2024.yaml')])).code).toBe(0);
    const c = await tnl(['report', 'communique', '--edition', '2024', '--root', dir, '--press', 'fixtures/press-2024.yaml']);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(
      /décerné deux mentions spéciales : .*« Meilleure première candidature » au Syndicat Fibre 64, pour son entrée remarquable au niveau 4/,
    );
  });
});

describe('the press kit', () => {
  it('testimonies are verbatim: every piece of a quote between « […] » is in ADULLACT’s text', async () => {
    const source = readFileSync(join(root, 'test', 'fixtures', 'press', 'dossier-de-presse-2022.txt'), 'utf8')
      .replace(/\[\.\.\.\]/g, '[…]')
      .replace(/\s+/g, ' ');
    const quotes = press2024().testimonies ?? [];
    expect(quotes.length).toBeGreaterThan(0);
    for (const t of quotes)
      for (const piece of t.quote
        .split('[…]')
        .map((s) => s.trim())
        .filter(Boolean))
        expect(source).toContain(piece);
  });

  it('names the year’s laureates by level with their département, and says what its figures count', async () => {
    const html = plain(await buildDocument('dossier-de-presse', 'html', { year: 2024, press: press2024() }));
    expect(html).toMatch(/<h3 class="sub">Niveau 5<\/h3>\s*<ul class="names"><li>Ville d’Abbeville \(80\)<\/li><li>Ville de Boé \(47\)<\/li>/);
    // Figures never below ADULLACT's published ones: « plus de 70 » (2023), « 10 millions » (2022).
    expect(html).toMatch(
      /<div class="value">plus de 70<\/div><div class="what">collectivités et établissements récompensés<\/div><div class="source">chiffre publié en 2023<\/div>/,
    );
    expect(html).toMatch(
      /<div class="value">au moins 10 millions<\/div><div class="what">habitants concernés<\/div><div class="source">chiffre publié en 2022<\/div>/,
    );
    expect(html).toMatch(/<strong>au moins 39<\/strong> villes/);
    expect(html).toMatch(/<strong>au moins 11<\/strong> EPCI/);
    // Internal notes stay with staff.
    expect(html).not.toMatch(/Population inconnue|archive|au moins 50|6 050 371/);
    const notices: string[] = [];
    await buildDocument('dossier-de-presse', 'html', { year: 2024, press: press2024(), notices });
    expect(plain(notices.join('\n'))).toMatch(/habitants concernés : au moins 10 millions, chiffre publié en 2022 \(dossier de presse 2022\)/);
    expect(plain(notices.join('\n'))).toMatch(
      /lauréats depuis la première édition : plus de 70, chiffre publié en 2023 \(appel à candidatures 2023\), imprimé plutôt que celui de l’archive \(au moins 50\)/,
    );
  });

  it('an incomplete edition: counts from the published figures, « et N autres » under the names known', async () => {
    const html = plain(await buildDocument('dossier-de-presse', 'html', { year: 2021, press: loadPress(minimalPress(2021, '2021-11-23'), 2021) }));
    expect(html).toMatch(/Vingt-quatre lauréats en 2021/);
    expect(html).toMatch(/et sept autres lauréats/);
    expect(html).not.toMatch(/archive/);
  });
});

describe('the communiqué’s wording comes from the press file', () => {
  it('title, participants of the ceremony, supporters and closing paragraphs; absent, each leaves no trace', async () => {
    const dir = tempDir();
    const file = join(dir, 'press.yaml');
    writeFileSync(
      file,
      [
        'edition: 2021',
        'release: { city: Montpellier, date: 2021-12-09 }',
        'title: "« Territoires Numériques Libres » 2021, les résultats sont là !"',
        'ceremony: { participants: une vingtaine de participants }',
        'supporters: [les associations AFUL, April et Déclic, le Conseil National du Logiciel Libre]',
        'closing: ["Le label est un outil d’auto-évaluation, mais également un outil de sensibilisation."]',
        'contacts:',
        '  - { name: Service presse }',
        '',
      ].join('\n'),
    );
    const r = await tnl(['report', 'communique', '--edition', '2021', '--press', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# « Territoires Numériques Libres » 2021, les résultats sont là !/m);
    expect(r.stdout).toMatch(/au Palais des Congrès, Paris ; une vingtaine de participants y étaient réunis\./);
    expect(r.stdout).toMatch(/Le label est soutenu par les associations AFUL, April et Déclic et le Conseil National du Logiciel Libre\./);
    expect(r.stdout).toMatch(/Le label est un outil d’auto-évaluation, mais également un outil de sensibilisation\.\n\n/);
    const bare = await tnl(['report', 'communique', '--edition', '2021', '--press', '/dev/null']);
    expect(bare.code).toBe(2);
    const m = (await tnl(['report', 'communique', '--edition', '2021', '--press', minimalPress(2021, '2021-12-09')])).stdout;
    expect(m).not.toMatch(/soutenu par|y étaient réunis|Plus de détails/);
  });
});

describe('the call for applications (tnl report appel)', () => {
  it('writes the campaign from the press file: calendar, platform, volets, what changed, ceremony', async () => {
    const r = await tnl(['report', 'appel', '--edition', '2025', '--press', 'fixtures/appel-2025.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# En 2025, devenez un « Territoire Numérique Libre » !/m);
    // Never below a figure ADULLACT published: « plus de 70 » (2023 call), not the archive's « au moins 50 ».
    expect(r.stdout).toMatch(
      /Depuis 2016, le label Territoire Numérique Libre a récompensé plus de 70 collectivités et établissements pour leurs usages numériques libres \(chiffre de 2023\)\./,
    );
    expect(r.stderr).toMatch(/plus de 70, chiffre publié en 2023 \(appel à candidatures 2023\), imprimé plutôt que celui de l’archive \(au moins 50\)/);
    // The deadline as applicants read it, both dates with their weekday; one ordinal style (« dixième »).
    expect(r.stdout).toMatch(
      /Pour participer à cette dixième édition, la campagne de candidature s’ouvre ce vendredi 19 septembre 2025 : les dossiers peuvent être déposés jusqu’au \*\*dimanche 19 octobre 2025 inclus\*\* sur la plateforme \*\*demarches\.adullact\.org\*\*\./,
    );
    expect(r.stdout).not.toMatch(/\b10e\b|déposés avant/);
    expect(r.stdout).not.toMatch(/\p{L}'\p{L}/u);
    expect(r.stdout).toMatch(/le premier palier devient plus accessible/);
    expect(r.stdout).toMatch(/Le questionnaire porte sur cinq volets : « Stratégie et mutualisation »/);
    expect(r.stdout).toMatch(/L’annonce des résultats et la remise des labels auront lieu mercredi 19 novembre 2025 à Paris, durant le Congrès des Maires/);
  });

  it('without the campaign dates: one usage error saying what to add', async () => {
    const r = await tnl(['report', 'appel', '--edition', '2026', '--press', minimalPress(2026, '2026-06-01')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/l’appel à candidatures a besoin des dates de la campagne/);
  });

  it('a future edition with no questionnaire yet: the campaign « débutera », no volets sentence', async () => {
    const r = await tnl([
      'report',
      'appel',
      '--edition',
      '2027',
      '--press',
      minimalPress(2027, '2027-05-20', 'campaign: { opening: 2027-06-12, deadline: 2027-11-10 }\n'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /cette 12e édition, la campagne de candidature débutera le samedi 12 juin 2027 : les dossiers peuvent être déposés jusqu’au \*\*mercredi 10 novembre 2027 inclus\*\*/,
    );
    expect(r.stdout).not.toMatch(/volets|Infos|soutenu/);
  });
});
