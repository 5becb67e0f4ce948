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

/** The --root option, the same on every command that reads the label's data. */
export const ROOT_HELP =
  'espace de travail (questionnaires/, rubrics/, results/, templates/) ; par défaut : TNL_ROOT, sinon le dossier courant ou le premier parent qui a un tnl.config.yaml, ou questionnaires/ et rubrics/ ; hors de tout espace : les exemples fournis';
