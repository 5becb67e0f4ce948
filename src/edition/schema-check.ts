import { didYouMean, q } from '../util/french.js';
import { closest } from '../util/suggest.js';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Finding } from '../findings/finding.js';
import { schemaHash } from './schema/ajv-options.js';
import type { Path, YamlSource } from '../util/yaml-source.js';
import { newAjv, type SchemaName } from './schema/ajv-options.js';
import { own } from '../util/own.js';

export type { SchemaName } from './schema/ajv-options.js';

const validators = new Map<SchemaName, ValidateFunction>();
let ajv: ReturnType<typeof newAjv> | undefined;

type Precompiled = Partial<Record<SchemaName, ValidateFunction>> & { hashes: Record<string, string> };
let precompiled: Precompiled | null | undefined;

const load = createRequire(import.meta.url);

/** The JSON Schema itself, as a module (src/edition/schema/, from the sources and from dist/ alike). */
function schemaText(name: SchemaName): string {
  return JSON.stringify(load(`../../src/edition/schema/${name}.schema.json`));
}

/**
 * The validator compiled by `npm run build` (dist/edition/schema/validators.cjs), when it was
 * compiled from the schema as it is now; otherwise (tests run from the sources, a schema edited
 * since the build) Ajv compiles it here, with the same options.
 */
function validator(name: SchemaName): ValidateFunction {
  let v = validators.get(name);
  if (v) return v;
  if (precompiled === undefined) {
    try {
      precompiled = load('../edition/schema/validators.cjs') as Precompiled;
    } catch {
      precompiled = null;
    }
  }
  const text = schemaText(name);
  const built = precompiled?.[name];
  if (built && precompiled?.hashes[name] === schemaHash(text)) v = built;
  else {
    ajv ??= newAjv();
    v = ajv.compile(JSON.parse(text) as object);
  }
  validators.set(name, v);
  return v;
}

/** Checks a parsed YAML file against its JSON Schema; every problem is a located finding. */
export function checkSchema(source: YamlSource, name: SchemaName): Finding[] {
  const validate = validator(name);
  if (validate(source.data)) return [];
  const errors = pruneErrors(validate.errors ?? []);
  return errors.map((e) => toFinding(e, source, name));
}

/**
 * Ajv reports a failing `if/then` and `oneOf` both as the wrapper error and as the inner error;
 * keep the inner one, which says what to fix.
 */
function pruneErrors(errors: ErrorObject[]): ErrorObject[] {
  // A failed oneOf reports each branch's missing property too: keep only the oneOf message.
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const kept = errors.filter((e) => e.keyword !== 'if' && !(e.keyword === 'required' && e.schemaPath.includes('/oneOf/') && oneOfAt.has(e.instancePath)));
  const seen = new Set<string>();
  return kept.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pointerToPath(pointer: string): Path {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function toFinding(e: ErrorObject, source: YamlSource, name: SchemaName): Finding {
  const path = [...pointerToPath(e.instancePath)];
  let keyPos = false;
  if (e.keyword === 'additionalProperties') {
    path.push(String((e.params as { additionalProperty: string }).additionalProperty));
    keyPos = true;
  }
  if (e.keyword === 'propertyNames') {
    path.push(String((e.params as { propertyName: string }).propertyName));
    keyPos = true;
  }
  const pos = source.locate(path, { key: keyPos });
  const where = e.instancePath ? pathLabel(pointerToPath(e.instancePath)) : 'le document';
  return {
    severity: 'error',
    rule: `${name}/schema/${e.keyword}`,
    message: `${where} : ${frenchMessage(e)}`,
    file: source.file,
    line: pos.line,
    column: pos.column,
  };
}

/** `questions[3].type` */
export function pathLabel(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function typeName(t: string | string[]): string {
  const names: Record<string, string> = {
    string: 'un texte',
    number: 'un nombre',
    integer: 'un nombre entier',
    boolean: 'true ou false',
    object: 'un dictionnaire (clé : valeur)',
    array: 'une liste',
    null: 'vide',
  };
  const ts = Array.isArray(t) ? t : [t];
  return ts.map((x) => own(names, x) ?? x).join(' ou ');
}

function frenchMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return `doit être ${typeName(p.type as string)}, pas ${describe(e.data)}`;
    case 'required':
      return `la propriété obligatoire ${q(String(p.missingProperty))} manque`;
    case 'additionalProperties': {
      const bad = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema?.properties as Record<string, unknown>) ?? {});
      const hint = /[\s()…]/.test(bad) ? ' Si c’est la suite d’un libellé qui contient une virgule, mettez ce libellé entre guillemets.' : '';
      return `propriété inconnue ${q(bad)}.${didYouMean(closest(bad, allowed))}${hint}`.trim();
    }
    case 'propertyNames':
      return `clé non autorisée ${q(String(p.propertyName))}`;
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      return `valeur ${q(String(e.data))} non autorisée ; valeurs possibles : ${allowed.join(', ')}.${didYouMean(closest(String(e.data), allowed))}`;
    }
    case 'const':
      return `doit valoir ${q(String(p.allowedValue))}`;
    case 'minimum':
      return `doit être supérieur ou égal à ${p.limit}, pas ${String(e.data)}`;
    case 'maximum':
      return `doit être inférieur ou égal à ${p.limit}, pas ${String(e.data)}`;
    case 'minItems':
      return `doit contenir au moins ${p.limit} élément${Number(p.limit) > 1 ? 's' : ''}`;
    case 'minLength':
      return 'ne doit pas être vide';
    case 'minProperties':
      return `doit contenir au moins ${p.limit} entrée${Number(p.limit) > 1 ? 's' : ''}`;
    case 'pattern':
      return `${q(String(e.data))} n’a pas la forme attendue : ${patternMeaning(e.instancePath, String(p.pattern))}`;
    case 'oneOf':
      return 'doit définir exactement une façon de compter les points : yes, choices, per_item ou bands';
    case 'dependentRequired':
      return `${q(String(p.property))} exige aussi ${q(String(p.missingProperty))}`;
    case 'not':
      return e.schemaPath.includes('allOf/0')
        ? 'seules les questions à choix (single_choice, multiple_choice) ont des options (choices)'
        : 'seuls les blocs répétables (repetition) ont des champs enfants (children)';
    default:
      return e.message ?? e.keyword;
  }
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return 'une valeur vide';
  if (typeof x === 'string') return `le texte ${q(x)}`;
  if (typeof x === 'number') return `le nombre ${x}`;
  if (typeof x === 'boolean') return `la valeur ${x}`;
  if (Array.isArray(x)) return 'une liste';
  return 'un dictionnaire';
}

/** What a pattern asks for, in words, from the name of the property. */
function patternMeaning(pointer: string, pattern: string): string {
  const key = pointer.split('/').pop() ?? '';
  if (key === 'code') return 'un code INSEE (5 caractères, 2A/2B pour la Corse) ou un SIREN (9 chiffres)';
  if (key === 'departement') return 'un numéro de département (38, 2A, 971)';
  if (/date|start|end|published/.test(key)) return 'une date AAAA-MM-JJ';
  if (/^(results|site|questions|instance)$/.test(key)) return 'une adresse commençant par http:// ou https://';
  return `des lettres minuscules sans accent, des chiffres et _ (motif ${pattern})`;
}
