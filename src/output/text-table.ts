/** A plain-text table with aligned columns (numbers right-aligned). Width counts code points. */
export function textTable(header: string[], rows: string[][], right: boolean[], style: { head?: (s: string) => string } = {}): string {
  const len = (s: string) => [...s.replace(/\u001b\[[0-9;]*m/g, '')].length;
  const widths = header.map((h, i) => Math.max(len(h), ...rows.map((r) => len(r[i] ?? ''))));
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - len(s));
    return right[i] ? fill + s : s + fill;
  };
  const line = (cells: string[]) => cells.map(pad).join('  ').trimEnd();
  const head = line(header);
  return [style.head ? style.head(head) : head, widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
