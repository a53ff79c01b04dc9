/** The Hono environment every route shares: the variables middleware sets on the context. */
export type Env = { Variables: { requestId: string } };
