import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadArchive } from '../../src/files/archive-files.js';
import { keyFigures, timelines } from '../../src/history/figures.js';
import { importPublicHistory } from '../../src/history/import-public.js';
import { copyEditions, edit, root, tempDir, tnl } from '../helpers/cli.js';
import { minimalPress } from '../helpers/edition.js';

describe('the bundled results archive', () => {
  const archive = loadArchive();
  it('has the ten editions 2016–2025, only 2024 complete', async () => {
    expect(archive.map((e) => e.edition)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(archive.filter((e) => e.complete).map((e) => e.edition)).toEqual([2024]);
    expect(archive.every((e) => e.sources.length > 0)).toBe(true);
  });
  it('2024 has 24 laureates: 8 at level 3, 12 at level 4, 4 at level 5', async () => {
    const e = archive.find((x) => x.edition === 2024)!;
    expect(e.laureates).toHaveLength(24);
    const count = (l: string) => e.laureates.filter((x) => x.level === l).length;
    expect([count('3'), count('4'), count('5')]).toEqual([8, 12, 4]);
    expect(keyFigures(archive).perEdition.find((x) => x.year === 2024)!.levels['4']).toEqual({ value: 12, lowerBound: false });
  });
  it('the Ville d’Échirolles: first application in 2021, level 5 in 2022, 2023 and 2024', async () => {
    const t = timelines(archive).get('code:38151')!;
    expect(t.name).toBe("Ville d'Échirolles");
    expect(Math.min(...t.participations.map((p) => p.year))).toBe(2021);
    expect(t.participations.filter((p) => p.level === '5').map((p) => p.year)).toEqual([2022, 2023, 2024]);
  });
  it('tnl history prints figures over incomplete editions as lower bounds', async () => {
    const r = await tnl(['history']);
    expect(r.code).toBe(0);
    // For staff: the published figure printed, where it comes from, and what the archive counts.
    expect(r.stdout).toMatch(
      /plus de 70 \(chiffre publié en 2023, appel à candidatures 2023 ; l’archive en compte au moins \d+\) collectivités et établissements récompensés/,
    );
    expect(r.stdout).toMatch(/\| 2024 \(9e\) \| 24 \| niveau 1 : 0 · niveau 2 : 0 · niveau 3 : 8 · niveau 4 : 12 · niveau 5 : 4 \|/);
    expect(r.stdout).toMatch(/\| 2016 \(1re\) \* \| au moins 8 \|/);
  });
  it('tnl history --authority shows a timeline', async () => {
    const r = await tnl(['history', '--authority', "Ville d'Échirolles"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Première participation connue : 2021/);
    expect(r.stdout).toMatch(/Au niveau 5 de 2022 à 2024 \(3 éditions de suite\)/);
    const unknown = await tnl(['history', '--authority', 'Echirole']);
    expect(unknown.code).toBe(2);
  });
  it('tnl history --format csv is an open-data table, one row per laureate per edition', async () => {
    const r = await tnl(['history', '--format', 'csv']);
    const lines = r.rawStdout.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('annee,edition,collectivite,code,type,departement,population,niveau,mentions,liste_complete');
    expect(lines.filter((l) => l.startsWith('2024,9,'))).toHaveLength(24);
    expect(lines).toContain("2024,9,Ville d'Échirolles,38151,commune,38,37491,5,Mutualisation,oui");
  });
  it('tnl history --format json is valid JSON', async () => {
    expect(JSON.parse((await tnl(['history', '--edition', '2024', '--format', 'json'])).stdout).suggestedMentions.length).toBeGreaterThan(0);
  });
});

describe('import of the public record', () => {
  const record = {
    editions: [
      {
        year: 2016,
        edition: 1,
        complete: false,
        awarded_count: 12,
        awarded: [
          { name: 'Fontaine', dept: '38', level: 4, type: 'commune' },
          { name: 'Saint-Joseph', dept: null, level: 4, type: 'commune' },
          { name: 'Ville des Abymes', dept: '971', level: 3, type: 'commune' },
          { name: 'Dracénie Provence Verdon Agglomération', dept: '83', level: 3, type: 'epci' },
        ],
        special_mentions: { Mutualisation: ['Ville de Fontaine'] },
        sources: ['https://example.org'],
      },
    ],
  };
  const { editions, notes } = importPublicHistory(record);
  it('resolves a commune named once in its département, and an EPCI by name', async () => {
    const l = editions[0]!.laureates;
    expect(l[0]).toMatchObject({ code: '38169', population: 22020, mentions: ['Mutualisation'] });
    expect(l[2]).toMatchObject({ code: '97101' });
    expect(l[3]).toMatchObject({ code: '248300493' });
  });
  it('never guesses: an ambiguous name keeps no code and is reported', async () => {
    expect(editions[0]!.laureates[1]!.code).toBeUndefined();
    expect(notes).toEqual([expect.stringMatching(/« Saint-Joseph » : plusieurs communes possibles \(.*97224 \(972\).*\) ; code laissé vide, à choisir/)]);
  });
});

describe('results files with mistakes', () => {
  const withResults = () => {
    const dir = copyEditions();
    cpSync(join(root, 'results'), join(dir, 'results'), { recursive: true });
    return dir;
  };
  it('a level outside the edition’s scale → exit 1 at its line', async () => {
    const dir = withResults();
    const file = join(dir, 'results', '2024.yaml');
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('level: "5"');
    const line = text.slice(0, at).split('\n').length;
    writeFileSync(file, text.slice(0, at) + 'level: "6"' + text.slice(at + 10));
    const r = await tnl(['validate', '--root', dir, '--edition', '2024', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'results/level',
        line,
        message: expect.stringMatching(/niveau « 6 » hors de l’échelle de l’édition 2024 \(1, 2, 3, 4, 5\)/),
      }),
    );
  });
  it('a laureate listed twice → exit 1', async () => {
    const dir = withResults();
    const line = edit(
      join(dir, 'results', '2024.yaml'),
      '  - name: Ville de Meylan\n',
      '  - name: Ville de Meylan\n    kind: commune\n    code: "38229"\n    level: "3"\n  - name: Ville de Meylan\n',
    );
    const r = await tnl(['validate', '--root', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toContainEqual(expect.objectContaining({ ruleId: 'results/duplicate', line: line + 4 }));
  });
  it('broken YAML → exit 2 with line and column, for validate and for history', async () => {
    const dir = withResults();
    edit(join(dir, 'results', '2023.yaml'), 'laureates:\n', 'laureates: [\n');
    expect((await tnl(['validate', '--root', dir])).code).toBe(2);
    const r = await tnl(['history', '--root', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/results\/2023\.yaml:\d+:\d+ : YAML invalide/);
  });
});

describe('tnl publish', () => {
  it('writes results/<year>.yaml from scores and decisions, atomically, and refuses to overwrite', async () => {
    const dir = copyEditions();
    const notes = join(dir, 'notes.json');
    expect((await tnl(['score', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'json', '--out', notes])).code).toBe(0);
    const r = await tnl(['publish', '--edition', '2024', '--scores', notes, '--decisions', 'fixtures/jury-2024.yaml', '--root', dir]);
    expect(r.code).toBe(0);
    const out = join(dir, 'results', '2024.yaml');
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(text).toMatch(/mentions:\n\s+- Meilleure première candidature/);
    expect((await tnl(['validate', '--root', dir, '--edition', '2024'])).code).toBe(0);
    const before = statSync(out).mtimeMs;
    const again = await tnl(['publish', '--edition', '2024', '--scores', notes, '--root', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/existe déjà : relisez-le, puis --force/);
    expect(statSync(out).mtimeMs).toBe(before);
    expect((await tnl(['publish', '--edition', '2024', '--scores', notes, '--root', dir, '--force'])).code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
  it('a file that is not a scores file → exit 2', async () => {
    const r = await tnl(['publish', '--edition', '2024', '--scores', 'fixtures/ds-2024.json', '--root', copyEditions()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ce n’est pas un fichier de notes/);
  });
});

describe('research notes never reach a published text', () => {
  it('the import keeps the text and moves the note to « notes »', async () => {
    const { publishable } = await import('../../src/history/research-note.js');
    expect(publishable("Open Source Experience (page: '3ème édition du salon')")).toEqual({
      text: 'Open Source Experience',
      note: "page: '3ème édition du salon'",
    });
    expect(publishable('Strategy and Communication (English wording by OSOR; French title not found)').text).toBe('Strategy and Communication');
    expect(publishable('Palais des Congrès (Paris)')).toEqual({ text: 'Palais des Congrès (Paris)' });
  });
  it('validate warns of a note left in a results file, at its line', async () => {
    const file = join(tempDir(), '2024.yaml');
    writeFileSync(
      file,
      readFileSync(join(root, 'results', '2024.yaml'), 'utf8').replace(
        '  event: Open Source Experience\n',
        '  event: "Open Source Experience (page: \'3ème édition du salon\')"\n',
      ),
    );
    const r = await tnl(['validate', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/24:\d+ +avertissement +note de recherche dans un texte publié/);
  });
  it('the bundled archive has none, and the 2024 communiqué says « Open Source Experience » alone', async () => {
    expect((await tnl(['validate'])).stdout).not.toMatch(/note de recherche/);
    const r = await tnl(['report', 'communique', '--edition', '2024', '--press', minimalPress(2024, '2024-12-10')]);
    expect(r.stdout).toMatch(/lors d’Open Source Experience|lors d'Open Source Experience/);
    expect(r.stdout).not.toMatch(/page:|wording|not found/);
  });
});

describe('published figures that contradict each other', () => {
  it('are flagged by tnl history (2025: 36 or 37 laureates), never silently picked', async () => {
    const r = await tnl(['history']);
    expect(r.stdout).toMatch(/## Chiffres publiés contradictoires\n\n- 2022, /);
    expect(r.stdout).toMatch(/\n- 2025, lauréats : 36 ou 37 selon les sources .* l’archive retient 36, à vérifier avant publication/);
    const json = JSON.parse((await tnl(['history', '--format', 'json'])).stdout) as { figures: { conflicts: { year: number; values: number[] }[] } };
    expect(json.figures.conflicts).toEqual([
      expect.objectContaining({ year: 2022, values: [64, 57] }),
      expect.objectContaining({ year: 2025, values: [36, 37], kept: 36 }),
    ]);
    expect(r.stdout).toMatch(/- 2022, lauréats depuis la première édition : 64 ou 57 selon les sources .* tnl n’en reprend aucun/);
  });
  it('the import keeps both numbers and a French note', async () => {
    const { editions } = importPublicHistory({
      editions: [{ year: 2025, edition: 10, awarded_count: 36, awarded_count_conflict: '36 in one source; 37 in another', awarded: [] }],
    });
    expect(editions[0]!.published.conflicts).toEqual([
      { figure: 'awarded', values: [36, 37], note: 'nombres différents selon les sources (détail dans les notes)' },
    ]);
    expect(editions[0]!.notes).toContain('nombre de lauréats : 36 in one source; 37 in another');
  });
});

describe('history data formats carry what the Markdown shows', () => {
  it('--edition --format json lists the edition’s laureates; the open-data CSV has the population', async () => {
    const json = JSON.parse((await tnl(['history', '--edition', '2024', '--format', 'json'])).stdout) as {
      edition: { laureates: { name: string; population: number | null; level: string }[] };
    };
    expect(json.edition.laureates).toHaveLength(24);
    expect(json.edition.laureates.find((l) => l.name === "Ville d'Échirolles")).toMatchObject({ population: 37491, level: '5' });
    const csv = (await tnl(['history', '--format', 'csv'])).stdout.replace(/^\ufeff/, '');
    expect(csv.split('\r\n')[0]).toBe('annee,edition,collectivite,code,type,departement,population,niveau,mentions,liste_complete');
    expect(csv).toMatch(/\r\n2016,1,Arles,13004,commune,13,51811,4,,non\r\n/);
  });
});
