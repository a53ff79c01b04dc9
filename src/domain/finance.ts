/** How capex becomes a yearly cost: a discount rate and an economic lifetime, both data (data/candidates.json). */
export interface Finance {
  discountRate: number;
  lifetimeYears: number;
}

/** Capital recovery factor: the annual payment per NOK invested at rate r over n years. */
export function capitalRecoveryFactor({ discountRate: r, lifetimeYears: n }: Finance): number {
  return r === 0 ? 1 / n : r / (1 - (1 + r) ** -n);
}
