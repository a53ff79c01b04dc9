/**
 * The value pyramid of one stream: the best route, value and uplift per tier, for tonnes given or for
 * the region's estimate of the stream under a coefficient profile.
 */
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

export interface PyramidAnswer extends PyramidResult {
  /** Where the tonnes come from: "120 t", or "<region>, <profile>". */
  tonnesFrom: string;
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
  return {
    ...valuePyramid(ws.library, req.kind, tonnes, ws.library.currentUses),
    tonnesFrom: `${region.id}, ${profile.id}`,
  };
}
