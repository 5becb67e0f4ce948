import { hasErrors, type Finding } from '../findings/finding.js';
import { isRecord, type YamlSource } from '../util/yaml-source.js';
import { buildQuestionnaire, checkQuestionnaire, type RawQuestionnaire } from './questionnaire.js';
import { buildRubric, type RawRubric } from './rubric.js';
import { checkRubric } from './rubric-checks.js';
import { checkSchema } from './schema-check.js';
import type { Edition, Questionnaire } from './types.js';

// An edition from its parsed YAML files: schema, then coherence, then the typed model. Pure: the
// files are read by the shell (src/files/edition-files.ts).

export interface Loaded<T> {
  value?: T;
  findings: Finding[];
}

export function questionnaireFromSource(source: YamlSource): Loaded<Questionnaire> {
  const findings = checkSchema(source, 'questionnaire');
  if (findings.length) return { findings };
  const raw = source.data as RawQuestionnaire;
  findings.push(...checkQuestionnaire(raw, source));
  return { value: buildQuestionnaire(raw), findings };
}

export function rubricFromSource(source: YamlSource, questionnaire: Questionnaire): Loaded<Edition['rubric']> {
  const findings = checkSchema(source, 'rubric');
  if (findings.length) return { findings };
  const raw = source.data as RawRubric;
  findings.push(...checkRubric(raw, questionnaire, source));
  if (hasErrors(findings)) return { findings };
  return {
    value: buildRubric(
      raw,
      questionnaire.volets.map((v) => v.id),
    ),
    findings,
  };
}

export type FileKind = 'questionnaire' | 'rubric' | 'results' | 'unknown';

export function sniffKind(data: unknown): FileKind {
  if (!isRecord(data)) return 'unknown';
  if (Array.isArray(data.questions) || isRecord(data.identity)) return 'questionnaire';
  if (Array.isArray(data.levels) || isRecord(data.strata)) return 'rubric';
  if (Array.isArray(data.laureates)) return 'results';
  return 'unknown';
}
