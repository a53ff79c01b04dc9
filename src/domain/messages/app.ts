/** What the application layer, the store and the shells say: a request that names nothing stored, a conflict, an option out of range. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the messages are written
export interface AppMessageParams {}
