/** The formats of `tnl inspect` (each has its renderer in INSPECT_RENDERERS, src/output/inspect.ts). */
export const INSPECT_FORMATS = ['table', 'json'] as const;
export type InspectFormat = (typeof INSPECT_FORMATS)[number];
