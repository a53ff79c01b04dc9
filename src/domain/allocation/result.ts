/** What an allocation answers: flows, sites, streams, what is left and why, and the model's size. */
import type { Message } from '../message.ts';
import type { Basis } from '../technologies.ts';
import type { Words } from '../text.ts';
import type { Haul, Objective, SiteStatus } from './input.ts';
import type { SolverStatus } from './lp.ts';
import type { UnallocatedReason } from './model.ts';

export interface Flow {
  from: string;
  kind: string;
  site: string;
  technology: string;
  route: string[];
  /** Yields of the route no source gives: a placeholder route, marked wherever it shows. */
  placeholders: string[];
  tonnes: number;
  /** Km a truck drives (see Haul). */
  km: number;
  /** Km on car ferries, where the haul takes one. */
  ferryKm?: number;
  /** Ferry fares, NOK per tonne (in transportNokPerTonne). */
  ferryNokPerTonne?: number;
  hours?: number;
  /** How the km were measured. */
  distance: Haul['method'];
  /** Route value per tonne wet, net of opex, before transport. */
  valueNokPerTonne: number;
  transportNokPerTonne: number;
  /** tonnes × (value − transport). */
  valueNok: number;
  /** tonnes × (route CO2e − transport CO2e). */
  co2eTonnes: number;
  /** Over leaving the stream in its current use. */
  upliftNok: number;
}

export interface SiteResult {
  id: string;
  name: Words;
  technology: string;
  status: SiteStatus;
  open: boolean;
  usedTonnes: number;
  capacityTonnes: number;
  basis: Basis;
  capacityIsAssumption: boolean;
  capacityBinds: boolean;
  radiusKm: number;
  /** Streams that would pay at this site lie beyond its radius while it has room. */
  radiusBinds: boolean;
  /** What one more tonne of capacity would add, in the objective's unit (LP only). */
  shadowPrice: number | null;
  shadowPriceNokPerTonne: number | null;
  valueNok: number;
  co2eTonnes: number;
  inflowTonnesWet: number;
}

export interface StreamResult {
  kind: string;
  supplyTonnes: number;
  allocatedTonnes: number;
  valueNok: number;
  co2eTonnes: number;
  baselineValueNok: number;
  baselineCo2eTonnes: number;
  upliftNok: number;
}

export interface Unallocated {
  municipality: string;
  kind: string;
  tonnes: number;
  reason: UnallocatedReason;
  /** The reason in words, as a message code. */
  detail: Message;
}

export interface MarketResult {
  product: string;
  scope: string;
  /** The market's size, t of product a year. */
  marketTonnes: number;
  producedTonnes: number;
  soldTonnes: number;
  /** What the sales bring, NOK a year (each price step at its price). */
  valueNok: number;
  /** The market is full. */
  binds: boolean;
}

export interface AllocationResult {
  status: SolverStatus;
  objective: { kind: Objective; value: number | null; unit: string; co2ePriceNok?: number };
  valueNok: number | null;
  co2eTonnes: number | null;
  baseline: { valueNok: number; co2eTonnes: number };
  upliftNok: number | null;
  upliftCo2eTonnes: number | null;
  flows: Flow[];
  sites: SiteResult[];
  streams: StreamResult[];
  unallocated: Unallocated[];
  binding: { capacities: string[]; radii: string[] };
  /** When the model has no solution: the limits that conflict. */
  conflicts: Message[];
  /** The thin markets the allocation sells into: what its flows make, what the market takes. */
  markets: MarketResult[];
  model: {
    columns: number;
    rows: number;
    nonzeros: number;
    integer: boolean;
    solver: string;
    prunedArcs: { ineligible: number; beyondRadius: number; negativeMargin: number };
  };
}
