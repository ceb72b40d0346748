/**
 * The optional map pin of /complain: shown only when the server configured a tile server (the page's
 * inlined `map` settings). The map (Leaflet, its own chunk) is loaded when the citizen opens it, so the
 * page's weight and its one round of requests stay as they are, and no tile server hears of a
 * citizen who does not want a map. Keyboard: the map pans with the arrows, "pin the centre" pins;
 * the address fields above stay the way to say where without a map.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { peek } from '../shared/initial-data';
import type { Pin, PinMap } from './pin-map';

const degrees = (n: number) => n.toFixed(6);

export function LocationPin({ value, onChange }: { value: Pin | null; onChange: (pin: Pin | null) => void }) {
  const settings = peek('map');
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<PinMap | null>(null);
  // the map reports pins through the latest onChange
  const reportRef = useRef(onChange);
  useEffect(() => {
    reportRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!open || !settings || !container.current) return;
    let gone = false;
    setFailed(false);
    import('./pin-map').then(
      ({ createPinMap }) => {
        if (gone || !container.current) return;
        map.current = createPinMap(container.current, settings, value, (pin) => reportRef.current(pin));
      },
      () => !gone && setFailed(true),
    );
    return () => {
      gone = true;
      map.current?.destroy();
      map.current = null;
    };
    // the map is made once per opening; later pins come from the map itself
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, attempt, settings]);

  if (!settings) return null;
  return (
    <fieldset class="location-pin">
      <legend>
        ปักหมุดบนแผนที่ (ไม่บังคับ) <span class="en">Pin the place on a map (optional)</span>
      </legend>
      {!open ? (
        <button type="button" class="secondary" onClick={() => setOpen(true)}>
          แสดงแผนที่ / Show the map
        </button>
      ) : (
        <>
          <p class="muted" id="map-help">
            คลิกหรือแตะจุดที่เกิดเหตุ หรือใช้ปุ่มลูกศรเลื่อนแผนที่แล้วกด "ปักหมุดที่กลางแผนที่"{' '}
            <span class="en">
              Click or tap the place, or move the map with the arrow keys and pin its centre.
            </span>
          </p>
          {failed && (
            <p role="alert" class="field-error">
              โหลดแผนที่ไม่ได้ โปรดระบุสถานที่ในช่องด้านบน หรือลองใหม่{' '}
              <span class="en">The map could not load: describe the place above, or try again.</span>{' '}
              <button type="button" class="secondary" onClick={() => setAttempt((n) => n + 1)}>
                ลองใหม่ / Try again
              </button>
            </p>
          )}
          <div
            ref={container}
            class="pin-map"
            data-testid="pin-map"
            role="region"
            aria-label="แผนที่ / Map"
            aria-describedby="map-help"
          />
          <div class="actions">
            <button type="button" class="secondary" onClick={() => map.current?.pinCentre()}>
              ปักหมุดที่กลางแผนที่ / Pin the centre of the map
            </button>
            {value && (
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  map.current?.clear();
                  onChange(null);
                }}
              >
                เอาหมุดออก / Remove the pin
              </button>
            )}
          </div>
        </>
      )}
      <p aria-live="polite" data-testid="pin">
        {value
          ? `หมุด / Pin: ละติจูด ${degrees(value.lat)}, ลองจิจูด ${degrees(value.lng)}`
          : 'ยังไม่ได้ปักหมุด / No pin'}
      </p>
    </fieldset>
  );
}
