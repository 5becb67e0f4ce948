/** What scoring needs to know of the territory: reference populations and the EPCI of a commune (src/territory/insee.ts). */
export interface TerritoryLookup {
  population(code: string, kind: string): { population: number; name: string } | undefined | 'unchecked';
  /** The EPCI a commune (INSEE code) belongs to: resolves an EPCI candidate from its seat. */
  epciOfCommune?(communeCode: string): { code: string; name: string } | undefined;
}
