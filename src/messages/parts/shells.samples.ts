/** Neutral parameters for every code of the shells part: ids and numbers, no words of either language. */
import type { ShellMessageParams } from '../../domain/messages/shells.ts';
import type { SamplesPart } from '../template.ts';

export const SHELLS_SAMPLES: SamplesPart<keyof ShellMessageParams> = {};
