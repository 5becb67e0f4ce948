/**
 * The live form of a démarche, as DS's API describes its active revision: every champ and private
 * annotation with its id, stable id, type, label, whether it is required, the options of a
 * drop-down list and the champs of a repetition block. Pure: the answer is passed in.
 */
import { stableIdOf } from './ds-json.js';

const DESCRIPTOR = `__typename id label description required
  ... on DropDownListChampDescriptor { options otherOption }
  ... on MultipleDropDownListChampDescriptor { options }
  ... on LinkedDropDownListChampDescriptor { options }`;

export const REVISION_QUERY = `query getDemarcheRevision($demarcheNumber: Int!) {
  demarche(number: $demarcheNumber) {
    id number title state
    activeRevision {
      id datePublication
      champDescriptors { ${DESCRIPTOR} ... on RepetitionChampDescriptor { champDescriptors { ${DESCRIPTOR} } } }
      annotationDescriptors { ${DESCRIPTOR} ... on RepetitionChampDescriptor { champDescriptors { ${DESCRIPTOR} } } }
    }
  }
}`;

/** One champ (or annotation) of the form. `typename` is DS's (« IntegerNumberChampDescriptor »). */
export interface FormField {
  id: string;
  stableId?: number;
  typename: string;
  label: string;
  description?: string;
  required: boolean;
  options?: string[];
  otherOption?: boolean;
  children?: FormField[];
}

export interface LiveForm {
  demarche: { number: number; title: string; state?: string };
  revision: { id: string; published?: string };
  champs: FormField[];
  annotations: FormField[];
}

type Json = Record<string, unknown>;
const isRecord = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

function field(x: unknown): FormField | undefined {
  if (!isRecord(x) || typeof x.id !== 'string' || typeof x.label !== 'string') return undefined;
  const stableId = stableIdOf(x.id);
  const children = Array.isArray(x.champDescriptors) ? x.champDescriptors.map(field).filter((c): c is FormField => c !== undefined) : undefined;
  return {
    id: x.id,
    ...(stableId !== undefined ? { stableId } : {}),
    typename: typeof x.__typename === 'string' ? x.__typename : 'ChampDescriptor',
    label: x.label,
    ...(typeof x.description === 'string' && x.description ? { description: x.description } : {}),
    required: x.required === true,
    ...(Array.isArray(x.options) ? { options: x.options.filter((o): o is string => typeof o === 'string') } : {}),
    ...(x.otherOption === true ? { otherOption: true } : {}),
    ...(children && x.__typename === 'RepetitionChampDescriptor' ? { children } : {}),
  };
}

/** The `data` of REVISION_QUERY as a LiveForm; undefined when the answer has no démarche. */
export function liveFormFrom(data: Json): LiveForm | undefined {
  const d = data.demarche;
  if (!isRecord(d) || !isRecord(d.activeRevision)) return undefined;
  const r = d.activeRevision;
  const list = (x: unknown) => (Array.isArray(x) ? x.map(field).filter((f): f is FormField => f !== undefined) : []);
  return {
    demarche: { number: Number(d.number), title: String(d.title ?? ''), ...(typeof d.state === 'string' ? { state: d.state } : {}) },
    revision: { id: String(r.id), ...(typeof r.datePublication === 'string' ? { published: r.datePublication } : {}) },
    champs: list(r.champDescriptors),
    annotations: list(r.annotationDescriptors),
  };
}
