import type { Edition } from '../edition/types.js';
import { count, frNumber } from '../util/french.js';
import { krippendorffAlpha, type Unit } from './agreement.js';
import type { Grades } from './grades.js';

/** The jury page of the cahier: agreement per criterion and overall, the largest disagreements, coverage. Pure. */
export interface JuryPage {
  scale: string;
  rows: { criterion: string; interval: string; ordinal: string; units: string; coverage: string }[];
  overall: { interval: string; ordinal: string; units: string; coverage: string };
  disagreements: { dossier: string; name: string; criterion: string; grades: string; spread: string }[];
  /** How the figures read, for the jury. */
  note: string;
}

const alphaText = (value: number | undefined) => (value === undefined ? 'non mesurable' : frNumber(Math.round(value * 1000) / 1000, 3));

/** One criterion's units: the grades of each dossier, one column per juror. */
function unitsOf(grades: Grades, criterion: string, jurors: readonly string[]): Unit[] {
  return [...grades.values()].map((byCriterion) => {
    const given = byCriterion.get(criterion)?.jurors ?? {};
    return jurors.map((j) => given[j]);
  });
}

export function juryPage(edition: Edition, grades: Grades, names: ReadonlyMap<string, string>, max = 12): JuryPage {
  const jury = edition.rubric.jury!;
  const jurors = [...new Set([...grades.values()].flatMap((c) => [...c.values()].flatMap((g) => Object.keys(g.jurors))))].sort();
  const dossiers = grades.size;
  const coverage = (ids: readonly string[]) => {
    let graded = 0;
    for (const byCriterion of grades.values()) for (const id of ids) if (byCriterion.get(id)?.grade !== undefined) graded++;
    return `${graded} / ${dossiers * ids.length}`;
  };
  const rows = jury.criteria.map((c) => {
    const units = unitsOf(grades, c.id, jurors);
    const interval = krippendorffAlpha(units, 'interval');
    return {
      criterion: c.label,
      interval: alphaText(interval.value),
      ordinal: alphaText(krippendorffAlpha(units, 'ordinal').value),
      units: String(interval.pairable),
      coverage: coverage([c.id]),
    };
  });
  const all = jury.criteria.flatMap((c) => unitsOf(grades, c.id, jurors));
  const overallInterval = krippendorffAlpha(all, 'interval');
  const disagreements = [...grades]
    .flatMap(([dossier, byCriterion]) =>
      jury.criteria.flatMap((c) => {
        const values = Object.entries(byCriterion.get(c.id)?.jurors ?? {});
        if (values.length < 2) return [];
        const list = values.map(([, v]) => v);
        const spread = Math.max(...list) - Math.min(...list);
        return spread > 0 ? [{ dossier, criterion: c, values, spread }] : [];
      }),
    )
    .sort((a, b) => b.spread - a.spread || a.dossier.localeCompare(b.dossier) || a.criterion.id.localeCompare(b.criterion.id))
    .slice(0, max);
  return {
    scale: `de ${jury.scale.min} à ${jury.scale.max}`,
    rows,
    overall: {
      interval: alphaText(overallInterval.value),
      ordinal: alphaText(krippendorffAlpha(all, 'ordinal').value),
      units: String(overallInterval.pairable),
      coverage: coverage(jury.criteria.map((c) => c.id)),
    },
    disagreements: disagreements.map((d) => ({
      dossier: d.dossier,
      name: names.get(d.dossier) ?? `dossier ${d.dossier}`,
      criterion: d.criterion.label,
      grades: d.values.map(([j, v]) => `${j}\u00a0${frNumber(v)}`).join(', '),
      spread: frNumber(d.spread),
    })),
    note:
      `Alpha de Krippendorff : 1 pour un accord parfait, 0 pour un accord dû au hasard ; en dessous de 0,667 les notes d’un critère ` +
      `sont à discuter avant de compter (Krippendorff, 2004). Calculé sur les dossiers notés par au moins deux jurés ; ` +
      `${count(jurors.length, 'juré')}, ${count(dossiers, 'dossier')}.`,
  };
}
