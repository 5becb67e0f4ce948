import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The package root (this file is compiled to dist/paths.js). */
export const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

export const bundled = {
  questionnaires: join(packageRoot, 'questionnaires'),
  rubrics: join(packageRoot, 'rubrics'),
  results: join(packageRoot, 'results'),
  templates: join(packageRoot, 'templates'),
  fixtures: join(packageRoot, 'fixtures'),
  /** The starter files of a workspace (tnl init in an empty folder). */
  workspace: join(packageRoot, 'templates', 'workspace'),
  /** The script and style of the self-assessment page, built by npm run build. */
  simulator: join(packageRoot, 'dist', 'simulator'),
};

export function schemaPath(name: string): string {
  return join(packageRoot, 'src', 'edition', 'schema', `${name}.schema.json`);
}
