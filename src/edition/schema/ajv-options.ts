import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Ajv2020, Options } from 'ajv/dist/2020.js';

export const SCHEMA_NAMES = ['questionnaire', 'rubric', 'results', 'decisions', 'press', 'jurors', 'assignment', 'grades'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** The options of every validator, compiled at build time or, failing that, at run time. */
export const AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true };

/** Ajv, loaded only when a schema must be compiled (it is a large module). */
export function newAjv(options: Options = AJV_OPTIONS): Ajv2020 {
  const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  return new Ajv2020(options);
}

/** The fingerprint that ties a compiled validator to its schema: sha256 of the schema as JSON. */
export function schemaHash(schemaJson: string): string {
  return createHash('sha256').update(schemaJson).digest('hex');
}
