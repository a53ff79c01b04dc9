/** Adding a site to a run: a technology's typical plant in one of the region's municipalities. */
import { useState } from 'react';
import type { Site, Technology } from '../api.ts';
import { useApp } from '../context.tsx';
import type { Boundaries } from '../geo.ts';
import { useI18n } from '../i18n.tsx';
import { Field, Select } from './ui.tsx';

/** A new site at a municipality's centre: technology, capacity and basis from the technology's typical plant. */
export function AddSite({
  technologies,
  geo,
  taken,
  onAdd,
}: {
  technologies: Technology[];
  geo: Boundaries;
  taken: Set<string>;
  onAdd: (s: Site) => void;
}) {
  const { t, name } = useI18n();
  const app = useApp();
  const [tech, setTech] = useState(technologies[0]?.id ?? '');
  const [mun, setMun] = useState(app.region.municipalities[0] ?? '');
  const [capacity, setCapacity] = useState('10000');
  const add = () => {
    const technology = technologies.find((x) => x.id === tech);
    const p = geo.features.find((x) => x.properties.number === mun)?.properties;
    if (!technology || p?.lat === undefined || p.lon === undefined) return;
    let n = 1;
    while (taken.has(`ny-${tech}-${mun}-${n}`)) n++;
    onAdd({
      id: `ny-${tech}-${mun}-${n}`,
      name: `${name(technology.name)}, ${app.munName(mun)}`,
      technology: tech,
      capacityTonnes: Number(capacity) || 1,
      basis: technology.basis,
      lat: p.lat,
      lon: p.lon,
      municipality: mun,
      radiusKm: (technology as { transportRadiusKm?: { value: number } }).transportRadiusKm?.value ?? null,
      status: 'planned',
      capacityIsAssumption: false,
    });
  };
  return (
    <fieldset>
      <legend>{t.addSite}</legend>
      <div className="controls">
        <Select
          label={t.technology}
          name="new-site-technology"
          value={tech}
          onChange={setTech}
          options={technologies.map((x) => ({ value: x.id, label: name(x.name) }))}
        />
        <Select
          label={t.municipality}
          name="new-site-municipality"
          value={mun}
          onChange={setMun}
          options={app.region.municipalities.map((nr) => ({ value: nr, label: app.munName(nr) }))}
        />
        <Field label={t.capacity}>
          {(id) => (
            <input
              id={id}
              name="new-site-capacity"
              type="number"
              min={1}
              className="narrow"
              value={capacity}
              onChange={(e) => setCapacity(e.target.value)}
            />
          )}
        </Field>
        <button type="button" onClick={add}>
          {t.add}
        </button>
      </div>
    </fieldset>
  );
}
