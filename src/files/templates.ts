import { typography } from '../util/french.js';
import { mdEscapeText as mdText } from '../util/escape.js';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { readInput } from './read-input.js';
import { join, basename } from 'node:path';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { InputError } from '../findings/errors.js';
import { bundled } from './paths.js';

type HandlebarsModule = typeof import('handlebars');
let hb: HandlebarsModule | undefined;
let hbRuntime: HandlebarsModule | undefined;

/**
 * Handlebars is loaded on first use only (tnl --help stays fast): its runtime alone when every
 * template to render was compiled by the build, the whole library (with its compiler) otherwise.
 */
async function handlebars(compiler: boolean): Promise<HandlebarsModule> {
  if (compiler) return (hb ??= ((await import('handlebars')) as unknown as { default: HandlebarsModule }).default);
  return (hbRuntime ??= ((await import('handlebars/runtime.js')) as unknown as { default: HandlebarsModule }).default);
}

function deepMap(x: unknown, f: (s: string) => string, trusted: ReadonlySet<string>, path = ''): unknown {
  if (typeof x === 'string') return trusted.has(path) ? x : f(x);
  if (Array.isArray(x)) return x.map((v) => deepMap(v, f, trusted, path));
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, deepMap(v, f, trusted, path ? `${path}.${k}` : k)]));
  return x;
}

function templateFile(name: string, dir?: string): string {
  const custom = dir ? join(dir, name) : undefined;
  if (custom && existsSync(custom)) return custom;
  const file = join(bundled.templates, name);
  if (!existsSync(file)) throw new InputError(`modèle introuvable : ${name}`, dir ?? bundled.templates);
  return file;
}

function partials(dir?: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const base of [join(bundled.templates, 'partials'), ...(dir ? [join(dir, 'partials')] : [])]) {
    if (!existsSync(base)) continue;
    for (const f of readdirSync(base).filter((x) => x.endsWith('.hbs') || x.endsWith('.css')))
      out.set(basename(f).replace(/\.(hbs|css)$/, ''), readInput(join(base, f)).toString('utf8'));
  }
  return out;
}

/**
 * Renders a template with a view-model. HTML templates escape every value (Handlebars' default);
 * only the fields named in `trusted` (SVG and fonts made by tnl itself) go in as they are.
 * Markdown templates get every value escaped for Markdown.
 */
export async function render(name: string, vm: object, opts: { dir?: string; trusted?: string[] } = {}): Promise<string> {
  const built = precompiled();
  const file = templateFile(name, opts.dir);
  const raw = readInput(file).toString('utf8');
  // The text written in an HTML template gets the same French spaces as the values (« jury : »).
  const source = templateSource(name, raw);
  // tnl's own templates and partials come compiled by the build when they are unchanged since; others are compiled here.
  const readyTemplate = file === join(bundled.templates, name) ? built?.templates[name] : undefined;
  const templateReady = readyTemplate !== undefined && readyTemplate.sha256 === sha256(source) ? readyTemplate : undefined;
  const partialList = [...partials(opts.dir)].map(([k, v]) => {
    const ready = built?.partials[k];
    return { name: k, source: v, ready: ready && ready.sha256 === sha256(v) ? ready : undefined };
  });
  const H = (await handlebars(!templateReady || partialList.some((p) => !p.ready))).create();
  for (const p of partialList) H.registerPartial(p.name, p.ready ? H.template(specOf(p.ready.spec)) : p.source);
  const trusted = new Set(opts.trusted ?? []);
  let template;
  try {
    template = templateReady ? H.template(specOf(templateReady.spec)) : H.compile(source, templateOptions(name));
  } catch (e) {
    throw new InputError(`modèle invalide : ${(e as Error).message.split('\n')[0]}`, file);
  }
  const data = name.endsWith('.md.hbs') ? deepMap(vm, mdText, trusted) : wrapTrusted(H, vm, trusted);
  try {
    const out = template(data).replace(/\n{3,}/g, '\n\n');
    // Markdown has no style sheet to protect: French no-break spaces apply to the whole text.
    return name.endsWith('.md.hbs') ? typography(out) : out;
  } catch (e) {
    throw new InputError(`modèle invalide : ${(e as Error).message.split('\n')[0]}`, file);
  }
}

/** What is compiled of a template file: HTML text gets its French spaces first. */
export function templateSource(name: string, raw: string): string {
  return name.endsWith('.html.hbs') ? htmlTextTypography(raw) : raw;
}

/** The options a template is compiled with: Markdown templates escape nothing (their values are escaped for Markdown). */
export function templateOptions(name: string): CompileOptions {
  return { strict: false, noEscape: name.endsWith('.md.hbs') };
}

type CompileOptions = { strict: boolean; noEscape: boolean };

/** tnl's templates as `npm run build` compiled them (dist/files/templates.precompiled.cjs), each with the sha256 of its source. */
interface Precompiled {
  templates: Record<string, { sha256: string; spec: string }>;
  partials: Record<string, { sha256: string; spec: string }>;
}
let builtTemplates: Precompiled | null | undefined;

function precompiled(): Precompiled | undefined {
  if (builtTemplates === undefined) {
    try {
      builtTemplates = require('../files/templates.precompiled.cjs') as Precompiled;
    } catch {
      builtTemplates = null; // tests run from the sources: compiled when rendered
    }
  }
  return builtTemplates ?? undefined;
}

/** A compiled template's code, as Handlebars.precompile wrote it at build time (tnl's own files only). */
function specOf(spec: string): TemplateSpecification {
  return new Function(`return ${spec};`)() as TemplateSpecification;
}

type TemplateSpecification = Parameters<HandlebarsModule['template']>[0];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * French spaces in the text of an HTML template, never inside a tag, a Handlebars expression, a
 * style sheet or a script: the text between « > » and « < » only.
 */
export function htmlTextTypography(source: string): string {
  return source.replace(/(<style[\s\S]*?<\/style>)|>([^<]+)</g, (whole, style: string | undefined, text: string | undefined) => {
    if (style !== undefined || text === undefined) return whole;
    const parts = text.split(/(\{\{[\s\S]*?\}\})/);
    return `>${parts.map((p) => (p.startsWith('{{') ? p : typography(p))).join('')}<`;
  });
}

function wrapTrusted(H: HandlebarsModule, vm: object, trusted: ReadonlySet<string>): unknown {
  const wrap = (x: unknown, path: string): unknown => {
    if (typeof x === 'string') return trusted.has(path) ? new H.SafeString(x) : x;
    if (Array.isArray(x)) return x.map((v) => wrap(v, path));
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, wrap(v, path ? `${path}.${k}` : k)]));
    return x;
  };
  return wrap(vm, '');
}

const require = createRequire(import.meta.url);
let fontCss: string | undefined;

/** The print font (Source Sans 3, OFL), embedded as data: URLs so that the page fetches nothing. */
export function embeddedFonts(): string {
  if (fontCss) return fontCss;
  const faces = [400, 600, 700].map((w) => {
    const file = require.resolve(`@fontsource/source-sans-3/files/source-sans-3-latin-${w}-normal.woff2`);
    const data = readFileSync(file).toString('base64');
    return `@font-face{font-family:"Source Sans 3";font-style:normal;font-weight:${w};src:url(data:font/woff2;base64,${data}) format("woff2");}`;
  });
  const ext = [400, 700].map((w) => {
    const file = require.resolve(`@fontsource/source-sans-3/files/source-sans-3-latin-ext-${w}-normal.woff2`);
    return `@font-face{font-family:"Source Sans 3";font-style:normal;font-weight:${w};src:url(data:font/woff2;base64,${readFileSync(file).toString('base64')}) format("woff2");unicode-range:U+0100-024F,U+0259,U+1E00-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF;}`;
  });
  fontCss = [...faces, ...ext].join('\n');
  return fontCss;
}
