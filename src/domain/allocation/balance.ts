/**
 * The balance of an allocation, read from the result a user sees (as ODYM's massBalance reads a
 * system): per supply, flows + what is left = supply; per site, the inflow on its capacity basis lies
 * within its capacity (and at or above its minimum intake when it is used). It catches an interpreter
 * that drops or double-counts tonnes, and a solution that breaks a limit.
 */
import type { AllocationInput } from './input.ts';
import type { AllocationResult } from './result.ts';

/** Tonnes within this share of a supply (or a capacity), or within ABSOLUTE_T, count as equal. */
export const RELATIVE_TOLERANCE = 1e-6;
export const ABSOLUTE_T = 1e-3;

export interface SupplyBalance {
  municipality: string;
  kind: string;
  supplyTonnes: number;
  allocatedTonnes: number;
  unallocatedTonnes: number;
  /** allocated + unallocated − supply, tonnes wet. */
  imbalanceTonnes: number;
  closes: boolean;
}

export interface SiteBalance {
  site: string;
  basis: 'wet' | 'dm';
  /** Σ flows to the site, converted to its basis with the kind's dry-matter share. */
  inflowTonnes: number;
  /** What the result reports as used (should equal the inflow). */
  reportedTonnes: number;
  capacityTonnes: number;
  minimumIntakeTonnes: number;
  withinCapacity: boolean;
  meetsMinimum: boolean;
  agreesWithReport: boolean;
}

export interface AllocationBalance {
  supplies: SupplyBalance[];
  sites: SiteBalance[];
  /** Every supply closes and every site keeps its limits. */
  closes: boolean;
  worstImbalanceTonnes: number;
}

const within = (a: number, b: number, scale: number) =>
  Math.abs(a - b) <= Math.max(ABSOLUTE_T, RELATIVE_TOLERANCE * Math.abs(scale));

export function allocationBalance(input: AllocationInput, result: AllocationResult): AllocationBalance {
  const key = (municipality: string, kind: string) => `${municipality}|${kind}`;
  const bySupply = new Map<string, SupplyBalance>();
  const entry = (municipality: string, kind: string) => {
    const k = key(municipality, kind);
    let b = bySupply.get(k);
    if (!b) {
      b = {
        municipality,
        kind,
        supplyTonnes: 0,
        allocatedTonnes: 0,
        unallocatedTonnes: 0,
        imbalanceTonnes: 0,
        closes: true,
      };
      bySupply.set(k, b);
    }
    return b;
  };
  for (const s of input.supplies)
    if (s.tonnesWet > 0) entry(s.municipality, s.kind).supplyTonnes += s.tonnesWet;
  for (const f of result.flows) entry(f.from, f.kind).allocatedTonnes += f.tonnes;
  for (const u of result.unallocated) entry(u.municipality, u.kind).unallocatedTonnes += u.tonnes;
  const supplies = [...bySupply.values()].map((b) => {
    const imbalanceTonnes = b.allocatedTonnes + b.unallocatedTonnes - b.supplyTonnes;
    return { ...b, imbalanceTonnes, closes: within(imbalanceTonnes, 0, b.supplyTonnes) };
  });

  const dmShare = new Map(input.lib.kinds.map((k) => [k.id, k.dmShare.value]));
  const inflow = new Map<string, number>();
  const basisOf = new Map(input.sites.map((s) => [s.id, s.basis]));
  for (const f of result.flows) {
    const a = basisOf.get(f.site) === 'dm' ? (dmShare.get(f.kind) ?? Number.NaN) : 1;
    inflow.set(f.site, (inflow.get(f.site) ?? 0) + f.tonnes * a);
  }
  const reported = new Map(result.sites.map((s) => [s.id, s.usedTonnes]));
  const sites = input.sites.map((site): SiteBalance => {
    const inflowTonnes = inflow.get(site.id) ?? 0;
    const minimumIntakeTonnes = site.minimumIntakeTonnes ?? 0;
    const used = inflowTonnes > ABSOLUTE_T;
    return {
      site: site.id,
      basis: site.basis,
      inflowTonnes,
      reportedTonnes: reported.get(site.id) ?? 0,
      capacityTonnes: site.capacityTonnes,
      minimumIntakeTonnes,
      withinCapacity:
        inflowTonnes <= site.capacityTonnes + Math.max(ABSOLUTE_T, RELATIVE_TOLERANCE * site.capacityTonnes),
      meetsMinimum: !used || inflowTonnes >= minimumIntakeTonnes * (1 - RELATIVE_TOLERANCE) - ABSOLUTE_T,
      agreesWithReport: within(inflowTonnes, reported.get(site.id) ?? 0, site.capacityTonnes),
    };
  });
  const worstImbalanceTonnes = supplies.reduce((w, s) => Math.max(w, Math.abs(s.imbalanceTonnes)), 0);
  return {
    supplies,
    sites,
    closes:
      supplies.every((s) => s.closes) &&
      sites.every((s) => s.withinCapacity && s.meetsMinimum && s.agreesWithReport),
    worstImbalanceTonnes,
  };
}
