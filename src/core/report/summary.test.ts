// The exam summary from fixed per-site outputs: abnormal sites, where a murmur is most evident and its valve, and the
// spread of lung findings, each with the confidence of the weakest per-site call it rests on.
import { describe, expect, it } from 'vitest';
import type { Domain, Site } from '../clinical/schema';
import { headOutputs, headsLabeled } from './fixtures';
import { lungPattern, siteCall, siteCallText, summarizeExam, type SiteOutput } from './summary';

const HEADS = headsLabeled('abnormal', 'murmur', 'crackles', 'wheeze', 'lung');

function site(s: Site, domain: Domain, p: Record<string, number>, uncertainReasons?: string[]): SiteOutput {
  return { site: s, domain, findings: headOutputs(HEADS, p, 0.05), uncertainReasons };
}

describe('siteCall', () => {
  it('is the verdict where the model has one (undecided: no call), else the abnormal head at the threshold', () => {
    const ev = (label: string, probability: number) => ({ label, probability });
    const normal = siteCall({
      ...site('AV', 'heart', { abnormal: 0.9 }),
      verdict: { value: 'normal', evidence: ev('murmur', 0.1) },
    });
    expect(normal).toMatchObject({ abnormal: false, by: 'verdict' });
    expect(siteCallText(normal!)).toBe('normal: murmur 0.10');
    const undecided = siteCall({
      ...site('AV', 'heart', {}),
      verdict: { value: 'undecided', evidence: ev('poor-quality', 0.61) },
    });
    expect(undecided?.abnormal).toBeNull();
    expect(siteCallText(undecided!)).toBe('no verdict: poor-quality 0.61');
    const bySignal = siteCall({
      ...site('posterior-left-lower', 'lung', {}),
      verdict: {
        value: 'abnormal',
        evidence: ev('wheeze', 0.41),
        signal: { signal: 'tonal-wheeze', value: 0.064, threshold: 0.03 },
      },
    });
    expect(bySignal).toMatchObject({ abnormal: true, by: 'verdict', evidence: { label: 'wheeze' } });
    expect(siteCallText(bySignal!)).toBe('abnormal: tonal-wheeze 0.06 of the recording (wheeze 0.41)');
    const head = siteCall(site('MV', 'heart', { abnormal: 0.73 }), 0.7);
    expect(head).toMatchObject({ abnormal: true, by: 'abnormal-head' });
    expect(siteCallText(head!)).toBe('P(abnormal) 0.73');
    expect(siteCall(site('MV', 'heart', { abnormal: 0.69 }), 0.7)?.abnormal).toBe(false);
  });
});

describe('exam summary', () => {
  it('calls a site abnormal by its findings-decided verdict where the model has one, not by the abnormal head', () => {
    const heard = (value: 'normal' | 'abnormal', probability: number) => ({
      value,
      evidence: { label: 'murmur', probability },
    });
    const sites = [
      { ...site('AV', 'heart', { abnormal: 0.95, murmur: 0.1 }), verdict: heard('normal', 0.1) },
      { ...site('MV', 'heart', { abnormal: 0.2, murmur: 0.8 }), verdict: heard('abnormal', 0.8) },
      site('TV', 'heart', { abnormal: 0.7, murmur: 0.2 }), // no verdict: the abnormal head at 0.5 decides
    ];
    const [abnormal] = summarizeExam(sites);
    expect(abnormal.text).toBe(
      'Abnormal at 2 of 3 sites: mitral area (p = 0.80), tricuspid area (p = 0.70). Normal: aortic area.',
    );
    expect(abnormal.evidence.map((e) => e.label)).toEqual(['murmur', 'murmur', 'abnormal']);
    const poor = {
      ...site('PV', 'heart', { abnormal: 0.9 }),
      verdict: { value: 'undecided' as const, evidence: { label: 'poor-quality', probability: 0.7 } },
    };
    const statements = summarizeExam([...sites, poor]);
    expect(statements[0].text).toMatch(/^Abnormal at 2 of 3 sites/); // an undecided site is not called either way
    expect(statements.at(-1)?.text).toBe(
      'The model is unsure at pulmonic area (possibly poor quality: no verdict): listen again or re-record there.',
    );
  });

  it('finds the abnormal heart sites and where the murmur is most evident, with the valve it suggests', () => {
    const heart = [
      site('AV', 'heart', { abnormal: 0.3, murmur: 0.35 }),
      site('PV', 'heart', { abnormal: 0.2, murmur: 0.1 }),
      site('TV', 'heart', { abnormal: 0.7, murmur: 0.62 }),
      site('MV', 'heart', { abnormal: 0.9, murmur: 0.88 }),
    ];
    const [abnormal, murmur, ...rest] = summarizeExam(heart);
    expect(rest).toEqual([]);
    expect(abnormal.kind).toBe('abnormal-sites');
    expect(abnormal.text).toBe(
      'Abnormal at 2 of 4 sites: mitral area (p = 0.90), tricuspid area (p = 0.70). Normal: aortic area, pulmonic area.',
    );
    expect(abnormal.confidence).toBeCloseTo(0.7); // the weakest call: AV normal at 0.7, TV abnormal at 0.7
    expect(murmur.text).toBe(
      'A murmur is most evident at the mitral area (p = 0.88), which suggests the mitral valve. Next: tricuspid area (p = 0.62).',
    );
    expect(murmur.confidence).toBeCloseTo(0.88);
    expect(murmur.evidence.map((e) => e.site)).toEqual(['AV', 'PV', 'TV', 'MV']);
  });

  it('says no murmur (and no abnormal site) when every site is below the threshold, confident by the highest', () => {
    const heart = (['AV', 'PV', 'TV', 'MV'] as const).map((s) =>
      site(s, 'heart', { abnormal: 0.1, murmur: 0.2 }),
    );
    const [abnormal, murmur] = summarizeExam(heart);
    expect(abnormal.text).toBe('No site sounds abnormal (4 of 4 normal).');
    expect(abnormal.confidence).toBeCloseTo(0.9);
    expect(murmur.text).toMatch(/^No murmur at any of the 4 heart sites/);
    expect(murmur.confidence).toBeCloseTo(0.8);
  });

  it('calls crackles at both bases bilateral and basal, and a single wheezy zone focal', () => {
    const lung = [
      site('anterior-right-upper', 'lung', { abnormal: 0.2 }),
      site('anterior-left-upper', 'lung', { abnormal: 0.6, wheeze: 0.75 }),
      site('posterior-right-upper', 'lung', { abnormal: 0.2, crackles: 0.3 }),
      site('posterior-left-upper', 'lung', { abnormal: 0.2 }),
      site('posterior-right-lower', 'lung', { abnormal: 0.8, crackles: 0.81 }),
      site('posterior-left-lower', 'lung', { abnormal: 0.9, crackles: 0.92 }),
    ];
    const statements = summarizeExam(lung);
    const lungs = statements.filter((s) => s.kind === 'lung-distribution');
    expect(lungs.map((s) => s.text)).toEqual([
      'Crackles at 2 of 6 lung sites (left posterior chest, lower zone (p = 0.92), right posterior chest, lower zone (p = 0.81)): bilateral, basal.',
      'Wheeze or rhonchi at 1 of 6 lung sites (left anterior chest, upper zone (p = 0.75)): focal.',
    ]);
    expect(lungs[0].confidence).toBeCloseTo(0.7); // right upper back crackles 0.3 → 0.7 sure it is absent there
    expect(lungs[1].confidence).toBeCloseTo(0.75);
    expect(statements.some((s) => s.kind === 'murmur')).toBe(false);
  });

  it('reads the spread of positive zones', () => {
    expect(lungPattern(['posterior-left-lower'])).toEqual({ spread: 'focal', basal: true });
    expect(lungPattern(['posterior-left-lower', 'posterior-left-upper'])).toEqual({
      spread: 'unilateral',
      basal: false,
    });
    expect(lungPattern(['lateral-left', 'lateral-right'])).toEqual({ spread: 'bilateral', basal: false });
  });

  it('says where the model is unsure, without a confidence, and nothing for sites it has no output for', () => {
    const statements = summarizeExam([
      site('posterior-left', 'lung', { abnormal: 0.1 }, ['poor-quality']),
      site('posterior-right', 'lung', { abnormal: 0.1 }),
    ]);
    expect(statements.map((s) => s.kind)).toEqual(['abnormal-sites', 'lung-distribution', 'uncertain-sites']);
    expect(statements[1].text).toMatch(/^No added lung sounds at any of the 2 lung sites/);
    expect(statements[2]).toMatchObject({
      confidence: null,
      text: expect.stringContaining('left posterior chest (poor-quality)'),
    });
    expect(summarizeExam([])).toEqual([]);
  });
});
