/** What every section of the report reads: the data, the library, the region, the language. */

import type { Kysely } from 'kysely';
import type { DataFiles } from '../app/data-files.ts';
import type { CoefficientProfile } from '../domain/coefficients.ts';
import type { LatLon } from '../domain/geo.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import type { Region } from '../domain/regions.ts';
import type { LoadedLibrary } from '../ingest/library.ts';
import type { Database } from '../store/schema.ts';
import type { Boundary } from './boundaries.ts';
import type { RegionEstimate } from './estimate.ts';
import type { Lang } from './format.ts';
import type { Texts } from './i18n/texts.ts';

export interface ReportContext {
  data: ReferenceData;
  lib: LoadedLibrary;
  /** data/'s files (sectors, the seed report, boundaries …), read once per workspace. */
  files: DataFiles;
  /** The store, for actors and users' scenarios; absent in tests that run on data/ alone. */
  db?: Kysely<Database>;
  region: Region;
  profile: CoefficientProfile;
  year?: number;
  lang: Lang;
  T: Texts;
  boundaries: Map<string, Boundary>;
  centroids: Map<string, LatLon>;
  estimate: RegionEstimate;
  /** "Gjøvik" for 3407. */
  name: (nr: string) => string;
  /** The residue kind's name in the report's language. */
  kindName: (id: string) => string;
}
