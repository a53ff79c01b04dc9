/** How the data's ids read in a message: residue kinds, technologies and municipalities by name. */
import type { ReferenceData } from '../domain/reference-data.ts';
import type { Library } from '../domain/scenarios.ts';
import type { Names } from '../messages/catalogue.ts';

export function messageNames(
  data: Pick<ReferenceData, 'kinds' | 'registry'>,
  lib?: Pick<Library, 'technologies'>,
): Names {
  return {
    kind: (id, lang) => data.kinds.find((k) => k.id === id)?.name[lang] ?? id,
    technology: (id, lang) => lib?.technologies.find((t) => t.id === id)?.name[lang] ?? id,
    municipality: (nr) => {
      const m = data.registry.municipalities.get(nr);
      return m ? `${m.name} (${nr})` : nr;
    },
  };
}

/**
 * Names for a text a client reads (the audit's findings): as `messageNames`, but a municipality by
 * its name alone, since a reader does not type its number anywhere.
 */
export function readerNames(
  data: Pick<ReferenceData, 'kinds' | 'registry'>,
  lib?: Pick<Library, 'technologies'>,
): Names {
  return {
    ...messageNames(data, lib),
    municipality: (nr) => data.registry.municipalities.get(nr)?.name ?? nr,
  };
}
