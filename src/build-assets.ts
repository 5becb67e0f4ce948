// npm run build, after tsc: what is derived once from the sources and the libraries, rather than
// on every command (compiled schema validators, the population index of the INSEE check).
import { validatorsFile, validatorsSource } from './edition/schema/compile-validators.js';
import { writeAtomic } from './output/atomic-write.js';
import { buildPopulationIndex, populationsFile } from './territory/population-index.js';

writeAtomic(validatorsFile, validatorsSource());
writeAtomic(populationsFile, `${JSON.stringify(buildPopulationIndex())}\n`);
