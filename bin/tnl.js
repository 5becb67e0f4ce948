#!/usr/bin/env node
// Entry shim: loads the compiled CLI (bundled by npm run build), or explains how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/bundle/tnl.js', import.meta.url);
const modules = new URL('../dist/cli/bin.js', import.meta.url);
const main = existsSync(fileURLToPath(bundle)) ? bundle : modules;
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('tnl : le programme n’est pas compilé. Lancez « npm run build » dans le dossier du projet.\n');
  process.exit(2);
}
await import(main.href);
