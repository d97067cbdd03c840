// Tests for the npm audit summary: clean, with high advisories, and a registry that cannot answer.
import { describe, expect, it } from 'vitest';
import { auditOutcome, summarizeAudit, withoutRegistryAddress } from './audit';

const report = (v: Record<string, number>) =>
  JSON.stringify({
    metadata: {
      vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...v },
      dependencies: { prod: 42 },
    },
  });

describe('npm audit summary', () => {
  it('passes with only low and moderate advisories', () => {
    const s = summarizeAudit(report({ low: 2, moderate: 1 }));
    expect(s).toEqual({
      status: 'ok',
      counts: { info: 0, low: 2, moderate: 1, high: 0, critical: 0 },
      dependencies: 42,
    });
    const o = auditOutcome(s);
    expect(o.pass).toBe(true);
    expect(o.observed).toBe('0 info, 2 low, 1 moderate, 0 high, 0 critical in 42 production dependencies');
  });

  it('fails on a high or critical advisory', () => {
    expect(auditOutcome(summarizeAudit(report({ high: 1 }))).pass).toBe(false);
    expect(auditOutcome(summarizeAudit(report({ critical: 3 }))).measured).toEqual({ high: 0, critical: 3 });
  });

  it('records an unreachable advisory endpoint as unavailable without failing', () => {
    const s = summarizeAudit(
      JSON.stringify({
        message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      }),
    );
    expect(s).toEqual({ status: 'unavailable', reason: expect.stringMatching(/405/) });
    const o = auditOutcome(s);
    expect(o.pass).toBe(true);
    expect(o.observed).toMatch(/^not checked: .*405.*CI does not fail/);
    expect(o.observed).toContain('(405 Method Not Allowed - POST <registry>)');
    expect(o.observed).not.toMatch(/npmjs|https?:/);
    expect(summarizeAudit('').status).toBe('unavailable');
  });

  it('keeps no registry address in what it records', () => {
    expect(
      withoutRegistryAddress(
        'request to https://npm.example.org:8443/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND npm.example.org',
      ),
    ).toBe('request to <registry> failed, reason: getaddrinfo ENOTFOUND <registry>');
    expect(withoutRegistryAddress('connect ECONNREFUSED 10.0.0.5:4873')).toBe(
      'connect ECONNREFUSED <registry>',
    );
    expect(withoutRegistryAddress('audit endpoint returned an error')).toBe(
      'audit endpoint returned an error',
    );
  });
});
