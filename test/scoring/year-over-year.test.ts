/**
 * Year over year (issue 25, first part): each returning authority linked to last year's dossier
 * (code, else name, never a guess), and its move split into the rubric's effect (last year's
 * answers under this year's rubric) and the answers' effect, in score JSON and CSV, explain and
 * the fiche. Every number recomputed here from the two exports and rubrics by an independent helper.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { execFileSync } from 'node:child_process';
import { plain, root, tempDir, tnl } from '../helpers/cli.js';
import { browserPath } from '../helpers/browser.js';

type ScoredJson = {
  dossiers: {
    number: string;
    name: string;
    total: number;
    proposedLevel: string | null;
    volets: { points: number; max: number; weight: number }[];
    previous?: {
      previous: { edition: number; number: string; level: string | null; total: number; mappedLevel?: string };
      current: { level: string | null; total: number };
      matchedBy: 'code' | 'name';
      sameScale: boolean;
      rubricEffect?: { total: number; movers: { question: string; delta: number }[] };
      answersEffect?: { total: number; movers: { question: string; delta: number }[] };
    };
  }[];
};

let dir: string;
const run = (args: string[]) => tnl([...args, '--root', dir], { cwd: dir });
const json = async (file: string, edition: string, extra: string[] = []) => {
  const out = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  const r = await run(['score', file, '--edition', edition, '--format', 'json', '--out', out, ...extra]);
  expect(r.code).toBeLessThan(2);
  return { json: JSON.parse(readFileSync(out, 'utf8')) as ScoredJson, stderr: plain(r.stderr) };
};
/** The independent helper: a dossier's exact total from its volets (points, max, weight), as the README defines it. */
const exact = (volets: { points: number; max: number; weight: number }[]) => {
  const counted = volets.filter((v) => v.max > 0 && v.weight > 0);
  const den = counted.reduce((s, v) => s + v.weight, 0);
  return (100 * counted.reduce((s, v) => s + (v.weight * v.points) / v.max, 0)) / den;
};

beforeAll(async () => {
  // Last year's edition (2024) and this year's, copied by tnl init with a harder rubric: the
  // délibération worth 5 instead of 10, every threshold 8 points higher.
  dir = tempDir();
  mkdirSync(join(dir, 'questionnaires'));
  mkdirSync(join(dir, 'rubrics'));
  cpSync(join(root, 'questionnaires', '2024.yaml'), join(dir, 'questionnaires', '2024.yaml'));
  cpSync(join(root, 'rubrics', '2024.yaml'), join(dir, 'rubrics', '2024.yaml'));
  expect((await tnl(['init', '--edition', '2025', '--from', '2024', '--root', dir])).code).toBe(0);
  const rubric = join(dir, 'rubrics', '2025.yaml');
  writeFileSync(
    rubric,
    readFileSync(rubric, 'utf8')
      .replace('strategie.deliberation: { yes: 10 }', 'strategie.deliberation: { yes: 5 }')
      .replace('min: 25, min_by_stratum: { c1: 22 }', 'min: 33, min_by_stratum: { c1: 30 }')
      .replace('min: 40, min_by_stratum: { c1: 37 }', 'min: 48, min_by_stratum: { c1: 45 }')
      .replace('min: 58\n    min_by_stratum: { c1: 55 }', 'min: 66\n    min_by_stratum: { c1: 63 }')
      .replace('min: 80\n    requires:', 'min: 86\n    requires:'),
  );
  expect((await tnl(['validate', '--root', dir, '--edition', '2025'])).code).toBe(0);
  // Last year's export, with a second « SMEACC » (another dossier, no code): an ambiguous match.
  const last = JSON.parse(readFileSync(join(root, 'fixtures', 'ds-2024.json'), 'utf8')) as {
    data: { demarche: { dossiers: { nodes: Record<string, unknown>[] } } };
  };
  const nodes = last.data.demarche.dossiers.nodes;
  const twin = structuredClone(nodes.find((n) => n.number === 118459)!);
  twin.number = 117001;
  twin.id = 'RG9zc2llci0xMTcwMDE=';
  nodes.push(twin);
  writeFileSync(join(dir, 'ds-2024.json'), JSON.stringify(last));
  // This year's export: Colomiers answers better; the others answer as last year.
  const now = structuredClone(last);
  now.data.demarche.dossiers.nodes = now.data.demarche.dossiers.nodes.filter((n) => n.number !== 117001);
  const colomiers = now.data.demarche.dossiers.nodes.find((n) => n.number === 118357)! as { champs: Record<string, unknown>[] };
  const set = (label: string, text: string, typed: unknown) => {
    const c = colomiers.champs.find((x) => x.label === label)!;
    c.stringValue = text;
    for (const k of ['selected', 'value', 'checked']) if (k in c) c[k] = typed;
  };
  set("Où en est votre plan d'action en faveur du libre ?", 'Adopté et évalué chaque année', 'Adopté et évalué chaque année');
  for (const label of [
    "Le référentiel général d'interopérabilité (RGI) est-il imposé dans vos marchés ?",
    'Un délégué à la protection des données (DPO) est-il désigné ?',
    'Travaillez-vous avec des entreprises locales du libre ?',
  ])
    set(label, 'true', true);
  writeFileSync(join(dir, 'ds-2025.json'), JSON.stringify(now));
});

describe('tnl score --previous', () => {
  it('every comparison recomputed from the two exports and rubrics', async () => {
    const { json: result, stderr } = await json('ds-2025.json', '2025', ['--previous', 'ds-2024.json']);
    const { json: lastYear } = await json('ds-2024.json', '2024');
    // The same answers under this year's rubric: last year's export read with this year's edition.
    const { json: sameAnswers } = await json('ds-2024.json', '2025');
    const byNumber = <T extends { number: string }>(list: T[]) => new Map(list.map((d) => [d.number, d]));
    const last = byNumber(lastYear.dossiers);
    const same = byNumber(sameAnswers.dossiers);
    const compared = result.dossiers.filter((d) => d.previous);
    expect(compared.length).toBeGreaterThan(20);
    for (const d of compared) {
      const p = d.previous!;
      const before = last.get(p.previous.number)!;
      const mid = same.get(p.previous.number)!;
      expect({ n: d.number, total: p.previous.total, level: p.previous.level }).toEqual({ n: d.number, total: before.total, level: before.proposedLevel });
      expect({ n: d.number, rubric: p.rubricEffect!.total }).toEqual({ n: d.number, rubric: Math.round((exact(mid.volets) - exact(before.volets)) * 10) / 10 });
      expect({ n: d.number, answers: p.answersEffect!.total }).toEqual({ n: d.number, answers: Math.round((exact(d.volets) - exact(mid.volets)) * 10) / 10 });
    }
    // The ambiguous one is listed, never guessed.
    const smeacc = result.dossiers.find((d) => d.number === '118459')!;
    expect(smeacc.previous).toBeUndefined();
    expect(stderr).toMatch(/dossier 118459 \(SMEACC\) : plusieurs dossiers de 2024 peuvent être la même collectivité \(118459, 117001\) ; aucun n’est choisi/);
  });

  it('a level lost only because of the rubric; a level won despite a harder rubric; an authority found by its name alone', async () => {
    const { json: result, stderr } = await json('ds-2025.json', '2025', ['--previous', 'ds-2024.json']);
    const boe = result.dossiers.find((d) => d.number === '118697')!.previous!;
    expect(boe).toMatchObject({ previous: { level: '5' }, current: { level: '4' }, matchedBy: 'code', answersEffect: { total: 0 } });
    expect(boe.rubricEffect!.total).toBeLessThan(0);
    expect(boe.rubricEffect!.movers[0]).toMatchObject({ question: 'strategie.deliberation' });
    const colomiers = result.dossiers.find((d) => d.number === '118357')!.previous!;
    expect(colomiers).toMatchObject({ previous: { level: '3' }, current: { level: '4' } });
    expect(colomiers.rubricEffect!.total).toBeLessThan(0);
    expect(colomiers.answersEffect!.total).toBeGreaterThan(0);
    expect(colomiers.answersEffect!.movers[0]).toMatchObject({ question: 'strategie.plan_action' });
    // The syndicates have no code in the example: found by name, to confirm.
    expect(result.dossiers.find((d) => d.number === '118527')!.previous!.matchedBy).toBe('name');
    expect(stderr).toMatch(
      /dossier 118527 \(Syndicat Fibre 64\) : rapproché du dossier 118527 de 2024 par le nom seulement \(pas de code commun\) ; à confirmer/,
    );
  });

  it('the CSV carries last year’s level, total and the two effects', async () => {
    const out = join(dir, 'notes.csv');
    expect((await run(['score', 'ds-2025.json', '--edition', '2025', '--previous', 'ds-2024.json', '--format', 'csv', '--out', out])).code).toBeLessThan(2);
    const [header, ...rows] = parse(readFileSync(out, 'utf8').replace(/^\ufeff/, ''), {}) as string[][];
    expect(header!.slice(-6)).toEqual(['edition_precedente', 'niveau_precedent', 'total_precedent', 'effet_bareme', 'effet_reponses', 'rapprochement']);
    const boe = rows.find((r) => r[0] === '118697')!;
    expect(boe.slice(-6, -3)).toEqual(['2024', '5', '85.2']);
    expect(boe.at(-2)).toBe('0');
    expect(boe.at(-1)).toBe('code');
    // Without --previous: the columns of every season, unchanged.
    const plainOut = join(dir, 'sans.csv');
    await run(['score', 'ds-2025.json', '--edition', '2025', '--format', 'csv', '--out', plainOut]);
    expect(readFileSync(plainOut, 'utf8').split('\r\n')[0]).not.toMatch(/precedent/);
  });
});

describe('where people look: explain and the fiche', () => {
  it('explain: last year, this year, both effects with the questions that moved most, and the encouraging wording', async () => {
    const r = await run(['explain', 'ds-2025.json', '--edition', '2025', '--previous', 'ds-2024.json', '--dossier', '118697']);
    const md = plain(r.stdout);
    expect(md).toMatch(/## D’une année à l’autre\n\nL’an dernier \(2024\) : niveau 5 \(85,2\)\. Cette année : niveau 4 \(84,7\)\./);
    expect(md).toMatch(
      /Le barème 2025 change le total de vos réponses de 2024 de −0,5 \(« La collectivité a-t-elle adopté une délibération en faveur des logiciels libres \? » : −2,2 ;/,
    );
    expect(md).toMatch(/vos réponses de cette année le changent de 0,0\./);
    expect(md).toMatch(
      /Votre niveau baisse du fait du barème 2025, plus exigeant, et non de vos réponses, inchangées\. Pour retrouver le niveau 5 : le chemin le plus court, ci-dessous\./,
    );
    expect(md).toMatch(/## Pour atteindre le niveau 5/);
  });

  it('the fiche says it to the applicant, without another authority’s place or the staff’s notes', async () => {
    const out = join(dir, 'fiches');
    expect(
      (await run(['fiches', 'ds-2025.json', '--edition', '2025', '--previous', 'ds-2024.json', '--format', 'md', '--out', out, '--quiet'])).code,
    ).toBeLessThan(2);
    const fiche = plain(readFileSync(join(out, '118697-ville-de-boe.md'), 'utf8'));
    expect(fiche).toMatch(/## D’une année à l’autre\n\nL’an dernier \(2024\) : niveau 5 \(85,2\)\. Cette année : niveau 4 \(84,7\)\./);
    expect(fiche).toMatch(/Votre niveau baisse du fait du barème 2025/);
    const fibre = plain(readFileSync(join(out, '118527-syndicat-fibre-64.md'), 'utf8'));
    expect(fibre).not.toMatch(/par le nom seulement|rang dans la strate/);
  });

  it('editions of different scales (2024 levels, 2025 medals): totals and ranks, not level names; questionnaires too different to split', async () => {
    const r = await tnl(['explain', 'fixtures/candidatures-2025.csv', '--edition', '2025', '--previous', 'fixtures/ds-2024.json', '--dossier', '2025-001']);
    const md = plain(r.stdout);
    expect(plain(r.stderr)).toMatch(
      /les niveaux de 2024 et de 2025 ne sont pas de la même échelle : les comparaisons portent sur les totaux et le rang dans la strate/,
    );
    expect(md).toMatch(
      /Les niveaux de 2024 et de 2025 ne sont pas de la même échelle : seuls les totaux se comparent \(rang dans la strate : 1er sur \d+ en 2024, 1er sur \d+ en 2025\)\./,
    );
    expect(md).toMatch(
      /Les questionnaires de 2024 et de 2025 diffèrent trop pour séparer l’effet du barème de celui des réponses \(\d+ questions de 2025 sans équivalent en 2024\) : le total a progressé de \+[\d,]+\./,
    );
  });

  it('without last year’s export, the archive’s levels alone, said as such (explain and fiche)', async () => {
    const r = await tnl(['explain', 'fixtures/ds-2024.json', '--edition', '2024', '--dossier', '118731']);
    expect(plain(r.stdout)).toMatch(
      /## D’une année à l’autre\n\nAu label : 2021 \(niveau 4\), 2022 \(niveau 5\), 2023 \(niveau 5\)\.\nSans l’export de l’an dernier \(--previous\), le parcours seul\./,
    );
    const out = join(tempDir(), 'fiches');
    await tnl(['fiches', 'fixtures/ds-2024.json', '--edition', '2024', '--format', 'md', '--out', out, '--quiet']);
    const fiche = plain(readFileSync(join(out, '118731-ville-d-echirolles.md'), 'utf8'));
    expect(fiche).toMatch(/Au label : 2021 \(niveau 4\), 2022 \(niveau 5\), 2023 \(niveau 5\)\./);
    expect(fiche).not.toMatch(/--previous/);
  });
});

describe('the workspace’s reference export of last year', () => {
  it('exports/<year before>.json is used when --previous is not given, and said; --no-previous turns it off', async () => {
    mkdirSync(join(dir, 'exports'), { recursive: true });
    cpSync(join(dir, 'ds-2024.json'), join(dir, 'exports', '2024.json'));
    const { json: result, stderr } = await json('ds-2025.json', '2025');
    expect(stderr).toMatch(/comparaison avec l’an dernier : \S*exports\/2024\.json \(--no-previous pour s’en passer\)/);
    expect(result.dossiers.filter((d) => d.previous).length).toBeGreaterThan(20);
    const { json: without, stderr: quiet } = await json('ds-2025.json', '2025', ['--no-previous']);
    expect(without.dossiers.every((d) => !d.previous)).toBe(true);
    expect(quiet).not.toMatch(/comparaison avec l’an dernier/);
  });
});

describe('tnl rubric diff --previous-edition', () => {
  it('this year’s rubric on last year’s dossiers, answers unchanged: who would lose or gain a level', async () => {
    const r = await run(['rubric', 'diff', 'ds-2024.json', '--previous-edition', '2024', '--to', 'rubrics/2025.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const cmp = JSON.parse(r.stdout) as { dossiers: number; down: number; up: number; changes: { number: string; from: string; to: string }[] };
    expect(cmp.dossiers).toBe(25);
    expect(cmp.changes).toContainEqual(expect.objectContaining({ number: '118697', from: '5', to: '4' }));
    // The same numbers as tnl score --previous gives, dossier by dossier (rubric effect alone).
    const { json: result } = await json('ds-2025.json', '2025', ['--previous', 'ds-2024.json']);
    const boe = result.dossiers.find((d) => d.number === '118697')!.previous!;
    expect(boe.previous.level).toBe('5');
    expect(cmp.down).toBeGreaterThanOrEqual(1);
    expect(
      (await run(['rubric', 'diff', 'ds-2024.json', '--previous-edition', '2024', '--from', 'rubrics/2024.yaml', '--to', 'rubrics/2025.yaml'])).stderr,
    ).toMatch(/--previous-edition remplace --from et --from-rev/);
  });
});

describe('the year’s progressions and first labels, from the archive', () => {
  it('tnl history --edition: progressions as a lower bound, first labels as an upper bound, a new scale said', async () => {
    const h2024 = plain((await tnl(['history', '--edition', '2024'])).stdout);
    expect(h2024).toMatch(
      /- Progressions : au moins 1 lauréat monte d’un niveau ou plus par rapport à sa participation précédente \(Ville de La Tronche\) — « au moins » : des participations précédentes manquent à l’archive\./,
    );
    expect(h2024).toMatch(/- Premières labellisations : au plus 13 \(l’archive des éditions précédentes est incomplète/);
    expect(plain((await tnl(['history', '--edition', '2025'])).stdout)).toMatch(
      /- Échelle nouvelle en 2025 : les niveaux ne se comparent pas à ceux de l’édition précédente\./,
    );
  });

  it('the press kit prints what the archive vouches for, and tells staff what it leaves out', async () => {
    const r = await tnl(['report', 'dossier-de-presse', '--edition', '2024', '--press', 'fixtures/press-2024.yaml', '--format', 'html']);
    expect(plain(r.stdout)).toMatch(/<p>Au moins une collectivité progresse d’un niveau ou plus par rapport à sa participation précédente\.<\/p>/);
    expect(plain(r.stdout)).not.toMatch(/première fois/);
    expect(plain(r.stderr)).toMatch(/premières labellisations de 2024 : au plus 13 .* non imprimé dans le dossier de presse/);
  });
});

describe.skipIf(!browserPath)('the cahier: last year’s level and the answers changed since then', () => {
  it('a column for last year’s level; per dossier the changed answers, recomputed from the two exports', async () => {
    // Three of this year's dossiers: Colomiers (four answers changed), Boé (none), a newcomer.
    const now = JSON.parse(readFileSync(join(dir, 'ds-2025.json'), 'utf8')) as { data: { demarche: { dossiers: { nodes: Node[] } } } };
    type Node = { number: number; champs: { label: string; stringValue?: string }[] } & Record<string, unknown>;
    const nodes = now.data.demarche.dossiers.nodes;
    const keep = nodes.filter((n) => n.number === 118357 || n.number === 118697);
    const newcomer = structuredClone(keep[1]!);
    newcomer.number = 119999;
    newcomer.id = 'RG9zc2llci0xMTk5OTk=';
    const nameChamp = newcomer.champs.find((c) => c.label === 'Nom de la collectivité')!;
    nameChamp.stringValue = 'Ville de Nouvelle-Candidate';
    for (const k of ['value']) if (k in nameChamp) (nameChamp as Record<string, unknown>)[k] = 'Ville de Nouvelle-Candidate';
    const codeChamp = newcomer.champs.find((c) => /INSEE|SIREN/.test(c.label));
    if (codeChamp) {
      codeChamp.stringValue = '';
      for (const k of ['value', 'commune']) if (k in codeChamp) (codeChamp as Record<string, unknown>)[k] = null;
    }
    now.data.demarche.dossiers.nodes = [...keep, newcomer];
    writeFileSync(join(dir, 'ds-2025-trois.json'), JSON.stringify(now));
    const out = join(dir, 'cahier.pdf');
    const r = await run(['cahier', 'ds-2025-trois.json', '--edition', '2025', '--previous', 'ds-2024.json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const text = plain(execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' })).replace(/\s+/g, ' ');
    expect(text).toMatch(/Proposé En 2024 Alertes/);
    expect(text).toMatch(/118697 Ville de Boé c\d [\d,]+ 4 5/);
    expect(text).toMatch(/118357 Ville de Colomiers c\d [\d,]+ 4 3/);
    // The independent helper: the champs whose text differs between the two exports.
    const last = JSON.parse(readFileSync(join(dir, 'ds-2024.json'), 'utf8')) as { data: { demarche: { dossiers: { nodes: Node[] } } } };
    const before = last.data.demarche.dossiers.nodes.find((n) => n.number === 118357)!;
    const after = keep.find((n) => n.number === 118357)!;
    const changed = after.champs.filter((c) => before.champs.find((b) => b.label === c.label)?.stringValue !== c.stringValue).map((c) => c.label);
    expect(changed).toHaveLength(4);
    const colomiers = text.slice(text.lastIndexOf('118357 — Ville de Colomiers'));
    const block = colomiers.slice(colomiers.indexOf('Réponse changée depuis 2024'), colomiers.indexOf('Stratégie et mutualisation'));
    for (const label of changed) expect(block).toContain(label.slice(0, 40));
    expect(block.match(/\d+ \/ \d+|\d+\/\d+/g)).toHaveLength(4);
    // Boé answered as last year; the newcomer has no earlier level and no year section.
    const boe = text.slice(text.lastIndexOf('118697 — Ville de Boé'));
    expect(boe).toMatch(/D’une année à l’autre .*Mêmes réponses qu’en 2024\./);
    const newcomerPage = text.slice(text.lastIndexOf('119999 — Ville de Nouvelle-Candidate'));
    expect(newcomerPage.slice(0, 400)).not.toMatch(/D’une année à l’autre/);
    expect(text).toMatch(/119999 Ville de Nouvelle-Candidate c\d [\d,]+ \d —/);
  });
});

describe('a change of scale with a declared correspondence (previous_levels)', () => {
  let ws: string;
  const prev = ['--previous', join(root, 'fixtures', 'ds-2024.json')];
  const csv = join(root, 'fixtures', 'candidatures-2025.csv');
  const setMapping = (line: string) => {
    const file = join(ws, 'rubrics', '2025.yaml');
    const base = readFileSync(join(root, 'rubrics', '2025.yaml'), 'utf8');
    writeFileSync(file, `${base}${line}\n`);
  };
  beforeAll(() => {
    ws = tempDir();
    for (const d of ['questionnaires', 'rubrics', 'results']) cpSync(join(root, d), join(ws, d), { recursive: true });
  });

  it('last year’s level read on this year’s scale: up, kept or down, in explain and in the JSON', async () => {
    setMapping('previous_levels: { "1": badge, "2": badge, "3": bronze, "4": argent, "5": or }');
    expect((await tnl(['validate', '--edition', '2025', '--root', ws])).code).toBe(0);
    const up = plain((await tnl(['explain', csv, '--edition', '2025', ...prev, '--root', ws, '--dossier', '2025-006'])).stdout);
    expect(up).toMatch(
      /Les niveaux de 2024 et de 2025 ne sont pas de la même échelle ; selon la correspondance du barème 2025, le niveau 3 de 2024 équivaut au label Bronze : le niveau monte/,
    );
    const kept = plain((await tnl(['explain', csv, '--edition', '2025', ...prev, '--root', ws, '--dossier', '2025-001'])).stdout);
    expect(kept).toMatch(/le niveau 5 de 2024 équivaut au label Or : le niveau se maintient/);
    const r = await tnl(['score', csv, '--edition', '2025', ...prev, '--root', ws, '--format', 'json']);
    const json = JSON.parse(r.stdout) as ScoredJson;
    const colomiers = json.dossiers.find((d) => d.number === '2025-006')!.previous!;
    expect(colomiers.previous).toMatchObject({ level: '3', mappedLevel: 'bronze' });
    expect(plain(r.stderr)).toMatch(/ils se comparent selon la correspondance du barème 2025 \(previous_levels\)/);
  });

  it('a level mapped higher than this year’s: the level falls, said so', async () => {
    setMapping('previous_levels: { "1": badge, "2": bronze, "3": or, "4": or, "5": or }');
    const down = plain((await tnl(['explain', csv, '--edition', '2025', ...prev, '--root', ws, '--dossier', '2025-006'])).stdout);
    expect(down).toMatch(/le niveau 3 de 2024 équivaut au label Or : le niveau baisse/);
  });

  it('without a correspondence: totals and ranks only, never a level compared', async () => {
    setMapping('');
    const md = plain((await tnl(['explain', csv, '--edition', '2025', ...prev, '--root', ws, '--dossier', '2025-006'])).stdout);
    expect(md).toMatch(/seuls les totaux se comparent/);
    expect(md).not.toMatch(/équivaut|le niveau (monte|baisse|se maintient)/);
  });

  it('an incomplete or mistaken correspondence is said; an unknown level of this year is a located error', async () => {
    setMapping('previous_levels: { "1": badge, "2": badge, "3": bronze, "4": argent, "6": or }');
    const r = await tnl(['score', csv, '--edition', '2025', ...prev, '--root', ws, '--format', 'json']);
    expect(r.code).toBeLessThan(2);
    expect(plain(r.stderr)).toMatch(
      /previous_levels du barème 2025 ne dit pas à quel niveau correspond le niveau 5 de 2024 : ces dossiers-là ne comparent que les totaux/,
    );
    expect(plain(r.stderr)).toMatch(/previous_levels du barème 2025 nomme « 6 », absent de l’échelle de 2024 \(1, 2, 3, 4, 5\)/);
    const boe = (JSON.parse(r.stdout) as ScoredJson).dossiers.find((d) => d.number === '2025-001')!.previous!;
    expect(boe.previous).not.toHaveProperty('mappedLevel');
    // tnl validate finds both before any comparison, located, against the workspace's 2024 scale.
    const checked = await tnl(['validate', '--edition', '2025', '--root', ws, '--format', 'json']);
    expect(checked.code).toBe(1);
    const list = (JSON.parse(checked.stdout) as { findings: { ruleId: string; severity: string; line: number; message: string }[] }).findings;
    expect(list.find((f) => f.ruleId === 'rubric/unknown-previous-level')).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(/le niveau « 6 » n’est pas de l’échelle de 2024 \(1, 2, 3, 4, 5\)\.$/),
    });
    expect(list.find((f) => f.ruleId === 'rubric/previous-level-missing')).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('le niveau « 5 » de 2024'),
    });
    expect(list.every((f) => f.line > 0)).toBe(true);
    setMapping('previous_levels: { "1": badge, "2": badge, "3": bronze, "4": argent, "5": ore }');
    const v = await tnl(['validate', '--edition', '2025', '--root', ws]);
    expect(v.code).toBe(1);
    expect(plain(v.stdout + v.stderr)).toMatch(
      /2025\.yaml[\s\S]*\d+:\d+ +erreur +niveau inconnu « ore » pour le niveau « 5 » de l’édition précédente\. Vouliez-vous dire « or » \?/,
    );
  });
});
