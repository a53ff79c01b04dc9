/**
 * Physical limits (issue 13: 8): every biogas yield's high bound lies at or below what the feedstock's
 * dry matter can give fully digested (Buswell & Mueller, through the chemistry module), and upgraded
 * biomethane at or below the methane biogas can hold. The methane routes' ceilings are tested with
 * the scenarios (test/scenarios.test.ts).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIOGAS_CEILING, buswell, ORGANIC_MATTER } from '../src/domain/chemistry.ts';
import { yieldSets, yieldsFor } from '../src/domain/technologies.ts';
import { loadLibrary } from '../src/ingest/library.ts';
import { loadReferenceData } from '../src/ingest/reference-data.ts';

const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
const data = loadReferenceData(dataDir);
const lib = loadLibrary(data.kinds, dataDir);
const tech = (id: string) => lib.technologies.find((t) => t.id === id) as (typeof lib.technologies)[number];

describe('Buswell’s ceiling of biogas', () => {
  it('gives the textbook methane potentials: carbohydrate 0.415, protein 0.496, fat 1.014 Nm3 CH4 per kg', () => {
    expect(ORGANIC_MATTER.carbohydrate.ch4Nm3).toBeCloseTo(0.415, 3);
    expect(ORGANIC_MATTER.protein.ch4Nm3).toBeCloseTo(0.496, 2);
    expect(ORGANIC_MATTER.fat.ch4Nm3).toBeCloseTo(1.014, 2);
    // Glucose: C6H12O6 → 3 CH4 + 3 CO2, no water taken up, half the gas methane by volume.
    const glucose = buswell(6, 12, 6);
    expect(glucose.waterKg).toBeCloseTo(0, 12);
    expect(glucose.ch4Kg + glucose.co2Kg).toBeCloseTo(1, 12);
  });

  it('caps biogas at 1.57 kg per kg dry matter (fat, with the water it takes up) and methane at 46 % by mass', () => {
    expect(BIOGAS_CEILING.kgPerKgDm).toBeCloseTo(1.5697, 4);
    expect(BIOGAS_CEILING.ch4MassShare).toBeCloseTo(0.4617, 4);
  });
});

describe('the library’s yields within their physical limits', () => {
  const digestion = tech('anaerobic-digestion');
  it.each(digestion.inputs)('digesting %s gives no more biogas than its dry matter can', (input) => {
    const kind = lib.kinds.find((k) => k.id === input);
    if (!kind) throw new Error(`${input} is a residue kind`);
    const biogas = yieldsFor(digestion, input).outputs.find((o) => o.product === 'biogass');
    // Per tonne wet the driest reading of the kind (dmShare.high) allows the most.
    const ceiling = kind.dmShare.high * BIOGAS_CEILING.kgPerKgDm;
    expect(biogas?.yield.high, `${input}: ${biogas?.yield.high} t biogas per t wet`).toBeLessThanOrEqual(
      ceiling,
    );
  });

  it('upgrades biogas to no more biomethane than the methane it holds', () => {
    for (const { set } of yieldSets(tech('biogas-upgrading'))) {
      const methane = set.outputs.find((o) => o.product === 'biometan');
      expect(methane?.yield.high).toBeLessThanOrEqual(BIOGAS_CEILING.ch4MassShare);
    }
  });
});
