/** What an import of statistics writes: datasets with their observations and provenance, and a log. */
import type { Message } from './message.ts';
import type { Dataset, Observation } from './observations.ts';

export interface ImportedDataset {
  dataset: Dataset;
  /** `import:<kind>:<file>` or `ssb:<table>`: never `data/…`, so seeding data/ leaves it alone. */
  provenance: string;
  observations: Observation[];
}

export interface ImportLogLine {
  level: 'info' | 'warning';
  position?: string;
  /** In English, for logs and programs; `detail` says it in the reader's language. */
  message: string;
  detail: Message;
}

/** A parsed and checked import, ready to be written in one transaction. */
export interface PreparedImport {
  kind: string;
  files: string[];
  datasets: ImportedDataset[];
  log: ImportLogLine[];
  /** One entry per file: what it held and what was done with it. */
  summary: Record<string, unknown>[];
}
