/**
 * What tnl reads back from a PDF printed by Chromium: how many pages it has, and on which page
 * each named destination (an element with an `id` that a link points to) landed. Chromium (Skia)
 * writes the page tree and the `/Dests` dictionary as plain objects, so neither needs a PDF library.
 * Pure: bytes in, numbers out.
 */

/** The objects of a PDF, by number: `12 0 obj … endobj`. */
function objects(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of text.matchAll(/(?:^|\s)(\d+) 0 obj\b([\s\S]*?)\bendobj/g)) out.set(Number(m[1]), m[2]!);
  return out;
}

const refs = (s: string): number[] => [...s.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));

/** The page objects in reading order, walking the page tree from the catalogue's /Pages. */
function pageOrder(objs: Map<number, string>): number[] {
  const catalog = [...objs.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o));
  const rootRef = catalog?.match(/\/Pages\s+(\d+) 0 R/)?.[1];
  if (rootRef === undefined) return [];
  const pages: number[] = [];
  const seen = new Set<number>();
  const walk = (n: number): void => {
    if (seen.has(n)) return;
    seen.add(n);
    const o = objs.get(n);
    if (o === undefined) return;
    if (/\/Type\s*\/Pages\b/.test(o)) {
      const kids = o.match(/\/Kids\s*\[([^\]]*)\]/)?.[1] ?? '';
      for (const k of refs(kids)) walk(k);
    } else if (/\/Type\s*\/Page\b/.test(o)) pages.push(n);
  };
  walk(Number(rootRef));
  return pages;
}

/** The number of pages of a PDF made by Chromium (its page tree's /Count). */
export function pdfPageCount(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  let max = 0;
  for (const m of text.matchAll(/\/Count\s+(\d+)/g)) max = Math.max(max, Number(m[1]));
  return max;
}

/** Destination name → 1-based page number, for every named destination of the PDF. */
export function pdfDestinationPages(pdf: Uint8Array): Map<string, number> {
  const text = Buffer.from(pdf).toString('latin1');
  const objs = objects(text);
  const order = pageOrder(objs);
  const pageOf = new Map(order.map((n, i) => [n, i + 1]));
  const out = new Map<string, number>();
  const catalog = [...objs.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o));
  const destsRef = catalog?.match(/\/Dests\s+(\d+) 0 R/)?.[1];
  const dests = destsRef === undefined ? undefined : objs.get(Number(destsRef));
  if (!dests) return out;
  for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
    const name = m[1]!.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const page = pageOf.get(Number(m[2]));
    if (page !== undefined) out.set(name, page);
  }
  return out;
}
