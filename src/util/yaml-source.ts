import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';
import { InputError } from '../findings/errors.js';

/** The yaml library, loaded on first use: a command that reads no YAML (a cached edition) skips it. */
let library: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (library ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

/**
 * How far aliases may expand (yaml counts each alias use times the aliases inside what it copies):
 * a rubric may reuse one anchor hundreds of times; a document whose aliases nest to explode is
 * refused.
 */
const MAX_ALIAS_EXPANSION = 10_000;

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  yaml().visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return yaml().visit.BREAK;
    },
  });
  return offset;
}

export type Path = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/**
 * A parsed YAML file that still knows where every value came from, so that schema and semantic
 * checks can report `file:line:column`.
 */
export interface YamlSource {
  file: string;
  data: unknown;
  /** Position of the value at `path` (or of its key with `key: true`); the nearest ancestor when absent. */
  locate(path: Path, opts?: { key?: boolean }): Position;
}

/**
 * Parses YAML text. A syntax error (or a duplicated key) is an InputError with line and column:
 * the file cannot be checked any further.
 */
export function parseYaml(text: string, file: string): YamlSource {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const err = doc.errors[0];
  if (err) {
    const pos = lineCounter.linePos(err.pos[0]);
    throw new InputError(`YAML invalide : ${frenchYamlError(err.code, err.message)}`, file, pos.line, pos.col);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION }) as unknown;
  } catch (e) {
    // yaml refuses an expansion that grows exponentially (« billion laughs »): said at the first alias.
    if (!(e instanceof ReferenceError)) throw e;
    const pos = lineCounter.linePos(firstAliasOffset(doc));
    throw new InputError(
      `YAML refusé : les alias (*nom) s’y multiplient au point de faire exploser la taille du document ; recopiez les valeurs ou utilisez moins d’alias imbriqués`,
      file,
      pos.line,
      pos.col,
    );
  }
  const position = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return {
    file,
    data,
    locate(path, opts = {}) {
      const { node, keyNode } = walk(doc, path);
      const target = opts.key && keyNode ? keyNode : node;
      const range = target?.range;
      return range ? position(range[0]) : { line: 1, column: 1 };
    },
  };
}

function walk(doc: Document, path: Path): { node: Node | undefined; keyNode: Node | undefined } {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  let node: Node | undefined = doc.contents ?? undefined;
  let keyNode: Node | undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      keyNode = pair.key as Node;
      node = (pair.value as Node | null) ?? keyNode;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) break;
      keyNode = item;
      node = item;
    } else {
      break;
    }
  }
  return { node, keyNode };
}

const yamlMessages: Record<string, string> = {
  DUPLICATE_KEY: 'clé en double',
  BAD_INDENT: 'indentation incorrecte',
  MISSING_CHAR: 'caractère manquant',
  MULTILINE_IMPLICIT_KEY: 'une clé implicite doit tenir sur une seule ligne',
  BLOCK_AS_IMPLICIT_KEY: 'un bloc ne peut pas servir de clé implicite',
  UNEXPECTED_TOKEN: 'élément inattendu',
  TAB_AS_INDENT: 'tabulation utilisée pour l’indentation (utilisez des espaces)',
  BAD_SCALAR_START: 'valeur mal commencée (mettez-la entre guillemets)',
  MISSING_ANCHOR: 'ancre inconnue',
  BAD_ALIAS: 'alias invalide',
  ALIAS_PROPS: 'propriétés interdites sur un alias',
  UNEXPECTED_FLOW_ITEM: 'élément de liste ou de dictionnaire en ligne inattendu',
  MULTIPLE_DOCS: 'plusieurs documents YAML dans un même fichier',
  TAG_RESOLVE_FAILED: 'étiquette YAML inconnue',
  BAD_DIRECTIVE: 'directive YAML invalide',
  IMPOSSIBLE: 'structure impossible',
};

function frenchYamlError(code: string, english: string): string {
  const fr = yamlMessages[code];
  const detail = english.split('\n')[0]?.replace(/ at line \d+, column \d+.*$/, '') ?? '';
  if (!fr) return detail;
  const token = /: "(.{1,40})"$/.exec(detail)?.[1];
  return token ? `${fr} : « ${token} »` : fr;
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A finding at a place of a YAML file (the value at `path`, or its key). */
export function findingAt(
  source: YamlSource,
  rule: string,
  message: string,
  path: Path,
  opts: { severity?: 'error' | 'warning' | 'info'; key?: boolean } = {},
): { severity: 'error' | 'warning' | 'info'; rule: string; message: string; file: string; line: number; column: number } {
  const pos = source.locate(path, { key: opts.key ?? false });
  return { severity: opts.severity ?? 'error', rule, message, file: source.file, line: pos.line, column: pos.column };
}
