/**
 * The policy as it would be published. Rendered by the server from the draft and shown in a
 * sandboxed frame with no script and no access to this page, so nothing in a draft can act here.
 */
export function PolicyPreview({ html }: { html: string }) {
  return <iframe className="pe-preview" title="Preview of the privacy policy" sandbox="" srcDoc={html} />;
}
