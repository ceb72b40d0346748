/** Placeholder: filled in by the following commits. */
export function CasePage() {
  return <h1>…</h1>;
}
