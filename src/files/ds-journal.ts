/**
 * The journal of what tnl wrote to démarches simplifiées, in the workspace (`ds/journal-<démarche>.jsonl`):
 * one JSON line per step, written and synced before the next step starts, so that an interrupted
 * run leaves a record from which the same command continues. It holds dossier numbers, annotation
 * labels, file digests and DS's blob ids — never the token.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makeDir } from './atomic-write.js';

export interface JournalEntry {
  at: string;
  command: 'annoter' | 'envoyer';
  dossier: number;
  step: string;
  [key: string]: unknown;
}

export class DsJournal {
  readonly file: string;
  readonly entries: JournalEntry[];

  constructor(root: string, demarche: number) {
    const dir = join(root, 'ds');
    this.file = join(dir, `journal-${demarche}.jsonl`);
    this.entries = existsSync(this.file)
      ? readFileSync(this.file, 'utf8')
          .split('\n')
          .filter((l) => l.trim())
          .flatMap((l) => {
            try {
              return [JSON.parse(l) as JournalEntry];
            } catch {
              // A line cut by a crash while it was written: the step it began is redone.
              return [];
            }
          })
      : [];
  }

  /** Appends one step, synced to disk before returning. */
  record(entry: Omit<JournalEntry, 'at'>, now: Date): void {
    makeDir(join(this.file, '..'));
    const full = { at: now.toISOString(), ...entry } as JournalEntry;
    const fd = openSync(this.file, 'a');
    try {
      writeSync(fd, `${JSON.stringify(full)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.entries.push(full);
  }

  /** The last entry of a dossier's step, if any. */
  last(command: JournalEntry['command'], dossier: number, step: string): JournalEntry | undefined {
    return [...this.entries].reverse().find((e) => e.command === command && e.dossier === dossier && e.step === step);
  }
}
