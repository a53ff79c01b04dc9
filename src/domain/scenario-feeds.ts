/**
 * A scenario's feed against what the region has: each input the scenario uses (its stated tonnes, or
 * what its steps drew) beside the region's residue estimate of the same kind, on the input's basis.
 * The estimate gives wet and dry tonnes for every kind (each term converted with its recipe's
 * dry-matter share), so the comparison is on the basis the scenario states, wet or DM. A feed above the
 * region's estimate is a warning with the excess; a product fed in (biomethane) is not a residue and is
 * not checked; a kind the estimate has no figure for (or lacks statistics for) says so.
 */
import type { Message } from './message.ts';
import { message } from './message.ts';
import type { Library, ScenarioResult } from './scenarios.ts';
import type { Basis } from './technologies.ts';
import { same, type Text } from './text.ts';

export type FeedStatus = 'exceeds' | 'within' | 'not-estimated' | 'not-residue';

export interface FeedCheck {
  stream: string;
  basis: Basis;
  /** What the scenario feeds in a year, on `basis`. */
  feedTonnes: number;
  status: FeedStatus;
  /** The region's estimate on `basis` (null when it has none). */
  regionTonnes: number | null;
  regionTonnesWet: number | null;
  regionTonnesDm: number | null;
  /** feed − region when the feed exceeds it, else 0 (null without an estimate). */
  excessTonnes: number | null;
  /** feed ÷ region (null without an estimate or when the region has none of it). */
  ratio: number | null;
  message: Message;
}

export interface RegionSupply {
  region: string;
  /** The region's name, as the reader knows it. */
  regionName: string;
  profile: string;
  totals: { kind: string; tonnesWet: number; tonnesDm: number }[];
  /** Kinds whose estimate lacks statistics for some municipality (their totals are incomplete). */
  incomplete?: string[];
}

/** Each input of a run checked against the region's estimate. */
export function checkFeeds(
  result: ScenarioResult,
  lib: Pick<Library, 'kinds' | 'products'>,
  supply: RegionSupply,
): FeedCheck[] {
  return result.inputs.map((input): FeedCheck => {
    const kind = lib.kinds.find((k) => k.id === input.stream);
    const stream: Text =
      kind?.name ?? lib.products.find((p) => p.id === input.stream)?.name ?? same(input.stream);
    const base = { stream: input.stream, basis: input.basis, feedTonnes: input.tonnes };
    const where = { region: supply.regionName, profile: supply.profile };
    if (!kind)
      return {
        ...base,
        status: 'not-residue',
        regionTonnes: null,
        regionTonnesWet: null,
        regionTonnesDm: null,
        excessTonnes: null,
        ratio: null,
        message: message('scenario_feed_not_residue', { stream }),
      };
    const total = supply.totals.find((t) => t.kind === input.stream);
    if (!total || supply.incomplete?.includes(input.stream))
      return {
        ...base,
        status: 'not-estimated',
        regionTonnes: null,
        regionTonnesWet: null,
        regionTonnesDm: null,
        excessTonnes: null,
        ratio: null,
        message: message('scenario_feed_not_estimated', {
          ...where,
          stream,
          incomplete: total !== undefined,
        }),
      };
    const region = input.basis === 'dm' ? total.tonnesDm : total.tonnesWet;
    const exceeds = input.tonnes > region * (1 + 1e-9);
    const ratio = region > 0 ? input.tonnes / region : null;
    const facts = { ...where, stream, basis: input.basis, feed: input.tonnes, available: region };
    return {
      ...base,
      status: exceeds ? 'exceeds' : 'within',
      regionTonnes: region,
      regionTonnesWet: total.tonnesWet,
      regionTonnesDm: total.tonnesDm,
      excessTonnes: exceeds ? input.tonnes - region : 0,
      ratio,
      message: exceeds
        ? message('scenario_feed_exceeds_region', { ...facts, excess: input.tonnes - region, ratio })
        : message('scenario_feed_within_region', { ...facts, share: ratio ?? 0 }),
    };
  });
}
