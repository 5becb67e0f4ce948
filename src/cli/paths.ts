import { resolve } from 'node:path';
import { findWorkspace, workspaceTemplates, type Workspace } from '../files/workspace.js';
import type { Io } from './io.js';

/** A path of the command line, resolved against the run's working directory. */
export function at(io: Io, path: string): string {
  return resolve(io.cwd, path);
}

/** An optional folder of the command line (--root, --templates), resolved. */
export function atOptional(io: Io, path: string | undefined): string | undefined {
  return path === undefined ? undefined : resolve(io.cwd, path);
}

/** The run's workspace (--root, TNL_ROOT, or found from the working directory upwards); undefined: the bundled examples. */
export function workspaceOf(io: Io, rootOption: string | undefined): Workspace | undefined {
  return findWorkspace(io.cwd, io.env, rootOption);
}

/** The root folder of the run's data, or undefined for the bundled examples. */
export function rootOf(io: Io, rootOption: string | undefined): string | undefined {
  return workspaceOf(io, rootOption)?.root;
}

/** The templates of the run: --templates, else the workspace's templates/ folder; each file falls back to tnl's. */
export function templatesOf(io: Io, opts: { root?: string; templates?: string }): string | undefined {
  return opts.templates !== undefined ? resolve(io.cwd, opts.templates) : workspaceTemplates(workspaceOf(io, opts.root));
}
