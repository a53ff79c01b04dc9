/** What the shells say of their own (the CLI's options and files, the report's output, the web app's requests). */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the messages are written
export interface ShellMessageParams {}
