/**
 * The reference data in the store: loaded from data/ on first start (and again when data/ changes),
 * read back into the same domain shapes the CLI builds from files, so the engine has one code path.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { CoefficientProfile } from '../domain/coefficients.ts';
import { createMunicipalityRegistry } from '../domain/municipalities.ts';
import { type Dataset, indexObservations, type Observation } from '../domain/observations.ts';
import type { ReferenceData } from '../domain/reference-data.ts';
import type { ResidueKind } from '../domain/residue-kinds.ts';
import type { Scenario } from '../domain/scenarios.ts';
import { textIn } from '../domain/text.ts';
import { insertChunked } from './insert-chunked.ts';
import { listRegions, replaceBuiltinRegions } from './regions-repository.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export { insertChunked };

export function referenceVersion(data: ReferenceData, scenarios: Scenario[]): string {
  const h = createHash('sha256');
  h.update(
    JSON.stringify([
      data.registry.municipalities.size,
      data.regions,
      data.datasets,
      data.kinds,
      data.profiles,
      scenarios,
    ]),
  );
  for (const o of data.observations)
    h.update(`${o.dataset}|${o.municipality}|${o.variable}|${o.year}|${o.value}\n`);
  return h.digest('hex').slice(0, 16);
}

export async function getMeta(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function setMeta(db: Db, key: string, value: string): Promise<void> {
  await db.deleteFrom('meta').where('key', '=', key).execute();
  await db.insertInto('meta').values({ key, value }).execute();
}

/**
 * Replaces the built-in reference data (municipalities, built-in regions, datasets from data/,
 * profiles, kinds, built-in scenarios) in one transaction. User regions, imported statistics,
 * actors and imports are kept. Returns whether anything was written.
 */
export async function seedReferenceData(
  db: Kysely<Database>,
  data: ReferenceData,
  scenarios: Scenario[],
  now: string,
): Promise<boolean> {
  const version = referenceVersion(data, scenarios);
  if ((await getMeta(db, 'reference_version')) === version) return false;
  await db.transaction().execute(async (trx) => {
    const fileDatasets = (
      await trx.selectFrom('datasets').select('id').where('provenance', 'like', 'data/%').execute()
    ).map((d) => d.id);
    if (fileDatasets.length > 0) {
      await trx.deleteFrom('observations').where('dataset_id', 'in', fileDatasets).execute();
      await trx.deleteFrom('datasets').where('id', 'in', fileDatasets).execute();
    }
    await trx.deleteFrom('coefficients').execute();
    await trx.deleteFrom('profiles').execute();
    await trx.deleteFrom('residue_kinds').execute();
    await trx.deleteFrom('scenarios').where('builtin', '=', 1).execute();
    await trx.deleteFrom('number_changes').execute();
    // Municipalities are referenced by user regions: upsert rather than delete.
    for (const m of data.registry.municipalities.values()) {
      await trx
        .insertInto('municipalities')
        .values({ number: m.number, name: m.name, county: m.county })
        .onConflict((oc) => oc.column('number').doUpdateSet({ name: m.name, county: m.county }))
        .execute();
    }
    await insertChunked(
      trx,
      'number_changes',
      [...data.registry.changes.values()].flat().map((c) => ({
        from_number: c.from,
        from_name: c.fromName,
        to_number: c.to,
        to_name: c.toName,
        valid_from: c.validFrom,
      })),
    );
    await replaceBuiltinRegions(trx, data.regions, now);
    for (const d of data.datasets) {
      await trx
        .insertInto('datasets')
        .values({
          id: d.id,
          title: d.title,
          year: d.year,
          year_note: d.yearNote ?? null,
          source_json: JSON.stringify(d.source),
          variables_json: JSON.stringify(d.variables),
          provenance: `data/statistics/${d.id}.json`,
          retrieved_at: now,
        })
        .execute();
    }
    await insertChunked(trx, 'observations', data.observations.map(observationRow), 500);
    for (const p of data.profiles) {
      await trx
        .insertInto('profiles')
        .values({
          id: p.id,
          title: textIn(p.title, 'nb'),
          description: textIn(p.description, 'nb'),
          body_json: JSON.stringify(p),
        })
        .execute();
      await insertChunked(
        trx,
        'coefficients',
        p.coefficients.map((c) => ({
          profile_id: p.id,
          id: c.id,
          name: textIn(c.name, 'nb'),
          value: c.value,
          low: c.low,
          high: c.high,
          distribution: c.distribution,
          unit: c.unit,
          source_status: c.source.status,
          source_citation: c.source.citation,
          source_url: c.source.url ?? null,
          source_table: c.source.table ?? null,
          region: c.region,
          year: c.year,
          calibrated_against: c.calibration ? textIn(c.calibration.against, 'nb') : null,
        })),
      );
    }
    await insertChunked(
      trx,
      'residue_kinds',
      data.kinds.map((k, position) => ({ id: k.id, position, body_json: JSON.stringify(k) })),
    );
    await insertChunked(
      trx,
      'scenarios',
      scenarios.map((s) => ({
        id: s.id,
        name: s.name.nb,
        builtin: 1,
        body_json: JSON.stringify(s),
        updated_at: now,
      })),
    );
    await setMeta(trx, 'reference_version', version);
  });
  return true;
}

export function observationRow(o: Observation): Database['observations'] {
  return {
    dataset_id: o.dataset,
    municipality: o.municipality,
    variable: o.variable,
    year: o.year,
    value: o.value,
    unit: o.unit,
    number_in_source: o.numberInSource ?? null,
  };
}

/** The reference data as the engine needs it, read from the store. */
export async function loadReferenceDataFromStore(db: Db, dataDir: string): Promise<ReferenceData> {
  const municipalities = await db.selectFrom('municipalities').selectAll().orderBy('number').execute();
  const changes = await db.selectFrom('number_changes').selectAll().execute();
  const registry = createMunicipalityRegistry(
    municipalities.map((m) => ({ number: m.number, name: m.name, county: m.county })),
    changes.map((c) => ({
      from: c.from_number,
      fromName: c.from_name,
      to: c.to_number,
      toName: c.to_name,
      validFrom: c.valid_from,
    })),
  );
  const regions = (await listRegions(db)).map(({ builtin: _b, updatedAt: _u, ...r }) => r);
  const datasets: Dataset[] = (await db.selectFrom('datasets').selectAll().orderBy('id').execute()).map(
    (d) => ({
      id: d.id,
      title: d.title,
      year: d.year,
      ...(d.year_note ? { yearNote: d.year_note } : {}),
      source: JSON.parse(d.source_json),
      variables: JSON.parse(d.variables_json),
    }),
  );
  const observations: Observation[] = (await db.selectFrom('observations').selectAll().execute()).map(
    (o) => ({
      municipality: o.municipality,
      variable: o.variable,
      year: o.year,
      value: o.value,
      unit: o.unit,
      dataset: o.dataset_id,
      ...(o.number_in_source ? { numberInSource: o.number_in_source } : {}),
    }),
  );
  const kinds: ResidueKind[] = (
    await db.selectFrom('residue_kinds').select('body_json').orderBy('position').execute()
  ).map((k) => JSON.parse(k.body_json));
  const profiles: CoefficientProfile[] = (
    await db.selectFrom('profiles').select('body_json').orderBy('id').execute()
  ).map((p) => JSON.parse(p.body_json));
  return {
    dataDir,
    registry,
    regions,
    datasets,
    observations,
    statistics: indexObservations(datasets, observations),
    kinds,
    profiles,
  };
}
