// Text in FHIR exports: what a FHIR string may hold, and XHTML narratives built from plain lines.

/**
 * Text as a FHIR string may hold it: no control characters but tab and line breaks (FHIR's string type, which XHTML
 * shares), trimmed. A model's streamed answer can contain such bytes (a byte-level tokenizer decodes any byte).
 */
export function fhirString(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '').trim();
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A narrative `div` with one paragraph per line. */
export function xhtmlNarrative(lines: readonly string[]): string {
  const body = lines.map((l) => `<p>${escapeXml(fhirString(l))}</p>`).join('');
  return `<div xmlns="http://www.w3.org/1999/xhtml">${body}</div>`;
}
