import { encode } from 'uqr';

/** A QR code drawn as SVG in the page (uqr, generated locally: no request to any other site). */
export function QrCode({ text, size = 120, label }: { text: string; size?: number; label: string }) {
  const { data } = encode(text, { ecc: 'M', border: 2 });
  let d = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return (
    <svg
      class="qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${data.length} ${data.length}`}
      shape-rendering="crispEdges"
    >
      <rect width={data.length} height={data.length} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
