import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadEdition } from '../../src/files/edition-files.js';
import { readYaml } from '../../src/files/edition-files.js';
import { readExport } from '../../src/files/read-export.js';
import { assignJurors, assignmentYaml, checkAssignment, impossibleText } from '../../src/jury/assign.js';
import { checkJurors, conflictsOf, juryDossier, type JuryDossier, type Juror } from '../../src/jury/jurors.js';
import { parseYaml } from '../../src/util/yaml-source.js';
import { root } from '../helpers/cli.js';

const { edition } = loadEdition(2024);
const dossiers = readExport(join(root, 'fixtures', 'ds-2024.json'), edition.questionnaire).dossiers.map(juryDossier);
const { jurors, findings } = checkJurors(readYaml(join(root, 'fixtures', 'jures-2024.yaml')).source, 2024);

const juror = (id: string, conflicts: Partial<Juror['conflicts']> = {}, organisation?: string): Juror => ({
  id,
  name: id,
  ...(organisation ? { organisation } : {}),
  conflicts: { authorities: [], departements: [], organisations: [], ...conflicts },
});
const dossier = (number: string, departement = '01', codes: string[] = [], names: string[] = []): JuryDossier => ({
  number,
  name: `Collectivité ${number}`,
  codes,
  departement,
  names,
});

describe('jurors and their conflicts of interest', () => {
  it('reads the example jurors file without a problem', () => {
    expect(findings).toEqual([]);
    expect(jurors!.map((j) => j.id)).toEqual(['cgarnier', 'lbernard', 'mrobert', 'pmoreau', 'tnguyen']);
  });

  it('sees a conflict by code, département, organisation named, and the juror’s own organisation', () => {
    const byId = new Map(jurors!.map((j) => [j.id, j]));
    const of = (id: string, number: string) =>
      conflictsOf(
        byId.get(id)!,
        dossiers.find((d) => d.number === number)!,
      );
    expect(of('cgarnier', '118510')).toEqual(['département 38', 'organisation « Ville de Grenoble »']);
    expect(of('cgarnier', '118731')).toEqual(['département 38']);
    expect(of('mrobert', '118544')).toEqual(['collectivité 69123']);
    expect(of('pmoreau', '118629')).toEqual(['organisation « Soluris »']);
    expect(of('tnguyen', '118527')).toEqual(['organisation « Syndicat Fibre 64 »']);
    expect(of('lbernard', '118510')).toEqual([]);
  });

  it('locates the problems of a jurors file: duplicate ids and e-mails, another edition, a bad code', () => {
    const source = parseYaml(
      'edition: 2023\njurors:\n  - { id: a, name: A, email: x@y.fr }\n  - { id: a, name: B, email: X@y.fr }\n  - { id: c, name: C, conflicts: { departements: ["9x"] } }\n',
      'jures.yaml',
    );
    const r = checkJurors(source, 2024);
    expect(r.findings.map((f) => [f.rule, f.line])).toEqual([['jurors/schema/pattern', 5]]);
    const ok = checkJurors(parseYaml('edition: 2023\njurors:\n  - { id: a, name: A, email: x@y.fr }\n  - { id: a, name: B, email: X@y.fr }\n', 'j.yaml'), 2024);
    expect(ok.findings.map((f) => [f.rule, f.line])).toEqual([
      ['jury/edition', 1],
      ['jury/duplicate-juror', 4],
      ['jury/duplicate-email', 4],
    ]);
  });
});

describe('tnl jury assign: the assignment', () => {
  it('gives each dossier k distinct jurors free of conflict, balanced, and the same for any input order', () => {
    const r = assignJurors(dossiers, jurors!, 2);
    expect(r.impossible).toEqual([]);
    for (const d of dossiers) {
      const list = r.assignment.get(d.number)!;
      expect(new Set(list).size).toBe(2);
      for (const id of list)
        expect(
          conflictsOf(
            jurors!.find((j) => j.id === id)!,
            d,
          ),
        ).toEqual([]);
    }
    const loads = [...r.loads.values()];
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(r.balanced).toBe(true);
    const again = assignJurors([...dossiers].reverse(), [...jurors!].reverse(), 2);
    expect(again.assignment).toEqual(r.assignment);
  });

  it('says which dossiers cannot get their jurors, and why', () => {
    const r = assignJurors(dossiers, jurors!, 5);
    expect(r.impossible.map((x) => x.dossier)).toEqual([
      '118357',
      '118391',
      '118408',
      '118425',
      '118459',
      '118493',
      '118510',
      '118527',
      '118544',
      '118612',
      '118629',
      '118731',
    ]);
    expect(
      impossibleText(
        r.impossible.find((x) => x.dossier === '118510')!,
        5,
      ),
    ).toBe(
      'dossier 118510 (Ville de Grenoble) : 4 jurés sans conflit d’intérêts pour 5 demandés ; en conflit : cgarnier (département 38 et organisation « Ville de Grenoble »)',
    );
  });

  it('finds a balanced assignment whenever one exists (every small case, checked by brute force)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const nJ = 2 + Math.floor(random() * 3);
      const nD = 1 + Math.floor(random() * 5);
      const k = 1 + Math.floor(random() * Math.min(2, nJ));
      const js = Array.from({ length: nJ }, (_, i) => juror(`j${i}`, { authorities: [] }));
      const ds = Array.from({ length: nD }, (_, i) => dossier(String(100 + i), '01', [String(10000 + i)]));
      for (const j of js) for (const d of ds) if (random() < 0.3) j.conflicts.authorities.push(d.codes[0]!);
      const r = assignJurors(ds, js, k);
      const best = bruteForce(ds, js, k);
      if (best === undefined) expect(r.impossible.length, `round ${round}`).toBeGreaterThan(0);
      else {
        expect(r.impossible, `round ${round}`).toEqual([]);
        for (const d of ds) expect(r.assignment.get(d.number)!.length).toBe(k);
        const loads = [...r.loads.values()];
        expect(Math.max(...loads) - Math.min(...loads) <= 1, `round ${round}: best spread ${best}`).toBe(best <= 1);
      }
    }
  });

  it('writes an assignment file that reads back and checks clean, and re-checks a hand-edited one', () => {
    const r = assignJurors(dossiers, jurors!, 2);
    const yaml = assignmentYaml(2024, 2, dossiers, r, '../node_modules/tnl/src/edition/schema/assignment.schema.json');
    expect(yaml).toMatch(/^ {2}"118510": \[[a-z, ]+\] # Ville de Grenoble$/m);
    const clean = checkAssignment(parseYaml(yaml, 'affectation.yaml'), 2024, jurors!, dossiers);
    expect(clean.findings).toEqual([]);
    expect(clean.assignment).toEqual(r.assignment);
    const edited = yaml.replace(/"118510": \[[^\]]*\]/, '"118510": [cgarnier, cgarnier]').replace(/"118357": \[[^\]]*\]/, '"118357": [lbernart]');
    const checked = checkAssignment(parseYaml(edited, 'affectation.yaml'), 2024, jurors!, dossiers);
    expect(checked.findings.filter((f) => f.severity === 'error').map((f) => `${f.line}:${f.column} ${f.rule} ${f.message}`)).toEqual([
      expect.stringMatching(/^\d+:\d+ jury\/unknown-juror juré « lbernart » inconnu\. Vouliez-vous dire «\slbernard\s»/),
      expect.stringMatching(/jury\/too-few-jurors le dossier 118357 n’a que 1 juré pour 2 demandés/),
      expect.stringMatching(/jury\/conflict cgarnier est en conflit d’intérêts avec le dossier 118510 \(Ville de Grenoble\) : département 38 et organisation/),
      expect.stringMatching(/jury\/conflict cgarnier/),
      expect.stringMatching(/jury\/duplicate-juror cgarnier figure deux fois pour le dossier 118510/),
      expect.stringMatching(/jury\/too-few-jurors le dossier 118510 n’a que 1 juré/),
    ]);
  });
});

/** The smallest spread (max − min load) of any valid assignment; undefined when there is none. */
function bruteForce(ds: JuryDossier[], js: Juror[], k: number): number | undefined {
  const options = ds.map((d) =>
    subsets(
      js.filter((j) => conflictsOf(j, d).length === 0).map((j) => j.id),
      k,
    ),
  );
  let best: number | undefined;
  const loads = new Map(js.map((j) => [j.id, 0]));
  const walk = (i: number) => {
    if (i === ds.length) {
      const v = [...loads.values()];
      const spread = Math.max(...v) - Math.min(...v);
      best = best === undefined ? spread : Math.min(best, spread);
      return;
    }
    for (const set of options[i]!) {
      for (const id of set) loads.set(id, loads.get(id)! + 1);
      walk(i + 1);
      for (const id of set) loads.set(id, loads.get(id)! - 1);
    }
  };
  walk(0);
  return best;
}

function subsets(items: string[], k: number): string[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, k - 1).map((s) => [first!, ...s]), ...subsets(rest, k)];
}
