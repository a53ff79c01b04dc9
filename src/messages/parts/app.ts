/** The catalogue's part for the codes of src/domain/messages/app.ts, in bokmål and English. */
import type { AppMessageParams } from '../../domain/messages/app.ts';
import type { CataloguePart } from '../template.ts';

export const APP_CATALOGUE: CataloguePart<keyof AppMessageParams> = {};
