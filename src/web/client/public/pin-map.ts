/**
 * The map of the location pin, drawn by Leaflet (imported only from here, so Vite puts it and its CSS
 * in a chunk of their own that /complain loads only when a tile server is configured and the citizen
 * opens the map). Click (or tap) puts the pin, dragging moves it; with the keyboard the map pans with
 * the arrow keys and zooms with + and −, and LocationPin's button pins its centre.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './pin-map.css';
import type { MapSettings } from '../shared/initial-data';

export interface Pin {
  lat: number;
  lng: number;
}

export interface PinMap {
  /** puts the pin at the map's centre (the keyboard's way) */
  pinCentre(): void;
  /** takes the pin away */
  clear(): void;
  destroy(): void;
}

/** The API accepts points inside Thailand only (THAILAND_BOUNDS in src/common/validation/validators.ts). */
const THAILAND = L.latLngBounds([5.5, 97.3], [20.5, 105.7]);

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** About 10 cm: enough for any address, and what the API keeps. */
const round = (n: number) => Math.round(n * 1e6) / 1e6;

export function createPinMap(
  element: HTMLElement,
  settings: MapSettings,
  initial: Pin | null,
  onPin: (pin: Pin) => void,
): PinMap {
  const map = L.map(element, {
    center: initial ?? settings.center,
    zoom: initial ? Math.max(settings.center.zoom, 15) : settings.center.zoom,
    maxBounds: THAILAND.pad(0.1),
    minZoom: 5,
    keyboard: true,
  });
  map.attributionControl.setPrefix('Leaflet');
  // the operator's text, shown as text (Leaflet writes attributions as HTML)
  L.tileLayer(settings.tileUrl, { maxZoom: 19, attribution: escapeHtml(settings.attribution) }).addTo(map);
  const icon = L.divIcon({ className: 'pin-icon', iconSize: [26, 26], iconAnchor: [13, 26] });
  let marker: L.Marker | null = null;
  const pinned = (at: L.LatLng) => onPin({ lat: round(at.lat), lng: round(at.lng) });
  // outside Thailand the API would refuse the point: such a click does nothing
  const place = (at: L.LatLng) => {
    if (!THAILAND.contains(at)) return;
    if (marker) marker.setLatLng(at);
    else {
      const m = L.marker(at, { icon, draggable: true, title: 'หมุด / Pin', alt: 'หมุด / Pin' }).addTo(map);
      m.on('dragend', () => (THAILAND.contains(m.getLatLng()) ? pinned(m.getLatLng()) : m.setLatLng(at)));
      marker = m;
    }
    pinned(at);
  };
  if (initial) place(L.latLng(initial.lat, initial.lng));
  map.on('click', (e: L.LeafletMouseEvent) => place(e.latlng));
  return {
    pinCentre: () => place(map.getCenter()),
    clear: () => {
      marker?.remove();
      marker = null;
    },
    destroy: () => map.remove(),
  };
}
