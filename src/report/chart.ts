import type { KeyFigures } from '../history/figures.js';
import { SCALE_LEVELS } from '../history/types.js';
import { xml } from './svg.js';
import { own } from '../util/own.js';

export const LEVEL_COLOURS: Record<string, string> = {
  '1': '#d9ead3',
  '2': '#a9d08e',
  '3': '#6aa84f',
  '4': '#38761d',
  '5': '#1c4410',
  badge: '#9fc5e8',
  bronze: '#b87333',
  argent: '#9e9e9e',
  or: '#d4a017',
};

const LEVEL_NAMES: Record<string, string> = { badge: 'Badge', bronze: 'Bronze', argent: 'Argent', or: 'Or' };
export const levelName = (id: string) => own(LEVEL_NAMES, id) ?? `Niveau ${id}`;

/** The fill of laureates whose level was not published: a hatch, told apart without colour or opacity. */
const UNKNOWN_FILL = 'url(#niveau-inconnu)';
/**
 * Every other level of a scale is dotted, so that two adjacent segments always differ by more than
 * their colour (the greens of neighbouring levels are too close for 3:1).
 */
const DOTTED = new Set(['2', '4', 'bronze', 'or']);
const dottedId = (id: string) => `niveau-${id}`;
const fillOf = (id: string) => (DOTTED.has(id) ? `url(#${dottedId(id)})` : LEVEL_COLOURS[id]!);
const PATTERNS =
  '<defs><pattern id="niveau-inconnu" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#555555" stroke-width="2"/></pattern>' +
  [...DOTTED]
    .map(
      (id) =>
        `<pattern id="${dottedId(id)}" patternUnits="userSpaceOnUse" width="5" height="5"><rect width="5" height="5" fill="${LEVEL_COLOURS[id]}"/><circle cx="2.5" cy="2.5" r="1" fill="#ffffff"/></pattern>`,
    )
    .join('') +
  '</defs>';

/**
 * Laureates per level and per edition, as stacked bars; plain SVG made before rendering (the page
 * runs no script). Each bar is as high as the edition's published number of laureates: the levels
 * known are stacked, and the laureates whose level was not published fill the rest with a hatch
 * (named in the legend), so that an edition known in part never looks smaller than it was. A count
 * that is only a lower bound is written « ≥ N ».
 */
export function laureatesChart(f: KeyFigures): string {
  const W = 680;
  const H = 300;
  const left = 36;
  const bottom = 40;
  const top = 20;
  const editions = f.perEdition.map((e) => {
    const known = Object.values(e.levels).reduce((s, v) => s + v.value, 0);
    const total = Math.max(known, e.laureates.value);
    return { ...e, known, total, unknown: total - known, lowerBound: e.laureates.lowerBound || (e.laureates.value < known && !e.complete) };
  });
  const max = Math.max(5, ...editions.map((e) => e.total));
  const step = Math.ceil(max / 5 / 5) * 5 || 5;
  const yMax = Math.ceil(max / step) * step;
  const plotH = H - top - bottom;
  const slot = (W - left - 10) / Math.max(1, editions.length);
  const barW = Math.min(44, slot * 0.62);
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H + 46}" width="100%" role="img" aria-label="Lauréats par niveau et par édition">`);
  parts.push(PATTERNS);
  for (let v = 0; v <= yMax; v += step) {
    parts.push(`<line x1="${left}" x2="${W - 6}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd" stroke-width="0.6"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(v) + 3.5).toFixed(1)}" font-size="10" text-anchor="end" fill="#555">${v}</text>`);
  }
  const bar = (x: number, from: number, v: number, fill: string, title: string) => {
    const y0 = y(from + v);
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${y0.toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(from) - y0).toFixed(1)}" fill="${fill}" stroke="#ffffff" stroke-width="0.5"><title>${xml(title)}</title></rect>`,
    );
  };
  editions.forEach((e, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    let acc = 0;
    for (const id of SCALE_LEVELS[e.scale]) {
      const v = e.levels[id]?.value ?? 0;
      if (!v) continue;
      bar(x, acc, v, fillOf(id), `${e.year} – ${levelName(id)} : ${v}`);
      acc += v;
    }
    if (e.unknown > 0) bar(x, acc, e.unknown, UNKNOWN_FILL, `${e.year} – niveau non publié : ${e.unknown}`);
    const label = `${e.lowerBound ? '≥ ' : ''}${e.total}`;
    parts.push(
      `<text x="${(x + barW / 2).toFixed(1)}" y="${(y(e.total) - 4).toFixed(1)}" font-size="10" text-anchor="middle" fill="#333">${xml(label)}</text>`,
    );
    parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${H - bottom + 14}" font-size="11" text-anchor="middle" fill="#333">${e.year}</text>`);
  });
  const legend: { fill: string; label: string }[] = ['1', '2', '3', '4', '5', 'badge', 'bronze', 'argent', 'or']
    .filter((id) => editions.some((e) => (e.levels[id]?.value ?? 0) > 0))
    .map((id) => ({ fill: fillOf(id), label: levelName(id) }));
  if (editions.some((e) => e.unknown > 0)) legend.push({ fill: UNKNOWN_FILL, label: 'niveau non publié' });
  legend.forEach((l, i) => {
    const lx = left + i * 72;
    parts.push(`<rect x="${lx}" y="${H - 6}" width="10" height="10" fill="${l.fill}" stroke="#555555" stroke-width="0.5"/>`);
    parts.push(`<text x="${lx + 14}" y="${H + 3}" font-size="10" fill="#333">${xml(l.label)}</text>`);
  });
  if (editions.some((e) => e.lowerBound))
    parts.push(
      `<text x="${left}" y="${H + 26}" font-size="9" fill="#666">≥ : édition dont ni la liste complète ni le nombre de lauréats n’ont été publiés ; le chiffre est un minimum.</text>`,
    );
  parts.push('</svg>');
  return parts.join('');
}

/** The chart's data as a table (its text alternative): per edition, the laureates and each level. */
export function laureatesChartRows(f: KeyFigures): { year: number; total: string; levels: string }[] {
  return f.perEdition.map((e) => {
    const known = Object.values(e.levels).reduce((s, v) => s + v.value, 0);
    const total = Math.max(known, e.laureates.value);
    const lower = e.laureates.lowerBound || (e.laureates.value < known && !e.complete);
    const parts = SCALE_LEVELS[e.scale].filter((id) => (e.levels[id]?.value ?? 0) > 0).map((id) => `${levelName(id)} : ${e.levels[id]!.value}`);
    if (total > known) parts.push(`niveau non publié : ${total - known}`);
    return { year: e.year, total: `${lower ? 'au moins ' : ''}${total}`, levels: parts.join(' · ') || '—' };
  });
}
