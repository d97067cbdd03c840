// docs/synth.md must be what `npm run synth -- --doc docs/synth.md` generates from the current code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCES, renderSynthDoc } from './doc';

describe('docs/synth.md', () => {
  it('is up to date with the synthesizer constants and measurements', () => {
    const doc = renderSynthDoc();
    const committed = readFileSync(path.resolve(import.meta.dirname, '../../docs/synth.md'), 'utf8');
    expect(committed, 'run `npm run synth -- --doc docs/synth.md`').toBe(doc);
  });

  it('cites only references it lists, and lists only references it cites', () => {
    const doc = renderSynthDoc();
    const body = doc.slice(0, doc.indexOf('## References'));
    const cited = new Set(
      [...body.matchAll(/\[([A-Za-z]+\d*)[\],;]/g)].map((m) => m[1]).filter((k) => !k.startsWith('Math')),
    );
    for (const k of cited) expect(Object.keys(REFERENCES)).toContain(k);
    for (const k of Object.keys(REFERENCES)) expect(body).toContain(k);
  });
});
