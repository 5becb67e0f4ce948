// npm run build: the script and the style of the self-assessment page (`tnl simulateur`). The
// script is the page's own code with tnl's scoring core, bundled for the browser and minified:
// the page computes levels with the very functions `tnl score` runs, never a copy of them.
import { build, transform } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('..', import.meta.url));
const source = fileURLToPath(new URL('../../src/simulator/page.css', import.meta.url));
const outdir = `${dist}simulator`;
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: [`${dist}simulator/page.js`],
  outfile: `${outdir}/page.min.js`,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020', 'chrome90', 'firefox90', 'safari14'],
  minify: true,
  legalComments: 'none',
  // Nothing of Node may reach the page: a module that needs it fails the build here.
  external: [],
  logLevel: 'warning',
});
const css = await transform(readFileSync(source, 'utf8'), { loader: 'css', minify: true, target: ['chrome90', 'firefox90', 'safari14'] });
writeFileSync(`${outdir}/page.min.css`, css.code);
