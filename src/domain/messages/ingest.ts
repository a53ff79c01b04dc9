/** What the readers of files, registers and statistics say: a file or a row that cannot be read, a value out of range, an answer from a service that is not what was expected. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the messages are written
export interface IngestMessageParams {}
