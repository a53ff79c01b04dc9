/** Neutral parameters for every code of the app part: ids and numbers, no words of either language. */
import type { AppMessageParams } from '../../domain/messages/app.ts';
import type { SamplesPart } from '../template.ts';

export const APP_SAMPLES: SamplesPart<keyof AppMessageParams> = {};
