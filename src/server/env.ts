/** The Hono environment every route shares: the variables middleware sets on the context. */
import type { Lang } from '../messages/format.ts';

export type Env = { Variables: { requestId: string; lang: Lang } };
