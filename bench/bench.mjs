#!/usr/bin/env node
// npm run bench: measures tnl on this machine and says whether each target holds.
// Writes bench/results.json. Sizes and targets are those of the project's issues.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExport } from './make-export.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = join(root, 'bench', 'tmp');
mkdirSync(tmp, { recursive: true });
const env = { ...process.env, NO_COLOR: '1' };

function measure(args, runs = 1) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [join(root, 'bench', 'measure.mjs'), ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    const line = (r.output[3] ?? '').trim().split('\n').pop();
    if (!line) throw new Error(`échec de « tnl ${args.join(' ')} » : ${r.stderr}`);
    samples.push(JSON.parse(line));
  }
  samples.sort((a, b) => a.ms - b.ms);
  return samples[Math.floor(samples.length / 2)];
}

function time(cmd, args, runs = 5) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`échec de ${cmd} ${args.join(' ')}`);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(runs / 2)];
}

const rows = [];
const add = (name, value, target, holds) => {
  rows.push({ name, value, target, holds });
  console.log(`${holds ? '✓' : '✗'} ${name.padEnd(44)} ${value.padEnd(24)} cible : ${target}`);
};

console.log(`tnl — mesures sur ${process.platform}, Node ${process.versions.node}\n`);
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('lancez d’abord npm run build');

// Each command that prints no PDF, at the size of a real season (the 24 dossiers of the example
// edition), against a bare node start measured in the same run (issue 16: within 2 × node -e 0).
const bare = time(process.execPath, ['-e', '0'], 11);
const tnlBin = join(root, 'bin', 'tnl.cjs');
const press2024 = join(root, 'fixtures', 'press-2024.yaml');
const ds2024 = join(root, 'fixtures', 'ds-2024.json');
const season = [
  ['tnl --version', ['--version']],
  ['tnl --help', ['--help']],
  ['tnl validate --edition 2024', ['validate', '--edition', '2024']],
  ['tnl inspect (24 dossiers)', ['inspect', join(root, 'fixtures', 'ds-2024.csv'), '--edition', '2024']],
  ['tnl score (24 dossiers)', ['score', ds2024, '--edition', '2024']],
  ['tnl explain (24 dossiers)', ['explain', ds2024, '--edition', '2024', '--dossier', '118357']],
  ['tnl history', ['history']],
  ['tnl report communique (Markdown)', ['report', 'communique', '--edition', '2024', '--press', press2024]],
  ['tnl rubric diff (24 dossiers)', ['rubric', 'diff', ds2024, '--from', join(root, 'rubrics', '2024.yaml'), '--to', join(root, 'rubrics', '2024.yaml')]],
];
// A first run of each fills the cache of checked files, as any second command of a day does.
for (const [, args] of season) spawnSync(process.execPath, [tnlBin, ...args], { cwd: root, env, stdio: 'ignore' });
for (const [name, args] of season) {
  const ms = time(process.execPath, [tnlBin, ...args], 11);
  add(name, `${ms.toFixed(0)} ms, × ${(ms / bare).toFixed(2)} (node seul : ${bare.toFixed(0)} ms)`, '≤ 2 × node -e 0', ms <= 2 * bare);
}

// tnl score at three sizes.
const sizes = [1000, 10000, 100000];
const perDossier = [];
for (const n of sizes) {
  const file = join(tmp, `export-${n}-v2.csv`); // v2: real INSEE and SIREN codes
  if (!existsSync(file)) await makeExport(file, n);
  const m = measure(['score', file, '--edition', '2024', '--format', 'json', '--out', join(tmp, `notes-${n}.json`), '--quiet'], n >= 100000 ? 1 : 5);
  perDossier.push(m.ms / n);
  const target = n === 10000 ? '< 1 s et < 300 Mo' : n === 100000 ? '< 10 s' : '—';
  const holds = n === 10000 ? m.ms < 1000 && m.maxRssMb < 300 : n === 100000 ? m.ms < 10000 : true;
  add(`tnl score, ${n.toLocaleString('fr-FR')} dossiers (JSON)`, `${(m.ms / 1000).toFixed(2)} s, ${m.maxRssMb.toFixed(0)} Mo`, target, holds);
  if (n === 10000)
    for (const format of ['csv', 'md', 'table']) {
      const f = measure(['score', file, '--edition', '2024', '--format', format, '--out', join(tmp, `notes-${n}.${format}`), '--quiet'], 5);
      add(
        `tnl score, ${n.toLocaleString('fr-FR')} dossiers (${format})`,
        `${(f.ms / 1000).toFixed(2)} s, ${f.maxRssMb.toFixed(0)} Mo`,
        '< 1 s et < 300 Mo',
        f.ms < 1000 && f.maxRssMb < 300,
      );
    }
}
const ratio = perDossier[2] / perDossier[1];
add('coût par dossier, 100 000 / 10 000', `× ${ratio.toFixed(2)}`, '≈ linéaire (< × 1,5)', ratio < 1.5);

// A hostile header: 30 000 and 100 000 columns, matched in linear time (issue 13).
const wide = (n) => {
  const file = join(tmp, `wide-${n}.csv`);
  if (!existsSync(file)) {
    const head = ['ID', 'État du dossier', ...Array.from({ length: n }, (_, i) => `Colonne ${i}`)];
    writeFileSync(file, `${head.join(',')}\n${['1', 'En instruction', ...Array(n).fill('x')].join(',')}\n`);
  }
  return measure(['inspect', file, '--edition', '2024', '--format', 'json'], 3);
};
const w30 = wide(30000);
const w100 = wide(100000);
add('en-tête de 30 000 colonnes (tnl inspect)', `${(w30.ms / 1000).toFixed(2)} s`, '< 5 s (14 s avant)', w30.ms < 5000);
const perColumn = w100.ms / 100000 / (w30.ms / 30000);
add('coût par colonne, 100 000 / 30 000', `× ${perColumn.toFixed(2)} (${(w100.ms / 1000).toFixed(1)} s)`, 'linéaire (< × 1,5)', perColumn < 1.5);

// The communiqué PDF against Chromium alone printing the same HTML.
const press = join(root, 'fixtures', 'press-2024.yaml');
const html = join(tmp, 'communique-2024.html');
spawnSync(process.execPath, [join(root, 'bin', 'tnl.cjs'), 'report', 'communique', '--edition', '2024', '--press', press, '--format', 'html', '--out', html], {
  cwd: root,
  env,
});
const chromium = ['/usr/bin/chromium', process.env.PUPPETEER_EXECUTABLE_PATH].find((p) => p && existsSync(p));
/** Chromium alone printing an HTML file to PDF: the baseline of the PDF rows (median of `runs`). */
const chromiumPrint = (htmlFile, pdfFile, runs) =>
  time(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdfFile}`,
      `file://${htmlFile}`,
    ],
    runs,
  );
if (chromium) {
  const pdfTnl = time(
    process.execPath,
    [join(root, 'bin', 'tnl.cjs'), 'report', 'communique', '--edition', '2024', '--press', press, '--format', 'pdf', '--out', join(tmp, 'communique-tnl.pdf')],
    5,
  );
  const pdfBare = chromiumPrint(html, join(tmp, 'communique-chromium.pdf'), 5);
  add(
    'PDF du communiqué (tnl report)',
    `${pdfTnl.toFixed(0)} ms (Chromium seul : ${pdfBare.toFixed(0)} ms)`,
    '≤ 1,3 × chromium --print-to-pdf',
    pdfTnl <= 1.3 * pdfBare,
  );
} else add('PDF du communiqué', 'Chromium absent', '≤ 1,3 × chromium --print-to-pdf', false);

// The 24 feedback PDFs of the example edition, one browser.
if (chromium) {
  const fiches = time(
    process.execPath,
    [join(root, 'bin', 'tnl.cjs'), 'fiches', join(root, 'fixtures', 'ds-2024.json'), '--edition', '2024', '--out', join(tmp, 'fiches'), '--quiet'],
    1,
  );
  add('tnl fiches, 24 PDF', `${(fiches / 1000).toFixed(1)} s`, '< 30 s', fiches < 30000);

  // The jury's book of 24 dossiers against one print of the same book by Chromium alone (issue 16: ≤ 2 ×).
  const book = join(tmp, 'cahier-2024.pdf');
  const cahier = time(process.execPath, [tnlBin, 'cahier', ds2024, '--edition', '2024', '--out', book, '--quiet'], 3);
  const bookHtml = join(tmp, 'cahier-2024.html');
  spawnSync(process.execPath, [join(root, 'bench', 'cahier-html.mjs'), ds2024, bookHtml], { cwd: root, env, stdio: 'inherit' });
  const onePrint = chromiumPrint(bookHtml, join(tmp, 'cahier-chromium.pdf'), 3);
  add(
    'tnl cahier, 24 dossiers',
    `${cahier.toFixed(0)} ms (une impression par Chromium seul : ${onePrint.toFixed(0)} ms)`,
    '≤ 2 × une impression',
    cahier <= 2 * onePrint,
  );
}

const results = { date: new Date().toISOString(), node: process.versions.node, cpus: (await import('node:os')).cpus().length, rows };
writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log('\nRésultats écrits dans bench/results.json');
process.exitCode = rows.every((r) => r.holds) ? 0 : 1;
