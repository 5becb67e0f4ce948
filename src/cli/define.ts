import type { Command } from 'commander';
import type { Io } from './io.js';

/** A command's work: given the run's I/O, returns the exit code (0 ok, 1 checks failed, 2 usage or input). */
export type Action = (io: Io) => Promise<number> | number;

/** Runs an action for the program being parsed: errors become French messages and exit codes. */
export type Run = (action: Action) => Promise<void>;

/** Declares a command (its options, help and examples) on the program; its action goes through `run`. */
export type Define = (program: Command, run: Run) => void;

/** A repeatable option: each use adds a value. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
