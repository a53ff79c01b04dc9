/**
 * The value pyramid of one stream: the best route, value and uplift per tier, for tonnes given or for
 * the region's estimate of the stream under a coefficient profile.
 */
import { siteKinds } from '../domain/allocation/sites.ts';
import { findProfile } from '../domain/coefficients.ts';
import { AppError } from '../domain/errors.ts';
import { message } from '../domain/message.ts';
import { type PyramidResult, valuePyramid } from '../domain/pyramid.ts';
import { findRegion } from '../domain/regions.ts';
import { estimateResidues } from '../domain/residues.ts';
import type { Workspace } from './workspace.ts';

export const DEFAULT_PYRAMID_REGION = 'gjovik-hadeland-ringerike';

export interface PyramidRequest {
  kind: string;
  /** Tonnes per year, wet; without it the region's estimate. */
  tonnes?: number | undefined;
  region?: string | undefined;
  /** The coefficient profile of the region's estimate (default `report`). */
  profile?: string | undefined;
}

/** The stream's haul to the nearest of the region's sites that run a technology taking it. */
export interface PyramidHaul {
  technology: string;
  /** The site most of the tonnes go to (the nearest from the municipalities with most tonnes). */
  site: string;
  /** Tonnes-weighted means over the region's municipalities, each to its nearest such site by road. */
  km: number;
  nokPerTonne: number;
  co2ePerTonne: number;
}

export interface PyramidAnswer extends PyramidResult {
  /** Where the tonnes come from: "120 t", or "<region>, <profile>". */
  tonnesFrom: string;
  /**
   * For the region's estimate: the transport cost per tonne to the nearest site per technology (the
   * tiers' values are before transport; the optimiser nets it per flow). Empty without sites.
   */
  hauls?: PyramidHaul[];
  /**
   * The best route's net value after hauling its tonnes to the nearest site that runs its first
   * technology, where the region has one: best.valueNok − tonnesRouted × that haul's NOK per tonne.
   */
  bestAfterTransport?: { site: string; transportNokPerTonne: number; valueNok: number };
}

/**
 * Per technology the region's sites run for this kind: each municipality's tonnes to its nearest such
 * site by road (from the kind's origin point), as tonnes-weighted means of km, NOK and CO2e per tonne.
 */
export function pyramidHauls(
  ws: Pick<Workspace, 'files' | 'library'>,
  regionId: string,
  kindId: string,
  rows: { municipality: string; tonnesWet: number }[],
): PyramidHaul[] {
  const sites = ws.files.regionSites(regionId)?.sites ?? [];
  const kind = ws.library.kinds.find((k) => k.id === kindId);
  if (!kind || sites.length === 0) return [];
  const { distances } = ws.files.roads();
  const transport = ws.files.transport();
  const byTech = new Map<string, typeof sites>();
  for (const s of sites.filter((x) => siteKinds(x, ws.library).includes(kindId)))
    byTech.set(s.technology, [...(byTech.get(s.technology) ?? []), s]);
  const total = rows.reduce((sum, r) => sum + r.tonnesWet, 0);
  if (total <= 0) return [];
  return [...byTech].map(([technology, candidates]) => {
    let km = 0;
    let nok = 0;
    let co2e = 0;
    const toSite = new Map<string, number>();
    for (const r of rows) {
      let best: { site: string; km: number; ferryKm: number; fare: number } | undefined;
      for (const s of candidates) {
        const leg = distances.leg(r.municipality, s, kind.origin);
        if (leg && (!best || leg.km < best.km))
          best = { site: s.id, km: leg.km, ferryKm: leg.ferryKm, fare: leg.ferryNokPerTonne };
      }
      if (!best) continue;
      const w = r.tonnesWet / total;
      km += w * best.km;
      nok += w * (best.km * transport.costNokPerTonneKm + best.fare);
      co2e += (w * (best.km + best.ferryKm) * transport.kgCo2ePerTonneKm) / 1000;
      toSite.set(best.site, (toSite.get(best.site) ?? 0) + r.tonnesWet);
    }
    const site = [...toSite].sort((a, b) => b[1] - a[1])[0]?.[0] ?? (candidates[0]?.id as string);
    return { technology, site, km, nokPerTonne: nok, co2ePerTonne: co2e };
  });
}

export async function pyramidOfKind(ws: Workspace, req: PyramidRequest): Promise<PyramidAnswer> {
  if (req.tonnes !== undefined && req.region !== undefined)
    throw new AppError('invalid_input', 'give either tonnes or region, not both', {
      detail: message('tonnes_or_region', {}),
    });
  if (req.tonnes !== undefined) {
    if (!Number.isFinite(req.tonnes) || req.tonnes < 0)
      throw new AppError('invalid_input', `invalid tonnes: ${req.tonnes} (a number ≥ 0)`, {
        detail: message('tonnes_invalid', { input: String(req.tonnes) }),
      });
    return {
      ...valuePyramid(ws.library, req.kind, req.tonnes, ws.library.currentUses),
      tonnesFrom: `${req.tonnes} t`,
    };
  }
  const data = await ws.reference();
  const region = findRegion(data.regions, req.region ?? DEFAULT_PYRAMID_REGION);
  const profile = findProfile(data, req.profile ?? 'report');
  if (!profile.recipes.some((r) => r.kind === req.kind)) {
    throw new AppError(
      'unknown_kind',
      `profile ${profile.id} estimates no "${req.kind}"; give tonnes, or one of ${profile.recipes.map((r) => r.kind).join(', ')}`,
      {
        detail: message('profile_estimates_no_kind', {
          profile: profile.id,
          kind: req.kind,
          known: profile.recipes.map((r) => r.kind),
        }),
      },
    );
  }
  const estimate = estimateResidues({
    profile,
    kinds: data.kinds,
    statistics: data.statistics,
    municipalities: region.municipalities,
    kindIds: [req.kind],
  });
  const tonnes = estimate.totals[0]?.tonnesWet ?? 0;
  const pyramid = valuePyramid(ws.library, req.kind, tonnes, ws.library.currentUses);
  const hauls = pyramidHauls(ws, region.id, req.kind, estimate.rows);
  const haul = pyramid.best && hauls.find((h) => h.technology === pyramid.best?.route[0]);
  return {
    ...pyramid,
    tonnesFrom: `${region.id}, ${profile.id}`,
    hauls,
    ...(pyramid.best && haul
      ? {
          bestAfterTransport: {
            site: haul.site,
            transportNokPerTonne: haul.nokPerTonne,
            valueNok: pyramid.best.valueNok - pyramid.best.tonnesRouted * haul.nokPerTonne,
          },
        }
      : {}),
  };
}
