import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadEdition } from '../../src/files/edition-files.js';
import { readExport } from '../../src/files/read-export.js';
import { DOSSIER_STATES, type Dossier } from '../../src/ingest/dossier.js';
import { dossierNodes, dossiersFromJson, simulatorFindings } from '../../src/ingest/ds-json.js';
import { indexEdition, scoreDossier } from '../../src/scoring/score.js';
import { exportAnswers, formAnswer, formDossier, simulatorData, type FormState } from '../../src/simulator/model.js';
import { dataJson, simulatorHtml, simulatorPolicy } from '../../src/simulator/html.js';
import { root } from '../helpers/cli.js';

const EXPORTS = { 2024: join(root, 'fixtures', 'ds-2024.json'), 2025: join(root, 'fixtures', 'candidatures-2025.csv') } as const;

/** What an applicant would enter for a dossier's answers. */
function formOf(d: Dossier): FormState {
  const answers: FormState['answers'] = {};
  for (const [id, a] of Object.entries(d.answers))
    if (a.kind === 'bool') answers[id] = a.value ? 'oui' : 'non';
    else if (a.kind === 'choice') answers[id] = a.id;
    else if (a.kind === 'choices') answers[id] = a.ids;
    else if (a.kind === 'number') answers[id] = String(a.value);
    else if (a.kind === 'rows') answers[id] = String(a.rows.length);
    else if (a.kind === 'files') answers[id] = String(a.names.length);
    else if (a.kind === 'text' || a.kind === 'date') answers[id] = a.value;
  return { name: d.identity.name ?? '', kind: d.identity.kind ?? '', population: String(d.identity.population ?? ''), answers };
}

describe('the self-assessment model', () => {
  for (const year of [2024, 2025] as const)
    it(`scores the form of each ${year} dossier as tnl scores the dossier, and its export reads back the same`, () => {
      const { edition } = loadEdition(year);
      const index = indexEdition(edition);
      const data = simulatorData(edition, { withoutPoints: false });
      const dossiers = readExport(EXPORTS[year], edition.questionnaire, { states: DOSSIER_STATES }).dossiers;
      expect(dossiers.length).toBeGreaterThan(5);
      for (const d of dossiers) {
        const expected = scoreDossier(d, index);
        const { dossier } = formDossier(formOf(d), edition);
        const card = scoreDossier(dossier, index);
        expect([d.number, card.level?.id, card.total, card.notScored]).toEqual([d.number, expected.level?.id, expected.total, expected.notScored]);

        // The exported file, read by the JSON reader of `tnl score`: the same answers, the same result.
        const file = exportAnswers(formOf(d), data);
        const read = dossiersFromJson(dossierNodes(file, 'x.json'), edition.questionnaire, 'x.json', { simulation: true });
        expect(read.findings.filter((f) => f.severity === 'error')).toEqual([]);
        const back = read.dossiers[0]!;
        expect(back.state).toBeUndefined();
        expect(back.identity).toMatchObject({ kind: dossier.identity.kind, population: dossier.identity.population });
        expect(back.answers).toEqual(dossier.answers);
        const again = scoreDossier(back, index);
        expect([again.level?.id, again.total]).toEqual([expected.level?.id, expected.total]);
      }
    });

  it('reads fields as an export’s cells are read: ranges, decimals with a comma, counts, nothing ticked', () => {
    const { edition } = loadEdition(2024);
    const byType = (t: string) => edition.questionnaire.questions.find((x) => x.type === t)!;
    const integer = byType('integer');
    expect(formAnswer(integer, '12')).toEqual({ answer: { kind: 'number', value: 12 } });
    expect(formAnswer(integer, ' 1 200 ')).toEqual({ answer: { kind: 'number', value: 1200 } });
    expect(formAnswer(integer, '-3').answer).toBeUndefined();
    expect(formAnswer(integer, '-3').problem).toMatch(/hors des valeurs permises/);
    expect(formAnswer(integer, 'beaucoup').problem).toMatch(/n’est pas un nombre/);
    expect(formAnswer(byType('decimal'), '12,5')).toEqual({ answer: { kind: 'number', value: 12.5 } });
    expect(formAnswer(byType('multiple_choice'), [])).toEqual({});
    expect(formAnswer(byType('multiple_choice'), ['inconnu'])).toEqual({});
    expect(formAnswer(byType('yes_no'), '')).toEqual({});
    expect(formAnswer(byType('yes_no'), 'non')).toEqual({ answer: { kind: 'bool', value: false } });
    const rows = byType('repetition');
    expect(formAnswer(rows, '0')).toEqual({ answer: { kind: 'rows', rows: [] } });
    expect(formAnswer(rows, '2,5').problem).toMatch(/nombre entier positif/);
  });

  it('marks its export as a simulation, and says so when it is read with another edition', () => {
    const { edition } = loadEdition(2025);
    const file = exportAnswers({ name: 'Ville', kind: 'commune', population: '900', answers: {} }, simulatorData(edition, { withoutPoints: true }));
    expect(simulatorFindings(file, edition.questionnaire, 'x.json').map((f) => f.rule)).toEqual(['ingest/simulator']);
    const other = loadEdition(2024).edition.questionnaire;
    expect(simulatorFindings(file, other, 'x.json').map((f) => f.rule)).toEqual(['ingest/simulator', 'ingest/simulator-edition']);
  });

  it('escapes every text of the edition in the page, and its data cannot close the script element', () => {
    const { edition } = loadEdition(2025);
    const hostile = structuredClone(edition);
    hostile.questionnaire.questions[0]!.label = '<img src=x onerror=alert(1)> « question »';
    hostile.questionnaire.questions[0]!.help = '</script><script>alert(2)</script>';
    hostile.questionnaire.volets[0]!.title = '"><b>volet</b>';
    const data = simulatorData(hostile, { withoutPoints: false });
    const html = simulatorHtml(data, { script: 'void 0', style: '', scriptHash: 'aGFzaA==', styleHash: 'aGFzaA==' });
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>volet</b>');
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the data block and the script: nothing else closes one
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(JSON.parse(dataJson(data).replace(/\\u003c/g, '<'))).toEqual(JSON.parse(JSON.stringify(data)));
    expect(simulatorPolicy({ scriptHash: 'A', styleHash: 'B' })).toBe(
      "default-src 'none'; script-src 'sha256-A'; style-src 'sha256-B'; img-src data:; base-uri 'none'; form-action 'none'",
    );
  });
});
