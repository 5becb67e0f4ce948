import type { Edition } from '../edition/types.js';
import { byDossier } from '../findings/finding.js';
import type { Dossier } from '../ingest/dossier.js';
import { describeAnswer } from '../output/answer-text.js';
import type { Assignment } from './assign.js';
import type { Juror } from './jurors.js';

/** What one juror's grading sheet holds: a line per dossier and criterion, with what to read beside it. Pure. */
export interface SheetView {
  juror: Juror;
  year: number;
  scale: { min: number; max: number };
  /** Criteria with their guidance, for the sheet's second tab. */
  criteria: { id: string; label: string; guidance: string; points: number }[];
  rows: { dossier: string; name: string; criterion: string; label: string; toRead: string; link?: string }[];
}

/** The dossier's page on the DS instance, for instructors and experts (needs an account there). */
export function dossierLink(edition: Edition, number: string): string | undefined {
  const d = edition.questionnaire.demarche;
  return d?.instance && d.number ? `${d.instance.replace(/\/+$/, '')}/procedures/${d.number}/dossiers/${number}` : undefined;
}

export function sheetViews(edition: Edition, jurors: readonly Juror[], assignment: Assignment, dossiers: readonly Dossier[]): SheetView[] {
  const jury = edition.rubric.jury!;
  const byId = new Map(dossiers.map((d) => [d.number, d]));
  const questions = new Map(edition.questionnaire.questions.map((x) => [x.id, x]));
  return jurors.map((juror) => {
    const mine = [...assignment]
      .filter(([, list]) => list.includes(juror.id))
      .map(([n]) => n)
      .sort(byDossier);
    const rows = mine.flatMap((number) => {
      const d = byId.get(number);
      return jury.criteria.map((c) => {
        const toRead = c.reads
          .map((id) => {
            const question = questions.get(id);
            return question ? `${question.label} — ${d ? describeAnswer(question, d.answers[id]) : 'dossier absent de l’export'}` : id;
          })
          .join('\n');
        const link = dossierLink(edition, number);
        return { dossier: number, name: d?.identity.name ?? `dossier ${number}`, criterion: c.id, label: c.label, toRead, ...(link ? { link } : {}) };
      });
    });
    return {
      juror,
      year: edition.year,
      scale: jury.scale,
      criteria: jury.criteria.map((c) => ({ id: c.id, label: c.label, guidance: c.guidance, points: c.points })),
      rows,
    };
  });
}
