/** Candidate sites and the finance that turns their capex into a yearly fixed cost. */
import { capitalRecoveryFactor, type Finance } from '../finance.ts';
import type { LatLon } from '../geo.ts';
import type { Library } from '../scenarios.ts';
import { yieldsFor } from '../technologies.ts';
import type { Site } from './input.ts';

/**
 * A candidate site per municipality and technology that takes residues: typical capacity, at the
 * municipality's centroid, with its annualised capex as a fixed cost (opened only if it pays).
 */
export function candidateSites(
  lib: Library,
  municipalities: string[],
  positions: Map<string, LatLon>,
  finance: Finance,
  technologies?: string[],
): Site[] {
  const kinds = new Set(lib.kinds.map((k) => k.id));
  const crf = capitalRecoveryFactor(finance);
  const techs = lib.technologies.filter(
    (t) =>
      (technologies ? technologies.includes(t.id) : true) &&
      t.inputs.some((i) => kinds.has(i)) &&
      t.transportRadiusKm.value > 0,
  );
  const out: Site[] = [];
  for (const m of municipalities) {
    const position = positions.get(m);
    if (!position) continue;
    for (const t of techs) {
      const capacity = t.typicalCapacityTonnes.value;
      // Capex per product (insect meal): the product a full plant makes from its first input.
      const capexUnits = t.capexPer
        ? capacity *
          (yieldsFor(t, t.inputs[0] ?? '').outputs.find((o) => o.product === t.capexPer)?.yield.value ?? 0)
        : capacity;
      out.push({
        id: `kandidat-${m}-${t.id}`,
        name: { nb: `${t.name.nb} (${m})`, en: `${t.name.en} (${m})` },
        technology: t.id,
        capacityTonnes: capacity,
        basis: t.basis,
        position,
        municipality: m,
        status: 'candidate',
        fixedCostNokPerYear: t.capexNokPerTonneCapacity.value * capexUnits * crf,
        capacityIsAssumption: true,
        note: {
          nb: `Typisk kapasitet for ${t.name.nb}; faste kostnader = investering × kapasitet × kapitalgjenvinningsfaktor ${crf.toFixed(4).replace('.', ',')}`,
          en: `Typical capacity of ${t.name.en}; fixed cost = capex × capacity × capital recovery factor ${crf.toFixed(4)}`,
        },
      });
    }
  }
  return out;
}
