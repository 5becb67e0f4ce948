import { checkSchema } from '../edition/schema-check.js';
import { byDossier, type Finding } from '../findings/finding.js';
import { count, didYouMean, joinList } from '../util/french.js';
import { closest } from '../util/suggest.js';
import { findingAt, type YamlSource } from '../util/yaml-source.js';
import { conflictsOf, type JuryDossier, type Juror } from './jurors.js';

/**
 * Assigning dossiers to jurors, as conference review systems do (HotCRP, OpenReview): k jurors per
 * dossier, never one in conflict with it, the load balanced (max − min ≤ 1 where the conflicts allow
 * it), the same answer for the same files. Pure.
 */

/** By dossier number: its jurors' ids, in juror order. */
export type Assignment = Map<string, string[]>;

/** A dossier that cannot get its k jurors: how many are free of conflict, and why the others are not. */
export interface Impossible {
  dossier: string;
  name: string;
  eligible: number;
  conflicts: { juror: string; reasons: string[] }[];
}

export interface AssignResult {
  assignment: Assignment;
  loads: Map<string, number>;
  /** max − min ≤ 1. */
  balanced: boolean;
  impossible: Impossible[];
}

export function assignJurors(dossiers: readonly JuryDossier[], jurors: readonly Juror[], perDossier: number): AssignResult {
  const ids = jurors.map((j) => j.id).sort();
  const eligible = new Map<string, string[]>();
  const impossible: Impossible[] = [];
  for (const d of dossiers) {
    const free = jurors.filter((j) => conflictsOf(j, d).length === 0).map((j) => j.id);
    eligible.set(d.number, free.sort());
    if (free.length < perDossier)
      impossible.push({
        dossier: d.number,
        name: d.name,
        eligible: free.length,
        conflicts: jurors.map((j) => ({ juror: j.id, reasons: conflictsOf(j, d) })).filter((c) => c.reasons.length),
      });
  }
  const assignment: Assignment = new Map(dossiers.map((d) => [d.number, []]));
  const loads = new Map(ids.map((id) => [id, 0]));
  if (impossible.length || !dossiers.length) return { assignment, loads, balanced: impossible.length === 0, impossible };

  const slots = dossiers.length * perDossier;
  const floor = Math.floor(slots / ids.length);
  const of = new Map(ids.map((id) => [id, new Set<string>()])); // dossiers of each juror
  const add = (d: string, j: string) => {
    assignment.get(d)!.push(j);
    of.get(j)!.add(d);
    loads.set(j, loads.get(j)! + 1);
  };
  const remove = (d: string, j: string) => {
    const list = assignment.get(d)!;
    list.splice(list.indexOf(j), 1);
    of.get(j)!.delete(d);
    loads.set(j, loads.get(j)! - 1);
  };
  /** Finds a juror for d, moving other dossiers along an augmenting path when the free ones are full. */
  const augment = (d: string, capacity: number, visited: Set<string>): boolean => {
    const candidates = eligible
      .get(d)!
      .filter((j) => !assignment.get(d)!.includes(j))
      .sort((a, b) => loads.get(a)! - loads.get(b)! || (a < b ? -1 : 1));
    for (const j of candidates) {
      if (visited.has(j)) continue;
      visited.add(j);
      if (loads.get(j)! < capacity) {
        add(d, j);
        return true;
      }
      for (const other of [...of.get(j)!].sort(byDossier))
        if (other !== d && augment(other, capacity, visited)) {
          remove(other, j);
          add(d, j);
          return true;
        }
    }
    return false;
  };
  // The most constrained dossiers first; the capacity of each juror raised only when the conflicts
  // leave no balanced assignment.
  const order = [...dossiers].map((d) => d.number).sort((a, b) => eligible.get(a)!.length - eligible.get(b)!.length || byDossier(a, b));
  for (let capacity = Math.ceil(slots / ids.length); ; capacity++) {
    for (const d of order) for (const j of [...assignment.get(d)!]) remove(d, j);
    let complete = true;
    for (const d of order) for (let k = assignment.get(d)!.length; k < perDossier; k++) complete &&= augment(d, capacity, new Set());
    if (complete) break;
  }
  // Raise the least loaded jurors to the floor by moving single dossiers to them, where allowed.
  for (let moved = true; moved;) {
    moved = false;
    for (const low of ids) {
      if (loads.get(low)! >= floor) continue;
      const donors = ids.filter((j) => loads.get(j)! > loads.get(low)! + 1).sort((a, b) => loads.get(b)! - loads.get(a)! || (a < b ? -1 : 1));
      for (const donor of donors) {
        const d = [...of.get(donor)!].sort(byDossier).find((x) => eligible.get(x)!.includes(low) && !assignment.get(x)!.includes(low));
        if (d) {
          remove(d, donor);
          add(d, low);
          moved = true;
          break;
        }
      }
    }
  }
  for (const list of assignment.values()) list.sort();
  const values = [...loads.values()];
  return { assignment, loads, balanced: Math.max(...values) - Math.min(...values) <= 1, impossible };
}

/** The reason a dossier cannot get its jurors, in French: « dossier 118357 (Ville de X) : 1 juré … ». */
export function impossibleText(x: Impossible, perDossier: number): string {
  const why = x.conflicts.map((c) => `${c.juror} (${joinList(c.reasons)})`);
  return `dossier ${x.dossier} (${x.name}) : ${count(x.eligible, 'juré')} sans conflit d’intérêts pour ${perDossier} demandé${perDossier > 1 ? 's' : ''}${why.length ? ` ; en conflit : ${why.join(', ')}` : ''}`;
}

/** Text safe in a YAML comment: one line, no control character. */
const comment = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();

/** The assignment file, written the same way for the same assignment (staff may edit it). */
export function assignmentYaml(
  year: number,
  perDossier: number,
  dossiers: readonly JuryDossier[],
  result: Pick<AssignResult, 'assignment' | 'loads'>,
  schemaRef: string,
): string {
  const lines = [
    `# yaml-language-server: $schema=${schemaRef}`,
    '#',
    `# Affectation des dossiers de l’édition ${year} aux jurés, écrite par « tnl jury assign ».`,
    '# Vous pouvez la modifier : chaque étape suivante (grilles, collecte) la revérifie',
    '# (conflits d’intérêts, jurés et dossiers connus, nombre de jurés par dossier).',
    `edition: ${year}`,
    `per_dossier: ${perDossier}`,
    'dossiers:',
  ];
  for (const d of [...dossiers].sort((a, b) => byDossier(a.number, b.number)))
    lines.push(`  "${d.number}": [${(result.assignment.get(d.number) ?? []).join(', ')}] # ${comment(d.name)}`);
  lines.push(`# Charge : ${[...result.loads].map(([j, n]) => `${j} ${n}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

interface RawAssignment {
  edition: number;
  per_dossier: number;
  dossiers: Record<string, string[]>;
}

/**
 * An assignment file (perhaps edited by hand) checked against the jurors and the dossiers: known
 * jurors and dossiers, k distinct jurors for each dossier, no conflict of interest. Located.
 */
export function checkAssignment(
  source: YamlSource,
  year: number,
  jurors: readonly Juror[],
  dossiers: readonly JuryDossier[],
): { assignment?: Assignment; perDossier?: number; findings: Finding[] } {
  const findings = checkSchema(source, 'assignment');
  if (findings.length) return { findings };
  const raw = source.data as RawAssignment;
  const add = (rule: string, message: string, path: (string | number)[], severity: Finding['severity'] = 'error') =>
    findings.push(findingAt(source, `jury/${rule}`, message, path, { severity }));
  if (raw.edition !== year) add('edition', `cette affectation est celle de l’édition ${raw.edition}, pas de ${year}`, ['edition']);
  const known = new Map(jurors.map((j) => [j.id, j]));
  const numbers = new Map(dossiers.map((d) => [d.number, d]));
  const assignment: Assignment = new Map();
  for (const [number, list] of Object.entries(raw.dossiers)) {
    const dossier = numbers.get(number);
    if (!dossier) {
      add('unknown-dossier', `dossier ${number} absent de l’export.${didYouMean(closest(number, [...numbers.keys()]))}`, ['dossiers', number]);
      continue;
    }
    const seen = new Set<string>();
    list.forEach((id, i) => {
      const juror = known.get(id);
      if (!juror) add('unknown-juror', `juré « ${id} » inconnu.${didYouMean(closest(id, [...known.keys()]))}`, ['dossiers', number, i]);
      else {
        const reasons = conflictsOf(juror, dossier);
        if (reasons.length)
          add('conflict', `${id} est en conflit d’intérêts avec le dossier ${number} (${dossier.name}) : ${joinList(reasons)}`, ['dossiers', number, i]);
      }
      if (seen.has(id)) add('duplicate-juror', `${id} figure deux fois pour le dossier ${number}`, ['dossiers', number, i]);
      seen.add(id);
    });
    if (seen.size < raw.per_dossier)
      add('too-few-jurors', `le dossier ${number} n’a que ${count(seen.size, 'juré')} pour ${raw.per_dossier} demandés`, ['dossiers', number]);
    assignment.set(number, [...seen].sort());
  }
  for (const d of dossiers)
    if (!assignment.has(d.number) && !Object.hasOwn(raw.dossiers, d.number))
      add('missing-dossier', `le dossier ${d.number} (${d.name}) n’est affecté à aucun juré`, ['dossiers']);
  const loads = new Map(jurors.map((j) => [j.id, 0]));
  for (const list of assignment.values()) for (const id of list) if (loads.has(id)) loads.set(id, loads.get(id)! + 1);
  const values = [...loads.values()];
  if (values.length && Math.max(...values) - Math.min(...values) > 1)
    add(
      'unbalanced',
      `charge déséquilibrée : ${[...loads].map(([j, n]) => `${j} ${n}`).join(', ')} (écart de ${Math.max(...values) - Math.min(...values)})`,
      ['dossiers'],
      'warning',
    );
  return { assignment, perDossier: raw.per_dossier, findings };
}
