/** The catalogue's part for the codes of src/domain/messages/ingest.ts, in bokmål and English. */
import type { IngestMessageParams } from '../../domain/messages/ingest.ts';
import type { CataloguePart } from '../template.ts';

export const INGEST_CATALOGUE: CataloguePart<keyof IngestMessageParams> = {};
