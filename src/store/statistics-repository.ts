/**
 * Imported statistics in the store: each file or fetched table becomes a dataset with provenance
 * `import:<kind>:<file>` or `ssb:<table>` (never `data/…`, so seeding data/ leaves them alone). An import
 * writes all its datasets, observations and log lines in one transaction, or nothing.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ImportedDataset, ImportLogLine } from '../domain/imports.ts';
import { insertChunked, observationRow } from './reference-repository.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type { ImportedDataset, ImportLogLine } from '../domain/imports.ts';

export interface ImportResult {
  importId: number;
  datasets: { id: string; observations: number; replaced: boolean }[];
}

/**
 * Writes datasets (replacing any earlier import with the same id) and the import's record and log in
 * one transaction. A dataset id that belongs to data/ is refused: imports never overwrite the seed.
 */
export async function writeImport(
  db: Kysely<Database>,
  input: { kind: string; files: string[]; datasets: ImportedDataset[]; log: ImportLogLine[]; now: string },
): Promise<ImportResult> {
  return db.transaction().execute(async (trx) => {
    const max = await trx
      .selectFrom('imports')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    const importId = Number(max?.max ?? 0) + 1;
    await trx
      .insertInto('imports')
      .values({
        id: importId,
        kind: input.kind,
        file: input.files.join(', '),
        status: 'running',
        started_at: input.now,
        finished_at: null,
        counts_json: null,
        message: null,
      })
      .execute();
    const result: ImportResult['datasets'] = [];
    for (const d of input.datasets) {
      const existing = await trx
        .selectFrom('datasets')
        .select(['id', 'provenance'])
        .where('id', '=', d.dataset.id)
        .executeTakeFirst();
      if (existing?.provenance.startsWith('data/')) {
        throw new Error(
          `dataset ${d.dataset.id} belongs to data/ (${existing.provenance}); imports cannot replace it`,
        );
      }
      if (existing) {
        await trx.deleteFrom('observations').where('dataset_id', '=', d.dataset.id).execute();
        await trx.deleteFrom('datasets').where('id', '=', d.dataset.id).execute();
      }
      await trx
        .insertInto('datasets')
        .values({
          id: d.dataset.id,
          title: d.dataset.title,
          year: d.dataset.year,
          year_note: d.dataset.yearNote ?? null,
          source_json: JSON.stringify(d.dataset.source),
          variables_json: JSON.stringify(d.dataset.variables),
          provenance: d.provenance,
          retrieved_at: input.now,
        })
        .execute();
      await insertChunked(trx, 'observations', d.observations.map(observationRow), 500);
      result.push({
        id: d.dataset.id,
        observations: d.observations.length,
        replaced: existing !== undefined,
      });
    }
    await insertChunked(
      trx,
      'import_log',
      input.log.map((l, seq) => ({
        import_id: importId,
        seq,
        level: l.level,
        position: l.position ?? null,
        message: l.message,
        detail_json: JSON.stringify(l.detail),
      })),
    );
    await trx
      .updateTable('imports')
      .set({
        status: 'done',
        finished_at: input.now,
        counts_json: JSON.stringify(Object.fromEntries(result.map((r) => [r.id, r.observations]))),
      })
      .where('id', '=', importId)
      .execute();
    return { importId, datasets: result };
  });
}

export interface StoredDataset {
  id: string;
  title: string;
  year: number;
  provenance: string;
  retrievedAt: string;
  observations: number;
}

export async function listDatasets(db: Db): Promise<StoredDataset[]> {
  const rows = await db
    .selectFrom('datasets')
    .leftJoin('observations', 'observations.dataset_id', 'datasets.id')
    .select((eb) => [
      'datasets.id',
      'datasets.title',
      'datasets.year',
      'datasets.provenance',
      'datasets.retrieved_at',
      eb.fn.count<number>('observations.variable').as('n'),
    ])
    .groupBy([
      'datasets.id',
      'datasets.title',
      'datasets.year',
      'datasets.provenance',
      'datasets.retrieved_at',
    ])
    .orderBy('datasets.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    year: r.year,
    provenance: r.provenance,
    retrievedAt: r.retrieved_at,
    observations: Number(r.n),
  }));
}
