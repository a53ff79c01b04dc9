/** The map loads its code (MapLibre GL, about 1 MB) only when a map is shown, after the figures. */
import { lazy, Suspense } from 'react';
import type { MapViewProps } from './map-view.tsx';

const MapView = lazy(() => import('./map-view.tsx').then((m) => ({ default: m.MapView })));

export function LazyMap(props: MapViewProps) {
  return (
    <Suspense fallback={<div className="map" style={{ height: props.height ?? 420 }} aria-hidden="true" />}>
      <MapView {...props} />
    </Suspense>
  );
}
