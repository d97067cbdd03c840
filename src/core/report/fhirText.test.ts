// FHIR text: control bytes a model may emit are dropped (tab and line breaks kept), markup is escaped.
import { describe, expect, it } from 'vitest';
import { fhirString, xhtmlNarrative } from './fhirText';

describe('FHIR text', () => {
  it('keeps what a FHIR string may hold', () => {
    expect(fhirString(' a\u0000b\u0007c\td\ne\u001b ')).toBe('abc\td\ne');
  });
  it('builds an XHTML narrative with escaped lines', () => {
    expect(xhtmlNarrative(['<b> & "q"', 'x\u0001'])).toBe(
      '<div xmlns="http://www.w3.org/1999/xhtml"><p>&#60;b&#62; &#38; &#34;q&#34;</p><p>x</p></div>',
    );
  });
});
