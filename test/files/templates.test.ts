import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { render as renderFromSources, templateSource } from '../../src/files/templates.js';
import { root } from '../helpers/cli.js';

/** The templates compiled by the build (dist/), and the same rendered by compiling them at run time (src/). */
describe('tnl’s templates, compiled by the build', () => {
  const built = createRequire(import.meta.url)(join(root, 'dist', 'files', 'templates.precompiled.cjs')) as {
    templates: Record<string, { sha256: string }>;
  };

  it('every template of templates/ is there, compiled from its current source', () => {
    const names = readdirSync(join(root, 'templates')).filter((f) => f.endsWith('.hbs'));
    expect(Object.keys(built.templates).sort()).toEqual(names.sort());
    for (const name of names) {
      const source = templateSource(name, readFileSync(join(root, 'templates', name), 'utf8'));
      expect(built.templates[name]!.sha256, name).toBe(createHash('sha256').update(source).digest('hex'));
    }
  });

  it('renders exactly as the template compiled at run time, Markdown and HTML', async () => {
    const fromBuild = (await import(join(root, 'dist', 'files', 'templates.js'))) as typeof import('../../src/files/templates.js');
    const vm = {
      year: 2024,
      title: 'Résultats « 2024 » : <b>tous</b> & *les* lauréats',
      levels: [{ title: 'Niveau 5', laureates: [{ name: 'Ville d’Échirolles <script>', departement: '38' }] }],
      jury: [{ name: 'A & B' }],
    };
    for (const name of ['resultats.md.hbs', 'resultats.html.hbs', 'communique.md.hbs', 'fiche.md.hbs']) {
      expect(await fromBuild.render(name, vm), name).toBe(await renderFromSources(name, vm));
    }
  });
});
