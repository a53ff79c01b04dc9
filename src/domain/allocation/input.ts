/** What an allocation starts from: sites, supplies, transport and the objective. */
import type { Source } from '../coefficients.ts';
import type { LatLon } from '../geo.ts';
import type { CurrentUse } from '../pyramid.ts';
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
  /** Road km from a municipality to a site, when a matrix is given; great circle × detour otherwise. */
  distanceKm?: (municipality: string, site: Site) => number | undefined;
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
