import type { CoefficientProfile } from './coefficients.ts';
import type { MunicipalityRegistry } from './municipalities.ts';
import type { Dataset, Observation, StatisticsIndex } from './observations.ts';
import type { Region } from './regions.ts';
import type { ResidueKind } from './residue-kinds.ts';

/** Everything the residue engine reads, whether it came from data/ files or from the store. */
export interface ReferenceData {
  /** The data folder it came from (files the store does not hold, such as boundaries, live there). */
  dataDir: string;
  registry: MunicipalityRegistry;
  regions: Region[];
  datasets: Dataset[];
  observations: Observation[];
  statistics: StatisticsIndex;
  kinds: ResidueKind[];
  profiles: CoefficientProfile[];
}
