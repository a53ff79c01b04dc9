/** The catalogue's part for the codes of src/domain/messages/shells.ts, in bokmål and English. */
import type { ShellMessageParams } from '../../domain/messages/shells.ts';
import type { CataloguePart } from '../template.ts';

export const SHELLS_CATALOGUE: CataloguePart<keyof ShellMessageParams> = {};
