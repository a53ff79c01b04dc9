/**
 * The map: MapLibre GL drawing the shipped municipality boundaries as the map itself (no tiles, no
 * outside requests). Layers: choropleth of the region, selection, sub-region outlines, sites with
 * their transport radius (a circle) or their catchment by road (an outline), flows, and count bubbles.
 * With `onSiteMove` the sites are markers that can be dragged. The container's data attributes tell tests (and
 * anyone curious) what is drawn: data-ready, data-municipalities (region members rendered), data-selected.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Site } from '../api.ts';
import {
  type Boundaries,
  bbox,
  circle,
  loadBoundaries,
  outline,
  PALETTE,
  SUBREGION_COLOURS,
} from '../geo.ts';
import { useI18n } from '../i18n.tsx';

maplibregl.setWorkerUrl(workerUrl);

export interface Flow {
  from: [number, number];
  to: [number, number];
  tonnes: number;
}
export interface Bubble {
  lon: number;
  lat: number;
  count: number;
  label: string;
  /** Fill colour (default violet). */
  color?: string;
}

export interface MapViewProps {
  label: string;
  region: string[];
  values?: Map<string, number>;
  breaks?: number[];
  selected?: Set<string>;
  subRegions?: { id: string; name: string; municipalities: string[] }[];
  sites?: Site[];
  /** Catchments by road, drawn instead of the radius circles: a [lon, lat] ring per site. */
  outlines?: { id: string; ring: [number, number][] }[];
  /** Sites become draggable markers; called with a site's new position when it is dropped. */
  onSiteMove?: (id: string, lon: number, lat: number) => void;
  flows?: Flow[];
  bubbles?: Bubble[];
  /** Text for a municipality in its popup. */
  describe?: (nr: string, name: string) => string;
  onMunicipalityClick?: (nr: string) => void;
  /** Fit to every municipality in the selection, not just the region. */
  fitTo?: string[];
  height?: number;
}

declare global {
  interface Window {
    __restverdiMap?: MlMap;
  }
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function MapView(props: MapViewProps) {
  const { t, name: textOf } = useI18n();
  const container = useRef<HTMLElement>(null);
  const mapRef = useRef<MlMap | null>(null);
  const [geo, setGeo] = useState<Boundaries | undefined>();
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const [rendered, setRendered] = useState(0);
  const propsRef = useRef(props);
  propsRef.current = props;

  useEffect(() => {
    let live = true;
    loadBoundaries().then(
      (g) => live && setGeo(g),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  // Create the map once the boundaries are here.
  useEffect(() => {
    if (!geo || !container.current) return;
    let map: MlMap;
    try {
      map = new maplibregl.Map({
        container: container.current,
        style: {
          version: 8,
          sources: {},
          layers: [{ id: 'sea', type: 'background', paint: { 'background-color': '#dce9f2' } }],
        },
        bounds: [4.5, 57.9, 31.2, 71.2],
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        fadeDuration: 0,
      });
    } catch {
      setFailed(true);
      return;
    }
    mapRef.current = map;
    window.__restverdiMap = map;
    map.touchZoomRotate.disableRotation();
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.on('error', () => {
      /* Shown as missing layers; the tables carry the figures. */
    });
    map.on('load', () => {
      map.addSource('muni', { type: 'geojson', data: EMPTY, promoteId: 'number' });
      map.addSource('subregions', { type: 'geojson', data: EMPTY });
      map.addSource('radius', { type: 'geojson', data: EMPTY });
      map.addSource('flows', { type: 'geojson', data: EMPTY });
      map.addSource('sites', { type: 'geojson', data: EMPTY });
      map.addSource('bubbles', { type: 'geojson', data: EMPTY });
      map.addLayer({
        id: 'muni-fill',
        type: 'fill',
        source: 'muni',
        paint: { 'fill-color': ['coalesce', ['get', 'fill'], '#f1f1ef'], 'fill-opacity': 1 },
      });
      map.addLayer({
        id: 'muni-line',
        type: 'line',
        source: 'muni',
        paint: {
          'line-color': ['case', ['get', 'inRegion'], '#4b5563', '#a3a3a3'],
          'line-width': ['case', ['get', 'inRegion'], 0.9, 0.4],
        },
      });
      map.addLayer({
        id: 'muni-selected',
        type: 'line',
        source: 'muni',
        filter: ['==', ['get', 'selected'], true],
        paint: { 'line-color': '#b45309', 'line-width': 3 },
      });
      map.addLayer({
        id: 'subregion-line',
        type: 'line',
        source: 'subregions',
        paint: { 'line-color': ['get', 'colour'], 'line-width': 3, 'line-opacity': 0.9 },
      });
      map.addLayer({
        id: 'radius-fill',
        type: 'fill',
        source: 'radius',
        paint: { 'fill-color': '#1d4ed8', 'fill-opacity': 0.05 },
      });
      map.addLayer({
        id: 'radius-line',
        type: 'line',
        source: 'radius',
        filter: ['!=', ['get', 'byRoad'], true],
        paint: { 'line-color': '#1d4ed8', 'line-width': 1.2, 'line-dasharray': [3, 2] },
      });
      map.addLayer({
        id: 'catchment-line',
        type: 'line',
        source: 'radius',
        filter: ['==', ['get', 'byRoad'], true],
        paint: { 'line-color': '#1d4ed8', 'line-width': 1.5 },
      });
      map.addLayer({
        id: 'flows-line',
        type: 'line',
        source: 'flows',
        layout: { 'line-cap': 'round' },
        paint: { 'line-color': '#9a3412', 'line-opacity': 0.75, 'line-width': ['get', 'width'] },
      });
      map.addLayer({
        id: 'bubbles-circle',
        type: 'circle',
        source: 'bubbles',
        paint: {
          'circle-color': ['coalesce', ['get', 'color'], '#7c3aed'],
          'circle-opacity': 0.7,
          'circle-radius': ['get', 'r'],
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 1,
        },
      });
      map.addLayer({
        id: 'sites-circle',
        type: 'circle',
        source: 'sites',
        paint: {
          'circle-color': '#1d4ed8',
          'circle-radius': 6,
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 2,
        },
      });
      setLoaded(true);
    });
    map.on('idle', () => {
      // Region members the map has actually drawn (the source holds every municipality).
      const seen = new Set<string>();
      for (const f of map.querySourceFeatures('muni', { filter: ['==', ['get', 'inRegion'], true] })) {
        seen.add(String(f.properties.number));
      }
      setRendered(seen.size);
    });
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, maxWidth: '260px' });
    map.on('mousemove', 'muni-fill', (e) => {
      const f = e.features?.[0];
      if (!f) return;
      const nr = String(f.properties.number);
      const name = String(f.properties.name);
      map.getCanvas().style.cursor = propsRef.current.onMunicipalityClick ? 'pointer' : '';
      const text = propsRef.current.describe?.(nr, name) ?? name;
      popup.setLngLat(e.lngLat).setText(text).addTo(map);
    });
    map.on('mouseleave', 'muni-fill', () => {
      map.getCanvas().style.cursor = '';
      popup.remove();
    });
    map.on('click', 'muni-fill', (e) => {
      const f = e.features?.[0];
      if (f) propsRef.current.onMunicipalityClick?.(String(f.properties.number));
    });
    map.on('mouseenter', 'sites-circle', (e) => {
      const f = e.features?.[0];
      if (f) popup.setLngLat(e.lngLat).setText(String(f.properties.label)).addTo(map);
    });
    return () => {
      popup.remove();
      map.remove();
      mapRef.current = null;
      if (window.__restverdiMap === map) window.__restverdiMap = undefined;
      setLoaded(false);
    };
  }, [geo]);

  const regionKey = props.region.join(',');
  const regionSet = useMemo(() => new Set(regionKey ? regionKey.split(',') : []), [regionKey]);

  // Municipalities: fill colour by class, membership and selection.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !geo) return;
    const breaks = props.breaks ?? [];
    const colour = (v: number | undefined) => {
      if (v === undefined) return '#e7e5e4';
      let i = 0;
      while (i < breaks.length && v > (breaks[i] as number)) i++;
      return PALETTE[Math.min(i, PALETTE.length - 1)] as string;
    };
    const features = geo.features.map((f) => {
      const nr = f.properties.number;
      const inRegion = regionSet.has(nr);
      const selected = props.selected?.has(nr) ?? false;
      let fill = '#f5f5f4';
      if (selected) fill = '#fcd34d';
      else if (inRegion) fill = props.values ? colour(props.values.get(nr)) : '#d9ead3';
      return { ...f, properties: { ...f.properties, inRegion, selected, fill } };
    });
    (map.getSource('muni') as GeoJSONSource).setData({ type: 'FeatureCollection', features });
  }, [geo, loaded, regionSet, props.values, props.breaks, props.selected]);

  // Fit to the region (or a given list) when it changes.
  const fitKey = (props.fitTo ?? props.region).join(',');
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !geo) return;
    const members = new Set(fitKey.split(','));
    const box = bbox(geo.features.filter((f) => members.has(f.properties.number)));
    if (box) map.fitBounds(box, { padding: 24, duration: 0 });
  }, [geo, loaded, fitKey]);

  // Sub-region outlines.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !geo) return;
    const features: Feature[] = (props.subRegions ?? []).map((s, i) => ({
      type: 'Feature',
      properties: { name: s.name, colour: SUBREGION_COLOURS[i % SUBREGION_COLOURS.length] },
      geometry: outline(geo.features.filter((f) => s.municipalities.includes(f.properties.number))),
    }));
    (map.getSource('subregions') as GeoJSONSource).setData({ type: 'FeatureCollection', features });
  }, [geo, loaded, props.subRegions]);

  // Sites and their transport radius.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const sites = props.sites ?? [];
    (map.getSource('sites') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: sites.map<Feature<Point>>((s) => ({
        type: 'Feature',
        properties: { id: s.id, label: `${textOf(s.name)}${s.radiusKm ? ` · ${s.radiusKm} km` : ''}` },
        geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
      })),
    });
    const outlines = props.outlines;
    (map.getSource('radius') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: outlines
        ? outlines
            .filter((o) => o.ring.length >= 4)
            .map((o) => ({
              type: 'Feature',
              properties: { id: o.id, byRoad: true },
              geometry: { type: 'Polygon', coordinates: [o.ring] },
            }))
        : sites
            .filter((s) => s.radiusKm)
            .map((s) => ({
              type: 'Feature',
              properties: { id: s.id },
              geometry: circle(s.lon, s.lat, s.radiusKm as number),
            })),
    });
  }, [loaded, props.sites, props.outlines, textOf]);

  // Draggable sites: a marker each, its new place reported when dropped.
  const movable = Boolean(props.onSiteMove);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !movable) return;
    const markers = (props.sites ?? []).map((s) => {
      const el = document.createElement('button');
      el.type = 'button';
      el.className = 'site-marker';
      el.dataset.site = s.id;
      el.setAttribute('aria-label', textOf(s.name));
      el.title = textOf(s.name);
      const marker = new maplibregl.Marker({ element: el, draggable: true })
        .setLngLat([s.lon, s.lat])
        .addTo(map);
      marker.on('dragend', () => {
        const p = marker.getLngLat();
        propsRef.current.onSiteMove?.(s.id, p.lng, p.lat);
      });
      return marker;
    });
    return () => {
      for (const m of markers) m.remove();
    };
  }, [loaded, movable, props.sites, textOf]);

  // Flows: width by tonnes.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const flows = props.flows ?? [];
    const max = Math.max(1, ...flows.map((f) => f.tonnes));
    (map.getSource('flows') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: flows.map<Feature<LineString>>((f) => ({
        type: 'Feature',
        properties: { width: 1 + 9 * Math.sqrt(f.tonnes / max) },
        geometry: { type: 'LineString', coordinates: [f.from, f.to] },
      })),
    });
  }, [loaded, props.flows]);

  // Count bubbles (actors per municipality), labelled with HTML markers (the map has no font files).
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const bubbles = props.bubbles ?? [];
    const max = Math.max(1, ...bubbles.map((b) => b.count));
    (map.getSource('bubbles') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: bubbles.map<Feature<Point>>((b) => ({
        type: 'Feature',
        properties: { r: 8 + 22 * Math.sqrt(b.count / max), ...(b.color ? { color: b.color } : {}) },
        geometry: { type: 'Point', coordinates: [b.lon, b.lat] },
      })),
    });
    const markers = bubbles.map((b) => {
      const el = document.createElement('span');
      el.className = 'bubble-label';
      el.textContent = b.label;
      el.setAttribute('aria-hidden', 'true');
      return new maplibregl.Marker({ element: el }).setLngLat([b.lon, b.lat]).addTo(map);
    });
    return () => {
      for (const m of markers) m.remove();
    };
  }, [loaded, props.bubbles]);

  const legend = props.values && props.breaks;
  return (
    <figure className="map-figure">
      <section
        ref={container}
        className="map"
        style={{ height: props.height ?? 420 }}
        aria-label={props.label}
        data-ready={loaded ? 'true' : 'false'}
        data-municipalities={rendered}
        data-selected={props.selected?.size ?? 0}
      />
      {failed && <p className="error">{t.mapUnavailable}</p>}
      {props.subRegions && props.subRegions.length > 0 && (
        <ul className="map-key" aria-label={t.subRegions}>
          {props.subRegions.map((s, i) => (
            <li key={s.id}>
              <span
                className="swatch swatch-line"
                style={{ borderColor: SUBREGION_COLOURS[i % SUBREGION_COLOURS.length] }}
              />
              {s.name}
            </li>
          ))}
          {props.sites && props.sites.length > 0 && (
            <li>
              <span className="swatch swatch-site" /> {t.sites} ({t.radius})
            </li>
          )}
        </ul>
      )}
      {legend && <LegendBar breaks={props.breaks ?? []} />}
    </figure>
  );
}

function LegendBar({ breaks }: { breaks: number[] }) {
  const { t, f } = useI18n();
  const labels: string[] = [];
  for (let i = 0; i <= breaks.length; i++) {
    const lo = i === 0 ? undefined : breaks[i - 1];
    const hi = breaks[i];
    if (lo === undefined) labels.push(`≤ ${f.num(hi ?? 0, hi !== undefined && hi < 10 ? 1 : 0)}`);
    else if (hi === undefined) labels.push(`> ${f.num(lo, lo < 10 ? 1 : 0)}`);
    else labels.push(`${f.num(lo, lo < 10 ? 1 : 0)}–${f.num(hi, hi < 10 ? 1 : 0)}`);
  }
  return (
    <ul className="map-key" aria-label={t.legend}>
      {labels.map((l, i) => (
        <li key={l}>
          <span className="swatch" style={{ background: PALETTE[Math.min(i, PALETTE.length - 1)] }} />
          {l}
        </li>
      ))}
      <li>
        <span className="swatch" style={{ background: '#e7e5e4' }} />
        {t.noData}
      </li>
    </ul>
  );
}
