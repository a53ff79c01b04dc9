/** The part of jsonstat-toolkit (no bundled types) that Restverdi uses. */
declare module 'jsonstat-toolkit' {
  interface JsonStatDataset {
    class: string | null;
    id: string[];
    label: string | null;
    updated: string | null;
    Transform(options: { type: 'arrobj'; content: 'id'; status: true }): Record<string, unknown>[] | null;
    Dimension(
      id: string,
    ): { label: string | null; id: string[]; Category(id: string): { label: string } | null } | null;
  }
  export default function JSONstat(input: unknown): JsonStatDataset;
}
