/** Rules of a site every shell reads the same way: its transport radius and the kinds it takes. */
import type { Library } from '../scenarios.ts';
import type { Technology } from '../technologies.ts';
import type { Site } from './input.ts';

/**
 * A site's transport radius, km: its own, else its technology's; undefined for a technology not in
 * the library (sites are checked against it when read, so only hand-made sites can miss).
 */
export function siteRadiusKm(
  site: Pick<Site, 'transportRadiusKm' | 'technology'>,
  technologies: readonly Technology[],
): number | undefined {
  return (
    site.transportRadiusKm ?? technologies.find((t) => t.id === site.technology)?.transportRadiusKm.value
  );
}

/** The residue kinds a site takes: its own `accepts`, else every residue kind its technology takes. */
export function siteKinds(
  site: Pick<Site, 'accepts' | 'technology'>,
  lib: Pick<Library, 'technologies' | 'kinds'>,
): string[] {
  if (site.accepts) return site.accepts;
  const kinds = new Set(lib.kinds.map((k) => k.id));
  return (lib.technologies.find((t) => t.id === site.technology)?.inputs ?? []).filter((k) => kinds.has(k));
}
