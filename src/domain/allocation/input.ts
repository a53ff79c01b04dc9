/** What an allocation starts from: sites, supplies, transport and the objective. */
import type { Source } from '../coefficients.ts';
import type { LatLon } from '../geo.ts';
import type { CurrentUse } from '../pyramid.ts';
import type { ResidueKind } from '../residue-kinds.ts';
import type { Library } from '../scenarios.ts';
import type { Basis } from '../technologies.ts';
import type { Words } from '../text.ts';

export type SiteStatus = 'existing' | 'planned' | 'studied' | 'pilot' | 'candidate';

export interface Site {
  id: string;
  /** A site's own name (one text), or a generated one in both languages (a candidate). */
  name: Words;
  /** First technology of the routes the site runs (data/technologies.json). */
  technology: string;
  /** The whole chain the site runs, starting with `technology`; the best chain when absent. */
  route?: string[];
  /** Residue kinds the site takes (a subset of the technology's inputs); all it accepts when absent. */
  accepts?: string[];
  capacityTonnes: number;
  /** Capacity is tonnes of input per year, wet or dry matter. */
  basis: Basis;
  /** A site that must take at least this much a year to run (t on `basis`). */
  minimumIntakeTonnes?: number;
  position: LatLon;
  /** Municipality the site lies in (may be outside the region). */
  municipality?: string;
  /** Instead of the technology's transport radius. */
  transportRadiusKm?: number;
  status: SiteStatus;
  /** A candidate: opened only if it pays its fixed cost (makes the model a MIP). */
  fixedCostNokPerYear?: number;
  capacityIsAssumption?: boolean;
  note?: Words;
  source?: Source;
}

export interface Supply {
  municipality: string;
  kind: string;
  tonnesWet: number;
}

/** How far a stream travels to a site, as the allocation counts it. */
export interface Haul {
  /** Km a truck drives (on roads, last miles and gathering included). */
  km: number;
  /** Km on car ferries (counted in the radius and the CO2e, not in the truck's cost per km). */
  ferryKm?: number;
  /** Ferry fares, NOK per tonne. */
  ferryNokPerTonne?: number;
  hours?: number;
  method: 'road' | 'great-circle' | 'matrix';
}

export interface TransportParams {
  /** Road km per straight-line km. */
  detourFactor: number;
  costNokPerTonneKm: number;
  kgCo2ePerTonneKm: number;
}

export type Objective = 'value' | 'co2e' | 'weighted';

export interface AllocationInput {
  lib: Library;
  currentUses: CurrentUse[];
  supplies: Supply[];
  sites: Site[];
  /** Representative point per municipality number (for flows from it). */
  positions: Map<string, LatLon>;
  /**
   * The haul from a municipality to a site for a stream of a kind: road distances or a user's matrix.
   * Undefined (or absent) means great circle × detour between the municipality's position and the site.
   */
  haul?: (municipality: string, site: Site, kind: ResidueKind) => Haul | undefined;
  transport: TransportParams;
  objective: Objective;
  /** NOK per tonne CO2e for the weighted objective. */
  co2ePriceNok?: number;
  /** Keep arcs that score no better than the current use (same optimum, bigger model; for benchmarks). */
  keepUnprofitableArcs?: boolean;
  /** Let routes below MATURE_TRL (pilot, laboratory) compete; by default they are left out. */
  includeEmerging?: boolean;
}

/** A linear (or mixed-integer) programme in column-compressed form: what any solver needs. */
