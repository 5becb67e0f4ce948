import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadEdition } from '../../src/files/edition-files.js';
import { readExportAsync } from '../../src/files/read-export.js';
import { DOSSIER_STATES, type Dossier } from '../../src/ingest/dossier.js';
import type { ExportRead } from '../../src/ingest/export-read.js';
import { describeAvis } from '../../src/output/answer-text.js';
import { cahierView } from '../../src/report/cahier.js';
import { applyDecisions } from '../../src/decisions/decisions.js';
import { indexEdition, scoreDossier } from '../../src/scoring/score.js';
import { root, tempDir, tnl } from '../helpers/cli.js';

/** DS's own expert opinions (the « Avis » sheet of the XLSX export): read, shown to staff and the jury, never published. */
describe('the experts’ opinions (avis) of the XLSX export', () => {
  const { edition } = loadEdition(2024);
  let read: ExportRead;
  let byNumber: Map<string, Dossier>;
  beforeAll(async () => {
    read = await readExportAsync(join(root, 'fixtures', 'ds-2024.xlsx'), edition.questionnaire, { states: DOSSIER_STATES });
    byNumber = new Map(read.dossiers.map((d) => [d.number, d]));
  });

  it('are read with their dossier: question, answer, expert, asker, date; a pending one too', () => {
    expect(byNumber.get('118357')!.avis).toEqual([
      {
        question: 'Le plan d’action est-il adopté ?',
        answer: 'Le plan d’action est en préparation ; une délibération est prévue au printemps.',
        yesNo: 'non',
        expert: 'expert.declic@example.org',
        askedBy: 'instruction@adullact.org',
        answeredAt: '2024-10-18',
      },
    ]);
    const pending = byNumber.get('118731')!.avis!;
    expect(describeAvis(pending[0]!)).toBe(
      'Avis d’expert (expert.libre@example.org), demandé par instruction@adullact.org — « Les contributions sont-elles vérifiables ? » : en attente de réponse',
    );
    expect(byNumber.get('118340')!.avis).toBeUndefined();
  });

  it('are in the cahier beside the grades, and in no fiche', async () => {
    const index = indexEdition(edition);
    const results = applyDecisions(
      read.dossiers.map((d) => scoreDossier(d, index)),
      edition,
    );
    const vm = cahierView(edition, results, read.dossiers);
    expect(vm.sections.find((s) => s.number === '118357')!.avis[0]).toMatch(/^Avis d’expert \(expert\.declic@example\.org\)/);
    const dir = tempDir();
    const r = await tnl(['fiches', 'fixtures/ds-2024.xlsx', '--edition', '2024', '--format', 'md', '--out', dir, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const all = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    expect(all).not.toMatch(/expert\.declic|expert\.libre|instruction@adullact|délibération est prévue au printemps/);
  });
});
