// Synthetic DS CSV exports of N dossiers for the 2024 form (random answers, fixed seed).
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

// Real authorities, as a real export names them: INSEE codes of communes, SIREN of EPCI, with their
// population (a few declared with a gap, which the INSEE check reports).
const require = createRequire(import.meta.url);
const communes = require('@etalab/decoupage-administratif/data/communes.json').filter((c) => c.type === 'commune-actuelle' && c.population);
const epcis = require('@etalab/decoupage-administratif/data/epci.json').filter((e) => e.populationMunicipale);

const qn = parse(readFileSync(new URL('../questionnaires/2024.yaml', import.meta.url), 'utf8'));
const cell = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function makeExport(file, n, seed = 42) {
  let x = seed;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out = createWriteStream(file);
  const qs = qn.questions.filter((q) => q.type !== 'repetition');
  const head = [
    'ID',
    'Email',
    'État du dossier',
    'Déposé le',
    qn.identity.name.label,
    qn.identity.kind.label,
    qn.identity.code.label,
    qn.identity.population.label,
  ];
  for (const q of qs) head.push(...(q.type === 'commune' ? [q.label, `${q.label} (Code INSEE)`, `${q.label} (Département)`] : [q.label]));
  out.write(head.map(cell).join(',') + '\n');
  const kinds = ['Commune', 'Commune', 'Commune', 'Intercommunalité (EPCI)', 'Syndicat ou établissement public local'];
  for (let i = 0; i < n; i++) {
    const kind = kinds[i % kinds.length];
    const who =
      kind === 'Commune' ? communes[Math.floor(rnd() * communes.length)] : kind.startsWith('Inter') ? epcis[Math.floor(rnd() * epcis.length)] : undefined;
    const population = who ? Math.round((who.population ?? who.populationMunicipale) * (rnd() < 0.05 ? 1.3 : 1)) : Math.floor(100 + rnd() * 200000);
    const row = [
      String(200000 + i),
      `d${i}@example.org`,
      rnd() < 0.9 ? 'En instruction' : 'Accepté',
      '2024-10-02 10:12:00 +0200',
      who ? who.nom : `Syndicat ${i}`,
      kind,
      who?.code ?? '',
      population,
    ];
    for (const q of qs) {
      switch (q.type) {
        case 'yes_no':
          row.push(rnd() < 0.5 ? 'Oui' : 'Non');
          break;
        case 'checkbox':
          row.push(rnd() < 0.5 ? 'on' : 'off');
          break;
        case 'single_choice':
          row.push(q.choices[Math.floor(rnd() * q.choices.length)].label);
          break;
        case 'multiple_choice':
          row.push(
            q.choices
              .filter(() => rnd() < 0.4)
              .map((c) => c.label)
              .join(', '),
          );
          break;
        case 'integer':
          row.push(Math.floor(rnd() * 100));
          break;
        case 'decimal':
          row.push((Math.floor(rnd() * 400) / 10).toFixed(1));
          break;
        case 'date':
          row.push('2024-09-01');
          break;
        case 'text':
          row.push(rnd() < 0.3 ? 'Des habitudes à changer,\nun budget contraint.' : '');
          break;
        case 'commune':
          row.push('Grenoble (38000)', '38185', '38 – Isère');
          break;
      }
    }
    if (!out.write(row.map(cell).join(',') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
