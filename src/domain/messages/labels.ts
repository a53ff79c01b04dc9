/** Texts that data carries (statement labels, rule texts, descriptions of current uses) when they are built from parameters. */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the messages are written
export interface LabelMessageParams {}
