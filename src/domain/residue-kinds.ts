import type { Coefficient } from './coefficients.ts';
import type { Text } from './text.ts';

/**
 * Regulatory class that limits what a stream may become (data/eligibility.json has one rule per class):
 * - `plant`: plant material, no animal by-product rules
 * - `wood`: clean wood and bark
 * - `ash`: combustion ash (gjødselvareforskriften limits heavy metals)
 * - `abp-cat2`: animal by-product category 2 (manure, regulation (EC) 1069/2009 art. 9)
 * - `abp-cat3`: animal by-product category 3 (e.g. former foodstuffs, art. 10)
 * - `sludge`: sewage sludge (never to food or feed)
 * - `mixed-food-waste`: source-separated food waste (catering waste, cat. 3 when it goes to biogas/compost)
 * - `food-grade-animal`: animal raw material handled as food and never declared an animal by-product
 *   (the only animal material that may become food or supplements)
 */
export const REGULATORY_CLASSES = [
  'plant',
  'wood',
  'ash',
  'abp-cat2',
  'abp-cat3',
  'sludge',
  'mixed-food-waste',
  'food-grade-animal',
] as const;
export type RegulatoryClass = (typeof REGULATORY_CLASSES)[number];

export type ResidueGroup = 'agriculture' | 'forestry' | 'livestock' | 'society';

/**
 * Where a kind's tonnes lie inside a municipality, for the point its transport starts from
 * (src/domain/origins.ts): farmland and farm yards, forest, or where people live.
 */
export const ORIGIN_CLASSES = ['farmland', 'forest', 'settlement'] as const;
export type OriginClass = (typeof ORIGIN_CLASSES)[number];

export interface ResidueKind {
  id: string;
  name: { nb: string; en: string };
  group: ResidueGroup;
  origin: OriginClass;
  /** What the kind is, in bokmål and English. */
  description: Text;
  /** Dry-matter share in t DM per t wet, with range and source. */
  dmShare: Coefficient;
  /** Lower heating value of the dry matter, GJ/t DM, where known. */
  lhvGjPerTonneDm?: Coefficient;
  /** Nutrients per tonne wet (kg N, kg P, kg K), where known. */
  nutrients?: { nKgPerTonne?: Coefficient; pKgPerTonne?: Coefficient; kKgPerTonne?: Coefficient };
  regulatoryClass: RegulatoryClass;
  /** Why the class is what it is, with the legal source. */
  regulatoryNote: Text;
}
