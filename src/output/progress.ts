/** A one-line progress indicator on stderr; silent when stderr is not a terminal or with --quiet. */
export class Progress {
  private readonly active: boolean;
  private shown = false;

  constructor(
    private readonly stream: { write(s: string): unknown; readonly isTTY?: boolean },
    opts: { quiet: boolean },
  ) {
    this.active = !opts.quiet && Boolean(stream.isTTY);
  }

  update(text: string): void {
    if (!this.active) return;
    this.stream.write(`\r\u001b[2K${text}`);
    this.shown = true;
  }

  /** A bar: `[████░░░░] 12/24 label`. */
  bar(done: number, total: number, label = ''): void {
    const width = 24;
    const filled = total ? Math.round((done / total) * width) : width;
    this.update(`[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${label}`.trimEnd());
  }

  done(): void {
    if (this.active && this.shown) this.stream.write('\r\u001b[2K');
    this.shown = false;
  }
}
