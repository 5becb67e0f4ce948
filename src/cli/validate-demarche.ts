import { InputError, UsageError } from '../findings/errors.js';
import { hasErrors, strictify } from '../findings/finding.js';
import { checkEditionFiles, displayPath, editionFiles, readYaml } from '../files/edition-files.js';
import { ApiError, graphqlCall, scrub } from '../ingest/ds-api.js';
import { liveFormFrom, REVISION_QUERY, type LiveForm } from '../ingest/ds-revision.js';
import { formDrift, writtenAnnotationsDrift, type WrittenAnnotation } from '../ingest/form-drift.js';
import { readDsConfig } from '../files/ds-config.js';
import { formatFindings } from '../output/findings/formatters.js';
import type { Questionnaire } from '../edition/types.js';
import type { Io } from './io.js';
import { rootOf } from './paths.js';
import { parseYear } from './run.js';
import { listEditions } from './validate.js';
import type { ValidateOptions } from './validate-wiring.js';
import { connection, demarcheNumber, type ConnectionOptions } from './ds-connection.js';

/** The latest edition of the workspace whose questionnaire names this démarche. */
export function editionOfDemarche(number: number, root: string | undefined): number | undefined {
  return listEditions(root)
    .filter((y) => checkEditionFiles(editionFiles(y, root)).value?.questionnaire.demarche?.number === number)
    .at(-1);
}

/** The instance the questionnaire of that démarche's edition names, if any. */
export function instanceOfDemarche(number: number, root: string | undefined): string | undefined {
  try {
    const year = editionOfDemarche(number, root);
    return year === undefined ? undefined : checkEditionFiles(editionFiles(year, root)).value?.questionnaire.demarche?.instance;
  } catch {
    // An edition that cannot be read is validate's to say; the download goes to the default instance.
    return undefined;
  }
}

/** The live form of a démarche, read from DS's API (its active revision). */
export async function readLiveForm(number: number, opts: ConnectionOptions, io: Io, fallbackInstance?: string): Promise<LiveForm> {
  const { instance, token, api } = connection({ ...opts, quiet: opts.quiet ?? false }, io, fallbackInstance);
  try {
    const data = await graphqlCall(api, { query: REVISION_QUERY, operationName: 'getDemarcheRevision', variables: { demarcheNumber: number } });
    const form = liveFormFrom(data);
    if (!form) throw new ApiError(`la démarche ${number} est introuvable ou ce jeton n’y a pas accès`);
    return form;
  } catch (e) {
    if (e instanceof ApiError) throw new InputError(scrub(e.message, token), instance.origin);
    throw e;
  }
}

/**
 * `tnl validate --demarche N`: the edition's questionnaire against the démarche's live form. The
 * edition is --edition, else the one whose questionnaire names that démarche.
 */
export async function validateDemarcheCommand(opts: ValidateOptions & ConnectionOptions & { demarche: string }, io: Io): Promise<number> {
  const number = demarcheNumber(opts.demarche);
  const root = rootOf(io, opts.root);
  let year: number;
  if (opts.edition) year = parseYear(opts.edition);
  else {
    const found = editionOfDemarche(number, root);
    if (found === undefined)
      throw new UsageError(`aucune édition ne nomme la démarche ${number} (« demarche: { number: ${number} } » dans le questionnaire) : --edition ANNÉE`);
    year = found;
  }
  const files = editionFiles(year, root);
  const loaded = checkEditionFiles(files);
  const questionnaire: Questionnaire | undefined = loaded.value?.questionnaire;
  if (!questionnaire) {
    io.stdout.write(formatFindings(opts.format, loaded.findings, [displayPath(files.questionnaire), displayPath(files.rubric)]));
    return 1;
  }
  const form = await readLiveForm(number, opts, io, questionnaire.demarche?.instance);
  const { source } = readYaml(files.questionnaire);
  // The annotations tnl ds annoter writes, from the workspace's config: checked now, not at the season's end.
  const ds = readDsConfig(root);
  const written: WrittenAnnotation[] = ds
    ? [
        ...(['niveau_propose', 'total', 'niveau_final'] as const).flatMap((k) =>
          ds.config.annotations[k] ? [{ key: `annotations.${k}`, label: ds.config.annotations[k]!, path: ['ds', 'annotations', k] }] : [],
        ),
        ...Object.entries(ds.config.annotations.volets).map(([v, label]) => ({
          key: `annotations.volets.${v}`,
          label,
          path: ['ds', 'annotations', 'volets', v],
        })),
      ]
    : [];
  const findings = [...formDrift(questionnaire, source, form, written), ...(ds ? writtenAnnotationsDrift(written, ds.source, form) : [])];
  const final = opts.strict ? strictify(findings) : findings;
  io.stdout.write(
    formatFindings(opts.format, final, [
      displayPath(files.questionnaire),
      `démarche ${number} (révision publiée${form.revision.published ? ` le ${form.revision.published.slice(0, 10)}` : ''})`,
    ]),
  );
  return hasErrors(final) ? 1 : 0;
}
