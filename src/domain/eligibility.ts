/**
 * Which tiers a stream may reach, by the regulatory class of its origin. A product keeps the class of
 * the residue it came from, through every step of a route: manure stays manure for these rules even
 * after it has been digested.
 */
import type { Source } from './coefficients.ts';
import { type Message, message } from './message.ts';
import type { RegulatoryClass } from './residue-kinds.ts';
import type { Text } from './text.ts';
import type { Tier } from './valuation.ts';

export interface EligibilityRule {
  id: string;
  regulatoryClass: RegulatoryClass;
  /** Tiers this class may never reach. */
  forbiddenTiers: Tier[];
  /** Technologies this class may never enter (e.g. insect rearing on manure), with the same rule. */
  forbiddenTechnologies?: string[];
  /** The rule in words a planner can act on, in bokmål and English. */
  rule: Text;
  legalSource: Source;
}

export type Eligibility = { ok: true } | { ok: false; rule: EligibilityRule; reason: Message };

export function checkEligibility(
  rules: EligibilityRule[],
  regulatoryClass: RegulatoryClass,
  target: { tier: Tier; technology?: string },
): Eligibility {
  for (const rule of rules) {
    if (rule.regulatoryClass !== regulatoryClass) continue;
    if (rule.forbiddenTiers.includes(target.tier)) {
      return {
        ok: false,
        rule,
        reason: message('eligibility_tier_forbidden', {
          regulatoryClass,
          tier: target.tier,
          rule: rule.rule,
        }),
      };
    }
    if (target.technology && rule.forbiddenTechnologies?.includes(target.technology)) {
      return {
        ok: false,
        rule,
        reason: message('eligibility_technology_forbidden', {
          regulatoryClass,
          technology: target.technology,
          rule: rule.rule,
        }),
      };
    }
  }
  return { ok: true };
}
