#!/usr/bin/env node
// Entry shim: loads the compiled CLI, or explains how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/bin.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('tnl : le programme n’est pas compilé. Lancez « npm run build » dans le dossier du projet.\n');
  process.exit(2);
}
await import(main.href);
