/** One test (at least) per pitfall of section C of the DS export specification. */
import { describe, expect, it } from 'vitest';
import { readExport } from '../../src/files/read-export.js';
import { dossiersFromJson } from '../../src/ingest/ds-json.js';
import { numberAnswer, parseFrenchNumber, readCell, splitMultiple, withoutUnit } from '../../src/ingest/values.js';
import type { Question } from '../../src/edition/types.js';
import { plain } from '../helpers/cli.js';
import { BASE_HEADERS, BASE_VALUES, edition, oneDossierCsv, readCsvText, tempFile } from '../helpers/edition.js';

const Q = (id: string) => edition(2024).questionnaire.questions.find((x) => x.id === id)!;
const only = (text: string, encoding?: 'windows-1252' | 'utf-8-bom') => {
  const r = readCsvText(text, encoding);
  r.findings = r.findings.map((f) => ({ ...f, message: plain(f.message) }));
  expect(r.all).toHaveLength(1);
  return { ...r, d: r.all[0]! };
};
const json = (nodes: unknown[]) => dossiersFromJson(nodes as Record<string, unknown>[], edition(2024).questionnaire, 'x.json');
const node = (champs: unknown[], extra: Record<string, unknown> = {}) => ({ number: 118340, state: 'en_instruction', champs, ...extra });
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('C.1 delimiter and encoding', () => {
  it('reads `;` and Windows-1252 as written by a French spreadsheet', () => {
    const { d, encoding, delimiter } = only(oneDossierCsv({ 'Commune où sont hébergées vos données': 'Échirolles (38130)' }, ';'), 'windows-1252');
    expect(encoding).toBe('windows-1252');
    expect(delimiter).toBe(';');
    expect(d.identity.name).toBe('Ville de Meylan');
    expect(d.answers['donnees.commune_hebergement']).toEqual({ kind: 'commune', name: 'Échirolles' });
  });
  it('accepts a UTF-8 BOM without taking it into the first header', () => {
    const { d, encoding, columns } = only(oneDossierCsv({}), 'utf-8-bom');
    expect(encoding).toBe('utf-8-bom');
    expect(columns[0]!.header).toBe('ID');
    expect(d.number).toBe('118340');
  });
  it('sniffs a tab delimiter too', () => {
    expect(only(oneDossierCsv({}, '\t')).delimiter).toBe('\t');
  });
});

describe('C.2 embedded line breaks', () => {
  it('keeps \\n and \\r\\n inside quoted fields and counts lines right', () => {
    const text = `${[...BASE_HEADERS, 'Quels sont les freins et difficultés rencontrés ?'].join(',')}\n${BASE_VALUES.join(',')},"Première ligne\r\nDeuxième\nTroisième"\n${BASE_VALUES.join(',').replace('118340', '118341')},"=> voir"\n`;
    const r = readCsvText(text);
    expect(r.all[0]!.answers['strategie.freins']).toEqual({ kind: 'text', value: 'Première ligne\nDeuxième\nTroisième' });
    expect(r.all[1]!.line).toBe(5);
    expect(r.all[1]!.sources['strategie.freins']).toEqual({
      file: expect.stringMatching(/export\.csv$/),
      field: 'Quels sont les freins et difficultés rencontrés ?',
    });
  });
});

describe('C.3 nil and empty string', () => {
  it('treats ,, and ,"", both as no answer', () => {
    const text = `${[...BASE_HEADERS, 'Un élu ou une élue a-t-il reçu une délégation au numérique ?', 'Qui soutient cette stratégie en interne ?'].join(',')}\n${BASE_VALUES.join(',')},"",\n`;
    const { d } = only(text);
    expect(d.answers['strategie.elu_delegue']).toBeUndefined();
    expect(d.answers['strategie.portage']).toBeUndefined();
  });
});

describe('C.4 numbers', () => {
  it('reads DS integers, `1250.0` decimals, and the 0 written for an empty number', () => {
    const { d } = only(
      oneDossierCsv({
        'Combien de jeux de données avez-vous publiés ?': '0',
        'Part du budget informatique consacrée au libre (en %)': '1250.0',
        "Nombre d'agents formés aux logiciels libres cette année": '37',
      }),
    );
    expect(d.answers['donnees.jeux_publies']).toEqual({ kind: 'number', value: 0 });
    expect(d.answers['strategie.budget_libre']).toEqual({ kind: 'number', value: 1250 });
    expect(d.answers['ecosysteme.agents_formes']).toEqual({ kind: 'number', value: 37 });
  });
  it.each([
    ['9,3', 9.3],
    ['2\u00a0800', 2800],
    ['2\u202f800', 2800],
    ['1 250', 1250],
    ['1.250,5', 1250.5],
    ['85.5', 85.5],
  ])('parses the French number %s', (raw, value) => expect(parseFrenchNumber(raw)).toBe(value));
  it('takes a unit off only when it is the field’s unit; an approximation is no number', () => {
    expect(parseFrenchNumber(withoutUnit('12,5 %', ['%']))).toBe(12.5);
    expect(parseFrenchNumber('12,5 %')).toBeUndefined();
    expect(parseFrenchNumber(withoutUnit('env. 8%', ['%']))).toBeUndefined();
    expect(parseFrenchNumber('environ 8')).toBeUndefined();
    expect(parseFrenchNumber('-3')).toBe(-3);
  });
  it('a non-number in a number field is a finding with the dossier and the column, not a crash', () => {
    const r = only(oneDossierCsv({ 'Combien de jeux de données avez-vous publiés ?': 'une dizaine' }));
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        dossier: '118340',
        field: 'Combien de jeux de données avez-vous publiés ?',
        message: expect.stringMatching(/« une dizaine » n’est pas un nombre/),
      }),
    );
  });
  // Hardening, third round (4): a value rule that teaches.
  it.each([
    ['12,5 %', '%'],
    ['12,5%', '%'],
    ['30 jeux', 'jeux'],
    ['1 250 €', '€'],
    ['4 k€', 'k€'],
  ])('« %s » in a number question without unit: the unit is named, and the line to add', (raw, unit) => {
    const r = only(oneDossierCsv({ 'Combien de jeux de données avez-vous publiés ?': raw }));
    const finding = r.findings.find((f) => f.field === 'Combien de jeux de données avez-vous publiés ?')!;
    expect(finding).toMatchObject({ severity: 'error', dossier: '118340' });
    expect(finding.message).toBe(
      `« ${raw} » : l’unité « ${unit} » n’est pas celle de la question (qui n’en a pas) ; si ses réponses sont en ${unit}, ajoutez la ligne « unit: "${unit}" » à la question donnees.jeux_publies dans le questionnaire ; la réponse compte comme manquante`,
    );
    expect(r.dossiers[0]!.answers['donnees.jeux_publies']).toBeUndefined();
  });
  it('a unit other than the question’s own: both are named; approximations and words keep their own message', () => {
    const percent = { id: 'logiciels.postes', volet: 'logiciels', label: 'Part', type: 'decimal', unit: '%' } as unknown as Question;
    expect(plain(numberAnswer(percent, '12 €', undefined).problem!.message)).toMatch(
      /^« 12 € » : l’unité « € » n’est pas celle de la question \(qui est en %\) ; saisissez le nombre en %, ou corrigez la ligne « unit: "%" » de la question logiciels\.postes/,
    );
    expect(plain(numberAnswer(percent, 'env. 8 €', undefined).problem!.message)).toMatch(/n’est pas un nombre exact/);
    expect(plain(numberAnswer(percent, '8 à 10 %', undefined).problem!.message)).toMatch(/n’est pas un nombre exact/);
    expect(plain(numberAnswer(percent, 'beaucoup', undefined).problem!.message)).toMatch(/« beaucoup » n’est pas un nombre \(en %\)/);
    expect(plain(numberAnswer(percent, '12 (dont 3)', undefined).problem!.message)).toMatch(/n’est pas un nombre \(en %\)/);
    // The applicant of the self-assessment page is told what to type, not what to edit.
    expect(plain(numberAnswer(percent, '12 €', undefined, 'applicant').problem!.message)).toMatch(
      /saisissez le nombre seul \(en %\) ; la réponse compte comme manquante$/,
    );
  });
  it('the API sends integers as strings and null when empty', () => {
    const sid = b64('Champ-4512702');
    const r = json([
      node([{ champDescriptorId: sid, label: 'x', stringValue: '510000', integerNumber: '510000' }]),
      node([{ champDescriptorId: sid, label: 'x', stringValue: '', integerNumber: null }], { number: 2 }),
    ]);
    expect(r.dossiers[0]!.answers['donnees.jeux_publies']).toEqual({ kind: 'number', value: 510000 });
    expect(r.dossiers[1]!.answers['donnees.jeux_publies']).toBeUndefined();
  });
});

describe('C.5 booleans', () => {
  it.each([
    ['Oui', true],
    ['Non', false],
    ['oui', true],
    ['true', true],
    ['false', false],
    ['x', true],
    ['1', true],
    ['0', false],
    ['on', true],
    ['off', false],
  ])('reads %s', (raw, value) => expect(readCell(Q('strategie.deliberation'), raw).answer).toEqual({ kind: 'bool', value }));
  it('reads a checkbox exported as on/off', () => {
    const { d } = only(oneDossierCsv({ "Vos agents disposent-ils d'une charte d'usage du numérique ?": 'off' }));
    expect(d.answers['pratiques.charte_agents']).toEqual({ kind: 'bool', value: false });
  });
  it('an unreadable yes/no is a located finding', () => {
    const r = only(oneDossierCsv({ 'La collectivité a-t-elle adopté une délibération en faveur des logiciels libres ?': 'peut-être' }));
    expect(r.findings).toContainEqual(expect.objectContaining({ dossier: '118340', line: 2, message: expect.stringMatching(/« peut-être » illisible/) }));
  });
});

describe('C.6 states', () => {
  it.each([
    ['En construction', 'en_construction'],
    ['En instruction', 'en_instruction'],
    ['Accepté', 'accepte'],
    ['Refusé', 'refuse'],
    ['Classé sans suite', 'sans_suite'],
    ['accepte', 'accepte'],
  ])('maps %s', (label, state) => {
    const { d } = only(oneDossierCsv({}).replace('En instruction', label));
    expect(d.state).toBe(state);
  });
  it('an unknown state is a finding with a suggestion', () => {
    const r = only(oneDossierCsv({}).replace('En instruction', 'Accepte!'));
    expect(r.findings).toContainEqual(
      expect.objectContaining({ dossier: '118340', message: expect.stringMatching(/état de dossier « Accepte! » inconnu\. Vouliez-vous dire « Accepté »/) }),
    );
  });
});

describe('C.7 dates', () => {
  it('reads timestamps with their winter and summer offsets', () => {
    const text = oneDossierCsv({ 'Traité le': '2024-11-20 10:30:00 +0100' });
    const { d } = only(text);
    expect(d.depotAt).toBe('2024-06-03T09:00:00+02:00');
    expect(d.processedAt).toBe('2024-11-20T10:30:00+01:00');
  });
  it('reads date champs in ISO and as reformatted by a spreadsheet', () => {
    expect(readCell(Q('donnees.derniere_publication'), '2021-11-18').answer).toEqual({ kind: 'date', value: '2021-11-18' });
    expect(readCell(Q('donnees.derniere_publication'), '18/11/2021').answer).toEqual({ kind: 'date', value: '2021-11-18' });
  });
  it('reads the API `date`, and its French stringValue when only that is there', () => {
    const sid = b64('Champ-4512708');
    const r = json([
      node([{ champDescriptorId: sid, label: 'x', stringValue: '07 janvier 2025' }]),
      node([{ champDescriptorId: sid, label: 'x', stringValue: '18 novembre 2021', date: '2021-11-18' }], { number: 2 }),
    ]);
    expect(r.dossiers[0]!.answers['donnees.derniere_publication']).toEqual({ kind: 'date', value: '2025-01-07' });
    expect(r.dossiers[1]!.answers['donnees.derniere_publication']).toEqual({ kind: 'date', value: '2021-11-18' });
  });
});

describe('C.8 header matching', () => {
  it("matches despite ’ vs ', NBSP before ?, case, accents and a trailing colon", () => {
    const { d, columns } = only(
      oneDossierCsv(
        {
          'Où en est votre plan d’action en faveur du libre ?': 'Adopté',
          'FIREFOX EST-IL LE NAVIGATEUR PAR DEFAUT DES POSTES\u00a0?': 'Oui',
          'Un délégué à la protection des données (DPO) est-il désigné :': 'Non',
        },
        ',',
        ["Où en est votre plan d'action en faveur du libre ?"],
      ),
    );
    expect(d.answers['strategie.plan_action']).toEqual({ kind: 'choice', id: 'adopte' });
    expect(d.answers['logiciels.navigateur']).toEqual({ kind: 'bool', value: true });
    expect(d.answers['pratiques.dpo']).toEqual({ kind: 'bool', value: false });
    expect(columns.slice(-3).map((c) => c.target)).toEqual([
      { kind: 'question', id: 'strategie.plan_action', part: 'value' },
      { kind: 'question', id: 'logiciels.navigateur', part: 'value' },
      { kind: 'question', id: 'pratiques.dpo', part: 'value' },
    ]);
  });
  it('lists duplicated headers, optional fixed columns and personne-morale columns for what they are', () => {
    const r = only(
      oneDossierCsv({
        'Groupe instructeur': 'défaut',
        'Établissement SIRET': '21380229000017',
        Commentaire: 'a',
        'Commentaire ': 'b',
        'Date de naissance': '',
      }),
    );
    const kinds = Object.fromEntries(r.columns.map((c) => [c.header, c.target.kind]));
    expect(kinds).toMatchObject({ 'Groupe instructeur': 'known', 'Établissement SIRET': 'known', Commentaire: 'unknown', 'Date de naissance': 'known' });
    expect(r.findings.filter((f) => f.rule === 'ingest/unknown-column')).toHaveLength(2);
  });
  it('a required question without a column is an error naming the closest column', () => {
    const r = only(
      oneDossierCsv({ 'La collectivité a-t-elle adopté une délibération en faveur du logiciel libre ?': 'Oui' }, ',', [
        'La collectivité a-t-elle adopté une délibération en faveur des logiciels libres ?',
      ]),
    );
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        rule: 'ingest/missing-column',
        message: expect.stringMatching(
          /question obligatoire « strategie\.deliberation ».*Vouliez-vous dire « La collectivité a-t-elle adopté une délibération en faveur du logiciel libre \? »/,
        ),
      }),
    );
  });
});

describe('C.9 multi-column champs', () => {
  it('reads a commune as three columns, with the en dash and an INSEE code that is not the postal code', () => {
    const { d } = only(
      oneDossierCsv({
        'Commune où sont hébergées vos données': 'Crolles (38920)',
        'Commune où sont hébergées vos données (Code INSEE)': '38140',
        'Commune où sont hébergées vos données (Département)': '38 – Isère',
      }),
    );
    expect(d.answers['donnees.commune_hebergement']).toEqual({ kind: 'commune', name: 'Crolles', code: '38140', departement: '38' });
  });
  it('reads the département champ (`<L>` and `<L> (Code)`)', () => {
    const { d } = only(oneDossierCsv({ 'Département de la collectivité': '971 – Guadeloupe', 'Département de la collectivité (Code)': '971' }));
    expect(d.identity.departement).toBe('971');
  });
});

describe('C.10 multiple choices containing ", "', () => {
  it('splits by greedy matching against the known options', () => {
    const r = splitMultiple(Q('logiciels.outils'), 'LibreOffice, Suite collaborative (Collabora, OnlyOffice), QGIS');
    expect(r).toEqual({ ids: ['libreoffice', 'qgis', 'collabora'], unknown: [] });
  });
  it('an option that does not exist is an error naming the closest one', () => {
    const r = only(oneDossierCsv({ 'Quels logiciels libres utilisez-vous au quotidien ?': 'LibreOffice, Thunderbirds' }));
    expect(r.d.answers['logiciels.outils']).toEqual({ kind: 'choices', ids: ['libreoffice'] });
    expect(r.findings).toContainEqual(
      expect.objectContaining({ dossier: '118340', message: expect.stringMatching(/« Thunderbirds » hors des options.*Vouliez-vous dire « Thunderbird »/) }),
    );
  });
  it('the API gives the values as a list', () => {
    const r = json([node([{ champDescriptorId: b64('Champ-4512503'), label: 'x', values: ['Suite collaborative (Collabora, OnlyOffice)', 'VLC'] }])]);
    expect(r.dossiers[0]!.answers['logiciels.outils']).toEqual({ kind: 'choices', ids: ['vlc', 'collabora'] });
  });
});

describe('C.11 linked drop-down lists', () => {
  it('reads `primary;secondary` (CSV) and `primary / secondary` (API) against the options', () => {
    expect(readCell(Q('strategie.plan_action'), 'Plan;Adopté').answer).toEqual({ kind: 'choice', id: 'adopte' });
    expect(readCell(Q('strategie.plan_action'), 'Plan / En préparation').answer).toEqual({ kind: 'choice', id: 'preparation' });
  });
});

describe('C.12 repetition blocks', () => {
  it('are absent from a CSV: the question is unavailable, said once', () => {
    const r = only(oneDossierCsv({}));
    expect(r.d.unavailable).toEqual(['ecosysteme.contributions']);
    expect(r.findings.filter((f) => f.rule === 'ingest/repetition-unavailable')).toHaveLength(1);
  });
  it('are read from the API rows, children matched by label', () => {
    const r = json([
      node([
        {
          champDescriptorId: b64('Champ-4512604'),
          label: 'Contributions à des projets libres',
          stringValue: '',
          rows: [
            {
              id: 'r1',
              champs: [
                { label: 'Projet', stringValue: 'Lutece' },
                { label: 'Nature de la contribution', stringValue: 'Code' },
              ],
            },
          ],
        },
      ]),
    ]);
    expect(r.dossiers[0]!.answers['ecosysteme.contributions']).toEqual({ kind: 'rows', rows: [{ projet: 'Lutece', nature: 'Code' }] });
  });
});

describe('C.13 conditional champs', () => {
  it('a hidden champ is an empty CSV cell or an absent API champ: no answer', () => {
    expect(only(oneDossierCsv({ 'Sous quelle licence vos données sont-elles publiées ?': '' })).d.answers['donnees.licence']).toBeUndefined();
    expect(json([node([])]).dossiers[0]!.answers['donnees.licence']).toBeUndefined();
  });
});

describe('C.14 attachments', () => {
  it('a file-name column is listed and ignored; a filled attachment (stringValue null) does not crash', () => {
    const r = only(oneDossierCsv({ 'Délibération (pièce jointe)': 'deliberation.pdf, annexe.pdf' }));
    expect(r.columns.find((c) => c.header === 'Délibération (pièce jointe)')!.target.kind).toBe('unknown');
    const j = json([
      node([{ champDescriptorId: b64('Champ-99'), __typename: 'PieceJustificativeChamp', label: 'Délibération (pièce jointe)', stringValue: null, files: [] }]),
    ]);
    expect(j.dossiers).toHaveLength(1);
  });
});

describe('C.15 formula-like text', () => {
  it.each(['=> voir le bilan', '- Schéma directeur', '+33 4 76 00 00 00', '@mairie'])('keeps %s as text, unevaluated', (text) => {
    expect(only(oneDossierCsv({ 'Quels sont les freins et difficultés rencontrés ?': text })).d.answers['strategie.freins']).toEqual({
      kind: 'text',
      value: text,
    });
  });
});

describe('C.16 phones', () => {
  it.each([
    ['0467001234', '04 67 00 12 34'],
    ['04.76.00.33.44', '04 76 00 33 44'],
    ['+33 4 90 12 34 56', '+33 4 90 12 34 56'],
  ])('keeps %s as a string (%s)', (raw, out) => {
    expect(only(oneDossierCsv({ 'Téléphone du responsable de la candidature': raw })).d.identity.phone).toBe(out);
  });
});

describe('C.17 XML-invalid characters replaced by spaces', () => {
  it('text with such a space and stray control characters is read as text', () => {
    expect(
      only(oneDossierCsv({ 'Quels sont les freins et difficultés rencontrés ?': 'Budget\u0007 limité   cette année' })).d.answers['strategie.freins'],
    ).toEqual({ kind: 'text', value: 'Budget\u0007 limité   cette année' });
  });
});

describe('C.18 the account e-mail is not the contact', () => {
  it('the `Email` column is a DS column, not the contact e-mail of the form', () => {
    const r = only(oneDossierCsv({ 'Courriel du responsable de la candidature': 'resp@example.org' }));
    expect(r.d.identity.email).toBe('resp@example.org');
    expect(r.columns.find((c) => c.header === 'Email')!.target.kind).toBe('known');
  });
});

describe('C.19 dossier numbers of any width', () => {
  it('keeps numbers as strings, leading zeros included', () => {
    const r = readCsvText(
      `${BASE_HEADERS.join(',')}\n${BASE_VALUES.join(',').replace('118340', '000123')}\n${BASE_VALUES.join(',').replace('118340', '21034512')}\n`,
    );
    expect(r.all.map((d) => d.number)).toEqual(['000123', '21034512']);
  });
});

describe('C.20 API JSON escapes', () => {
  it('reads \\u003c, \\u003e, \\u0026 and \\r\\n inside strings', () => {
    const text =
      '{"data":{"demarche":{"dossiers":{"nodes":[{"number":1,"state":"accepte","champs":[{"champDescriptorId":"' +
      b64('Champ-4512310') +
      '","label":"x","stringValue":"\\u003cb\\u003e \\u0026 co\\r\\nsuite"}]}]}}}}';
    const r = readExport(tempFile('api.json', text), edition(2024).questionnaire);
    expect(r.dossiers[0]!.answers['strategie.freins']).toEqual({ kind: 'text', value: '<b> & co\nsuite' });
  });
});
