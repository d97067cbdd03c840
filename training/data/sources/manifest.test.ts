import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifest, parseManifestLine } from './manifest';
import { generatedTree, schemaProblems } from './testing';

// training/data/fixtures/manifest/recordings.jsonl: two good lines, then one broken line of each kind.
async function listing() {
  const root = generatedTree('manifest', [
    'audio/clinic-001',
    'audio/clinic-002',
    'audio/clinic-003',
    'audio/clinic-004',
  ]);
  const result = await manifest.list(root);
  rmSync(root, { recursive: true });
  return result;
}

describe('JSONL manifest adapter', () => {
  it('reads valid lines, accepting dataset site codes', async () => {
    const l = await listing();
    expect(schemaProblems(l)).toEqual([]);
    expect(l.records.map((r) => r.labels)).toEqual([
      expect.objectContaining({
        id: 'manifest/clinic-001',
        patient: 'p1',
        domain: 'heart',
        site: 'MV',
        findings: ['systolic-murmur'],
      }),
      expect.objectContaining({
        id: 'manifest/clinic-002',
        site: 'posterior-left',
        diagnosis: ['asthma'],
        events: [{ type: 'wheeze', startS: 0.1, endS: 0.4 }],
      }),
    ]);
  });
  it('reports every bad line with its line number', async () => {
    const { issues } = await listing();
    expect(issues.map((i) => `${i.kind} ${i.file}: ${i.message}`)).toEqual([
      "unknown-label recordings.jsonl:3: line 3: unknown finding 'crepitations'",
      'missing-audio recordings.jsonl:5: no file at audio/missing.wav',
      "unknown-label recordings.jsonl:6: line 6: unknown heart site 'posterior-left'",
      "unknown-label recordings.jsonl:7: line 7: duplicate id 'manifest/clinic-001'",
      "unknown-label recordings.jsonl:8: line 8: unknown diagnosis 'flu'",
      'unknown-label recordings.jsonl:9: line 9: event S1 has bad times 2–1',
      'unknown-label recordings.jsonl:10: line 10: not valid JSON',
    ]);
  });
  it('requires audio, a domain and a normal flag', () => {
    expect(() =>
      parseManifestLine('{"domain":"heart","site":"AV","findings":[],"normal":true,"diagnosis":[]}', 'x'),
    ).toThrow(/audio/);
    expect(() =>
      parseManifestLine(
        '{"audio":"a.wav","domain":"belly","site":"AV","findings":[],"normal":true,"diagnosis":[]}',
        'x',
      ),
    ).toThrow(/domain/);
    expect(() =>
      parseManifestLine('{"audio":"a.wav","domain":"heart","site":"AV","findings":[],"diagnosis":[]}', 'x'),
    ).toThrow(/normal/);
  });
});
