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

/**
 * Laureates per level and per edition, as stacked bars; plain SVG made before rendering (the page
 * runs no script). An edition known only in part is drawn lighter and marked with an asterisk.
 */
export function laureatesChart(f: KeyFigures): string {
  const W = 680;
  const H = 300;
  const left = 36;
  const bottom = 40;
  const top = 20;
  const editions = f.perEdition;
  const totals = editions.map((e) => Object.values(e.levels).reduce((s, v) => s + v.value, 0));
  const max = Math.max(5, ...totals);
  const step = Math.ceil(max / 5 / 5) * 5 || 5;
  const yMax = Math.ceil(max / step) * step;
  const plotH = H - top - bottom;
  const slot = (W - left - 10) / Math.max(1, editions.length);
  const barW = Math.min(44, slot * 0.62);
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H + 46}" width="100%" role="img" aria-label="Lauréats par niveau et par édition">`);
  for (let v = 0; v <= yMax; v += step) {
    parts.push(`<line x1="${left}" x2="${W - 6}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd" stroke-width="0.6"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(v) + 3.5).toFixed(1)}" font-size="10" text-anchor="end" fill="#555">${v}</text>`);
  }
  editions.forEach((e, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    let acc = 0;
    for (const id of SCALE_LEVELS[e.scale]) {
      const v = e.levels[id]?.value ?? 0;
      if (!v) continue;
      const y0 = y(acc + v);
      const h = y(acc) - y0;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y0.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${LEVEL_COLOURS[id]}" opacity="${e.complete ? 1 : 0.75}"><title>${xml(`${e.year} – ${levelName(id)} : ${v}`)}</title></rect>`);
      acc += v;
    }
    const label = `${totals[i]}${e.complete ? '' : '*'}`;
    parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${(y(acc) - 4).toFixed(1)}" font-size="10" text-anchor="middle" fill="#333">${xml(label)}</text>`);
    parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${H - bottom + 14}" font-size="11" text-anchor="middle" fill="#333">${e.year}</text>`);
  });
  const legend = ['1', '2', '3', '4', '5', 'badge', 'bronze', 'argent', 'or'].filter((id) => editions.some((e) => (e.levels[id]?.value ?? 0) > 0));
  legend.forEach((id, i) => {
    const lx = left + i * 72;
    parts.push(`<rect x="${lx}" y="${H - 6}" width="10" height="10" fill="${LEVEL_COLOURS[id]}"/>`);
    parts.push(`<text x="${lx + 14}" y="${H + 3}" font-size="10" fill="#333">${xml(levelName(id))}</text>`);
  });
  parts.push(`<text x="${left}" y="${H + 26}" font-size="9" fill="#666">* édition connue en partie : seuls les lauréats ou les chiffres publiés connus sont comptés.</text>`);
  parts.push('</svg>');
  return parts.join('');
}
