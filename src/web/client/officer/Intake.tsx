/** Placeholder: filled in by the following commits. */
export function Intake() {
  return <h1>…</h1>;
}
