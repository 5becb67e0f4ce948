/**
 * Issue 12: a real export is never silently wrong. The « true DS layout » edition of
 * test/fixtures/ds-layout (commune field on three columns, a pièce justificative, a percentage, a
 * number typed as text, a repetition block, a private annotation) read from its CSV with the
 * repetition sheet, its API JSON and its XLSX.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadEdition } from '../../src/files/edition-files.js';
import { readExport, readExportAsync } from '../../src/files/read-export.js';
import { scoreAll } from '../../src/scoring/score.js';
import { inseeLookup } from '../../src/territory/insee.js';
import { copyEditions, plain, root, tempDir, tnl } from '../helpers/cli.js';
import { oneDossierCsv, tempFile } from '../helpers/edition.js';

const layout = join(root, 'test', 'fixtures', 'ds-layout');
const at = (f: string) => join(layout, f);
const R = ['--root', layout, '--edition', '2026'];
const env = { SOURCE_DATE_EPOCH: '1790000000' };
const dossiersOf = (stdout: string) => JSON.parse(stdout).dossiers as Record<string, unknown>[];

describe('the same dossiers, in every format DS gives them', () => {
  it('CSV + repetition sheet ≡ API JSON ≡ XLSX: identical results, every field', async () => {
    const json = await tnl(['score', at('export.json'), ...R, '--format', 'json'], { env });
    const xlsx = await tnl(['score', at('export.xlsx'), ...R, '--format', 'json'], { env });
    const csv = await tnl(['score', at('export.csv'), '--repetitions', at('contributions.csv'), ...R, '--format', 'json'], { env });
    for (const r of [json, xlsx, csv]) expect(r.code).toBe(0);
    expect(dossiersOf(xlsx.stdout)).toEqual(dossiersOf(json.stdout));
    expect(dossiersOf(csv.stdout)).toEqual(dossiersOf(json.stdout));
    expect(dossiersOf(json.stdout).map((d) => [d.number, d.total, d.finalLevel])).toEqual([
      ['260001', 78.6, 'argent'],
      ['260004', 67.1, 'argent'],
      ['260003', 52.9, 'bronze'],
      ['260002', 27.1, 'badge'],
    ]);
  });

  it('the CSV alone: said once on stderr (questions, how many dossiers), marked incomplete in JSON, CSV and table', async () => {
    const r = await tnl(['score', at('export.csv'), ...R, '--format', 'json'], { env });
    expect(r.code).toBe(0);
    const said = r.stderr.split('\n').filter((l) => l.includes('total incomplet'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/total incomplet pour 4 dossiers sur 4 : « ecosysteme\.contributions » est absent de cet export .* --repetitions/);
    const dossiers = dossiersOf(r.stdout);
    // The CSV cannot tell whether a dossier has rows: every one is incomplete, and its total moves.
    expect(dossiers.every((d) => d.status === 'incomplete')).toBe(true);
    expect(dossiers.find((d) => d.number === '260004')!.total).not.toBe(67.1);
    expect(dossiers.find((d) => d.number === '260001')!.incomplete).toEqual(['ecosysteme.contributions']);
    const csv = (await tnl(['score', at('export.csv'), ...R, '--format', 'csv'], { env })).stdout;
    const rows = (text: string) => parse(text.replace(/^\ufeff/, '')) as string[][];
    const statut = rows(csv)[0]!.indexOf('statut');
    expect(statut).toBeGreaterThan(0);
    expect(
      rows(csv)
        .slice(1)
        .map((l) => l[statut]),
    ).toEqual(['incomplet', 'incomplet', 'incomplet', 'incomplet']);
    const complete = (await tnl(['score', at('export.csv'), '--repetitions', at('contributions.csv'), ...R, '--format', 'csv'], { env })).stdout;
    expect(
      rows(complete)
        .slice(1)
        .map((l) => l[statut]),
    ).toEqual(['complet', 'complet', 'complet', 'complet']);
    const table = (await tnl(['score', at('export.csv'), ...R], { env })).stdout;
    expect(table).toMatch(/78,6 ⚠|\d+,\d ⚠/);
    expect(table).toMatch(/⚠ total incomplet pour 4 dossiers/);
    expect((await tnl(['score', at('export.csv'), ...R, '--strict'], { env })).code).toBe(1);
  });

  it('the repetition sheet given as the export: one message saying what it is and how to pass it', async () => {
    const r = await tnl(['score', at('contributions.csv'), ...R]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/feuille d’un bloc répétable .* --repetitions FICHIER/);
    expect(r.stderr).not.toMatch(/en double/);
  });

  it('a sheet whose columns match no block is refused, located', async () => {
    const sheet = tempFile('autre.csv', 'Dossier ID,Ligne,Montant\n260001,1,12\n');
    const r = await tnl(['score', at('export.csv'), '--repetitions', sheet, ...R]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/autre\.csv:1 : ses colonnes ne sont celles d’aucun bloc répétable/);
  });
});

describe('the authority’s INSEE or SIREN code comes from the DS commune field', () => {
  it('a commune: its INSEE code from « (Code INSEE) »; 3 000 declared for 37 491: a warning naming the dossier and both figures', async () => {
    const { edition } = loadEdition(2026, layout);
    for (const file of ['export.csv', 'export.json']) {
      const read = await readExportAsync(at(file), edition.questionnaire);
      const cards = scoreAll(read.dossiers, { edition, territory: inseeLookup });
      const echirolles = cards.find((c) => c.number === '260001')!;
      expect(echirolles.code).toBe('38151');
      const gap = echirolles.findings.find((f) => f.rule === 'score/population-gap')!;
      expect(gap.severity).toBe('warning');
      expect(gap.dossier).toBe('260001');
      expect(plain(gap.message)).toMatch(/population déclarée 3 000 habitants, 37 491 selon l’INSEE pour Échirolles/);
    }
    const r = await tnl(['score', at('export.csv'), '--repetitions', at('contributions.csv'), ...R]);
    expect(r.stderr).toMatch(/dossier 260001 : population déclarée 3 000 habitants, 37 491 selon l’INSEE/);
  });

  it('an EPCI: its SIREN from its seat commune (never the seat’s INSEE code), with the population checked', async () => {
    const { edition } = loadEdition(2026, layout);
    for (const file of ['export.csv', 'export.json', 'export.xlsx']) {
      const read = await readExportAsync(at(file), edition.questionnaire);
      const metro = scoreAll(read.dossiers, { edition, territory: inseeLookup }).find((c) => c.number === '260002')!;
      expect(metro.code).toBe('200040715');
      expect(metro.findings.map((f) => f.rule)).not.toContain('score/insee-unknown');
      expect(metro.findings.find((f) => f.rule === 'score/code-from-seat')?.message).toMatch(/déduit de sa commune siège Grenoble \(38185\)/);
    }
  });

  it('an EPCI whose declared population is far from INSEE’s is warned too', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'e.csv'), readFileSync(at('export.csv'), 'utf8').replace('450 000', '45 000'));
    const r = await tnl(['score', join(dir, 'e.csv'), ...R]);
    expect(r.stderr).toMatch(/dossier 260002 : population déclarée 45 000 habitants, \d{3} \d{3} selon l’INSEE pour Grenoble-Alpes-Métropole/);
  });
});

describe('pièces justificatives', () => {
  it('read the same from the CSV (file names) and the API (files): points for « provided »', async () => {
    const { edition } = loadEdition(2026, layout);
    const csv = readExport(at('export.csv'), edition.questionnaire);
    const json = readExport(at('export.json'), edition.questionnaire);
    for (const read of [csv, json]) {
      const byNumber = new Map(read.dossiers.map((d) => [d.number, d]));
      expect(byNumber.get('260001')!.answers['strategie.document']).toEqual({ kind: 'files', names: ['deliberation-2025.pdf', 'strategie-numerique.pdf'] });
      expect(byNumber.get('260002')!.answers['strategie.document']).toBeUndefined();
      const cards = scoreAll(read.dossiers, { edition });
      expect(cards.find((c) => c.number === '260003')!.questions.find((x) => x.id === 'strategie.document')!.points).toBe(2);
      expect(cards.find((c) => c.number === '260004')!.questions.find((x) => x.id === 'strategie.document')!.points).toBe(0);
    }
  });
});

describe('strict values, located in every format', () => {
  const broken = () => {
    const dir = tempDir();
    const text = readFileSync(at('export.csv'), 'utf8').replace(',35.5,12,', ',env. 8%,12,').replace(',60.0,0,', ',-5,0,');
    expect(text).toContain('env. 8%');
    writeFileSync(join(dir, 'export.csv'), text);
    return join(dir, 'export.csv');
  };

  it('« env. 8% » and -5 for a percentage are errors (the answer counts as missing), exit 1', async () => {
    const r = await tnl(['inspect', broken(), ...R]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/2:13 +erreur +dossier 260001, « Part des postes de travail sous GNU\/Linux » : « env\. 8% » n’est pas un nombre exact/);
    expect(r.stdout).toMatch(
      /4:13 +erreur +dossier 260003, « Part des postes de travail sous GNU\/Linux » : « -5 » hors des valeurs permises \(de 0 à 100 %\)/,
    );
  });

  it('the same findings name the dossier and the column in JSON, codeclimate and github formats', async () => {
    const file = broken();
    const json = JSON.parse((await tnl(['inspect', file, ...R, '--format', 'json'])).stdout) as {
      findings: { dossier?: string; field?: string; line: number; column: number; message: string }[];
    };
    const f = json.findings.find((x) => x.dossier === '260001')!;
    expect(f).toMatchObject({ field: 'Part des postes de travail sous GNU/Linux', line: 2, column: 13 });
    const validate = await tnl(['score', file, ...R, '--format', 'csv', '--strict']);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(/dossier 260001, « Part des postes de travail sous GNU\/Linux » : « env\. 8% »/);
  });

  it('the API JSON is held to the same rule: -5 % from a typed decimal is refused', async () => {
    const { edition } = loadEdition(2026, layout);
    const text = readFileSync(at('export.json'), 'utf8').replace('"decimalNumber": 60', '"decimalNumber": -5');
    expect(text).toContain('-5');
    const read = readExport(tempFile('export.json', text), edition.questionnaire);
    const f = read.findings.find((x) => x.dossier === '260003')!;
    expect(plain(f.message)).toMatch(/« -5 » hors des valeurs permises/);
    expect(f.field).toBe('Part des postes de travail sous GNU/Linux');
  });
});

describe('the wrong export is recognised', () => {
  it('a JSON export of another démarche: one error naming both numbers', async () => {
    const r = await tnl(['score', 'fixtures/ds-2024.json', ...R]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cet export est celui de la démarche 1187, mais le questionnaire de l’édition 2026 est celui de la démarche 1500/);
  });

  it('a CSV missing most required columns: one error asking whether it is the right export', async () => {
    const r = await tnl(['score', 'fixtures/candidatures-2025.csv', '--edition', '2024']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/est-ce bien l’export de la démarche 1187 \(édition 2024\) \? Seules \d+ des \d+ colonnes obligatoires/);
    expect(r.stdout).not.toMatch(/Adopté/);
  });
});

describe('a dossier that cannot be scored gets no level', () => {
  it('a required answer missing: « non noté » in the table, no level in JSON, exit 1', async () => {
    const plan = "Où en est votre plan d'action en faveur du libre ?";
    const [header, missing] = oneDossierCsv({ [plan]: '' }).split('\n');
    const answered = oneDossierCsv({ [plan]: 'Adopté' })
      .split('\n')[1]!
      .replace('118340', '118341');
    const both = `${header}\n${missing}\n${answered}\n`;
    const file = tempFile('export.csv', both);
    const table = await tnl(['score', file, '--edition', '2024']);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/118340 .* non noté/);
    expect(table.stderr).toMatch(/1 dossier non noté, sans niveau proposé : 118340 \(réponse obligatoire manquante : strategie\.plan_action\)/);
    const json = dossiersOf((await tnl(['score', file, '--edition', '2024', '--format', 'json'])).stdout);
    const d = json.find((x) => x.number === '118340')!;
    expect(d.proposedLevel).toBeNull();
    expect(d.status).toBe('not_scored');
    expect(json.find((x) => x.number === '118341')!.proposedLevel).not.toBeNull();
  });
});

describe('counts that go to the press', () => {
  it('publish records as applications every dossier deposited, not only those scored', async () => {
    const dir = copyEditions();
    const notes = join(dir, 'notes.json');
    expect((await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'json', '--out', notes])).code).toBe(0);
    const r = await tnl(['publish', '--edition', '2024', '--scores', notes, '--root', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\(27 candidatures déposées, 24 notées\)/);
    expect(readFileSync(join(dir, 'results', '2024.yaml'), 'utf8')).toMatch(/applications: 27/);
  });
});

describe('private annotations', () => {
  it('shown in explain (when the questionnaire says so), never in a fiche', async () => {
    const md = await tnl(['explain', at('export.json'), ...R, '--dossier', '260001']);
    expect(md.stdout).toMatch(/## Annotations privées \(pour le jury, jamais publiées\)/);
    expect(md.stdout).toMatch(/\*\*Avis du rapporteur\*\* : Dossier solide ; population déclarée à vérifier\./);
    const json = JSON.parse((await tnl(['explain', at('export.csv'), ...R, '--dossier', '260001', '--format', 'json'])).stdout) as {
      dossier: { annotations: { id: string; text: string }[] };
    };
    expect(json.dossier.annotations).toEqual([
      { id: 'avis_rapporteur', label: 'Avis du rapporteur', text: 'Dossier solide ; population déclarée à vérifier.' },
    ]);
    const dir = tempDir();
    expect((await tnl(['fiches', at('export.json'), ...R, '--format', 'md', '--out', dir])).code).toBe(0);
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f), 'utf8')).not.toMatch(/rapporteur|Dossier solide/);
  });
});

describe('the GraphQL query of tnl fetch', () => {
  it('is valid against the published DS schema, and asks for the files of a pièce justificative and the EPCI code', async () => {
    const { buildSchema, parse: gql, validate } = await import('graphql');
    const { DOSSIERS_QUERY } = await import('../../src/ingest/ds-api.js');
    const schema = buildSchema(readFileSync(join(root, 'test', 'fixtures', 'ds-graphql-schema.graphql'), 'utf8'));
    expect(validate(schema, gql(DOSSIERS_QUERY)).map((e) => e.message)).toEqual([]);
    expect(DOSSIERS_QUERY).toMatch(/PieceJustificativeChamp \{ files \{ filename/);
    expect(DOSSIERS_QUERY).toMatch(/EpciChamp \{ epci \{ name code \}/);
  });
  it('every query and mutation tnl sends (fetch, validate, init, ds annoter, ds envoyer) is valid against the published schema', async () => {
    const { buildSchema, parse: gql, validate } = await import('graphql');
    const { DOSSIERS_QUERY, DELETED_QUERY } = await import('../../src/ingest/ds-api.js');
    const { REVISION_QUERY } = await import('../../src/ingest/ds-revision.js');
    const w = await import('../../src/ingest/ds-write.js');
    const schema = buildSchema(readFileSync(join(root, 'test', 'fixtures', 'ds-graphql-schema.graphql'), 'utf8'));
    const all = {
      DOSSIERS_QUERY,
      DELETED_QUERY,
      REVISION_QUERY,
      ...Object.fromEntries(Object.entries(w).filter(([k, v]) => typeof v === 'string' && /QUERY|ANNOTATIONS|LABEL|UPLOAD|MESSAGE/.test(k))),
    };
    expect(Object.keys(all).sort()).toEqual(
      [
        'AJOUTER_LABEL',
        'CREATE_DIRECT_UPLOAD',
        'DELETED_QUERY',
        'DOSSIERS_QUERY',
        'DOSSIER_QUERY',
        'ENVOYER_MESSAGE',
        'MODIFIER_ANNOTATIONS',
        'REVISION_QUERY',
        'STATE_QUERY',
      ].sort(),
    );
    for (const [name, query] of Object.entries(all))
      expect({ name, errors: validate(schema, gql(query as string)).map((e) => e.message) }).toEqual({ name, errors: [] });
    // The revision asks for the form as DS describes it: types, options, repetition children, annotations.
    expect(REVISION_QUERY).toMatch(/activeRevision \{/);
    expect(REVISION_QUERY).toMatch(/annotationDescriptors/);
    expect(REVISION_QUERY).toMatch(/RepetitionChampDescriptor \{ champDescriptors/);
  });
});

describe('tnl init for the next edition', () => {
  it('comments and ordinals follow the new year; the démarche number is kept, flagged in the file, said, and warned by validate', async () => {
    const dir = copyEditions();
    const r = await tnl(['init', '--edition', '2026', '--from', '2025', '--root', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/À mettre à jour : le numéro de démarche \(1342\) est encore celui de 2025/);
    const rubric = readFileSync(join(dir, 'rubrics', '2026.yaml'), 'utf8');
    const questionnaire = readFileSync(join(dir, 'questionnaires', '2026.yaml'), 'utf8');
    expect(rubric).toMatch(/^# Barème de la 11e édition \(2026\)/m);
    expect(rubric).not.toMatch(/10e édition|2025/);
    expect(questionnaire).toMatch(/^# Questionnaire de la 11e édition \(2026\)/m);
    expect(questionnaire).toMatch(/^ {2}number: 1342 # À METTRE À JOUR : numéro de la démarche 2025, à remplacer par celui de 2026$/m);
    const v = await tnl(['validate', '--edition', '2026', '--root', dir]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/avertissement +la démarche 1342 est aussi celle de l’édition 2025/);
    expect((await tnl(['validate', '--edition', '2026', '--root', dir, '--strict'])).code).toBe(1);
  });

  it('an ordinal written « 9ème » in a comment follows too', async () => {
    const { parseDocument } = await import('yaml');
    const { nextEditionText } = await import('../../src/edition/next-edition.js');
    const text = nextEditionText(parseDocument('# Questionnaire de la 9ème édition (2024)\nedition: 2024\nnumber: 9\n'), {
      from: 2024,
      year: 2025,
      oldNumber: 9,
      newNumber: 10,
    });
    expect(text).toBe('# Questionnaire de la 10e édition (2025)\nedition: 2025\nnumber: 10\n');
  });
});

describe('fiches and the cahier from an incomplete export', () => {
  it('the fiche says its total is provisional; the stderr notice comes once; the cahier view carries the annotations', async () => {
    const dir = tempDir();
    const r = await tnl(['fiches', at('export.csv'), ...R, '--format', 'md', '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes('total incomplet'))).toHaveLength(1);
    const fiche = plain(readFileSync(join(dir, '260001-ville-d-echirolles.md'), 'utf8'));
    expect(fiche).toMatch(/> Total provisoire : « Contributions à des projets libres » n’a pas pu être pris en compte/);
    const { cahierView } = await import('../../src/report/cahier.js');
    const { applyDecisions } = await import('../../src/decisions/decisions.js');
    const { edition } = loadEdition(2026, layout);
    const read = readExport(at('export.json'), edition.questionnaire);
    const vm = cahierView(edition, applyDecisions(scoreAll(read.dossiers, { edition }), edition), read.dossiers);
    expect(vm.sections.find((s) => s.number === '260004')!.annotations).toEqual([{ label: 'Avis du rapporteur', text: 'Très bon dossier.' }]);
    expect(vm.sections.find((s) => s.number === '260002')!.annotations).toEqual([]);
  });
});

describe('a commune code declared for an EPCI', () => {
  it('is taken for the seat: the EPCI’s SIREN is resolved from it, never « code inconnu »', async () => {
    const { authorityCode } = await import('../../src/scoring/score.js');
    expect(authorityCode({ kind: 'epci', code: '34172', name: 'Montpellier Méditerranée Métropole' }, inseeLookup)).toEqual({
      code: '243400017',
      from: 'seat',
      seat: 'code (34172)',
    });
    expect(authorityCode({ kind: 'epci', code: '243400017' }, inseeLookup)).toEqual({ code: '243400017', from: 'declared' });
    expect(authorityCode({ kind: 'commune', code: '34172' }, inseeLookup)).toEqual({ code: '34172', from: 'declared' });
    expect(authorityCode({ kind: 'epci', epci: { name: 'X', code: '200040715' }, commune: { name: 'Grenoble', code: '38185' } }, inseeLookup)).toEqual({
      code: '200040715',
      from: 'epci',
    });
  });
});
