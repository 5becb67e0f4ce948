/**
 * The small error taxonomy of the CLI.
 * - UsageError: bad options (exit 2, with a hint to --help);
 * - InputError: an input that cannot be read or parsed (exit 2, French message with its place);
 * anything else is an internal error (exit 70 would be sysexits; we use 2 and ask for a bug report).
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }

  /** `file:line:column : message` */
  located(): string {
    const where = [this.file, this.line, this.column].filter((x) => x !== undefined).join(':');
    return where ? `${where} : ${this.message}` : this.message;
  }
}

/** An input with several located problems (a decisions file, say): all are printed, exit 2. */
export class FindingsError extends InputError {
  override name = 'FindingsError';
  constructor(
    message: string,
    readonly findings: readonly { file?: string; line?: number; column?: number; message: string }[],
  ) {
    super(message);
  }

  override located(): string {
    const lines = this.findings.map((f) => `  ${[f.file, f.line, f.column].filter((x) => x !== undefined).join(':')} : ${f.message}`);
    return [this.message, ...lines].join('\n');
  }
}
