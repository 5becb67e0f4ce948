import { createRequire } from 'node:module';
import type { Edition } from '../edition/types.js';

/** Stamped on every output: which tool, which rules, which input, which day. */
export interface Provenance {
  tool: 'tnl';
  version: string;
  edition: number;
  /** The démarche of the edition's questionnaire: tnl ds writes only there. */
  demarche?: number;
  rubric: { file: string; sha256: string };
  questionnaire: { file: string; sha256: string };
  input?: { file: string; sha256: string };
  decisions?: { file: string; sha256: string };
  /** The jury's grades (`--grades`). */
  grades?: { file: string; sha256: string };
  /** YYYY-MM-DD; SOURCE_DATE_EPOCH (seconds) fixes it for reproducible outputs. */
  date: string;
}

let version: string | undefined;
export function toolVersion(): string {
  return (version ??= (createRequire(import.meta.url)('../../package.json') as { version: string }).version);
}

/** The day of a run: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock's. */
export function runDate(env: Readonly<Record<string, string | undefined>>, now: Date): string {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  const d = env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : now;
  return d.toISOString().slice(0, 10);
}

export function provenance(
  edition: Edition,
  date: string,
  input?: { file: string; sha256: string },
  decisions?: { file: string; sha256: string },
  grades?: { file: string; sha256: string },
): Provenance {
  return {
    tool: 'tnl',
    version: toolVersion(),
    edition: edition.year,
    ...(edition.questionnaire.demarche?.number !== undefined ? { demarche: edition.questionnaire.demarche.number } : {}),
    rubric: { file: edition.files.rubric, sha256: edition.rubricHash },
    questionnaire: { file: edition.files.questionnaire, sha256: edition.questionnaireHash },
    ...(input ? { input } : {}),
    ...(decisions ? { decisions } : {}),
    ...(grades ? { grades } : {}),
    date,
  };
}
