/** The catalogue's part for the codes of src/domain/messages/labels.ts, in bokmål and English. */
import type { LabelMessageParams } from '../../domain/messages/labels.ts';
import type { CataloguePart } from '../template.ts';

export const LABELS_CATALOGUE: CataloguePart<keyof LabelMessageParams> = {};
