/** Neutral parameters for every code of the labels part: ids and numbers, no words of either language. */
import type { LabelMessageParams } from '../../domain/messages/labels.ts';
import type { SamplesPart } from '../template.ts';

export const LABELS_SAMPLES: SamplesPart<keyof LabelMessageParams> = {};
