/** Neutral parameters for every code of the ingest part: ids and numbers, no words of either language. */
import type { IngestMessageParams } from '../../domain/messages/ingest.ts';
import type { SamplesPart } from '../template.ts';

export const INGEST_SAMPLES: SamplesPart<keyof IngestMessageParams> = {};
