/** Placeholder: filled in by the following commits. */
export function Slip() {
  return <h1>…</h1>;
}
