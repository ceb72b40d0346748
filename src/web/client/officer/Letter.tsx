/** Placeholder: filled in by the following commits. */
export function Letter() {
  return <h1>…</h1>;
}
