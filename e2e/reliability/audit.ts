// `npm audit` of the production dependencies, summarised for docs/reliability.md. A registry that cannot answer
// (offline, a mirror without the advisory endpoint) is recorded as "unavailable" and does not fail the build;
// high or critical advisories do.
import { spawnSync } from 'node:child_process';
import type { Outcome } from './results';

export const AUDIT_COMMAND = ['npm', 'audit', '--omit=dev', '--audit-level=high', '--json'] as const;
const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;
type Severity = (typeof SEVERITIES)[number];

export type AuditSummary =
  | { status: 'ok' | 'advisories'; counts: Record<Severity, number>; dependencies: number | null }
  | { status: 'unavailable'; reason: string };

/**
 * npm's error text without the registry's address (docs/reliability.md is published; which registry or mirror a
 * machine uses is that machine's business): URLs, and the host names they or a DNS error name, become `<registry>`.
 */
export function withoutRegistryAddress(text: string): string {
  const hosts = new Set<string>();
  let out = text.replace(/\b[a-z][a-z+.-]*:\/\/([^\s/'"]+)[^\s'")]*/gi, (_, host: string) => {
    hosts.add(host);
    return '<registry>';
  });
  out = out.replace(/\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT) ([^\s'")]+)/g, '$1 <registry>');
  for (const h of hosts) out = out.split(h).join('<registry>');
  return out;
}

/** Reads `npm audit --json` output (advisory counts, or the error npm printed instead). */
export function summarizeAudit(stdout: string): AuditSummary {
  let json: {
    metadata?: { vulnerabilities?: Partial<Record<Severity, number>>; dependencies?: { prod?: number } };
    message?: string;
    error?: { summary?: string };
  };
  try {
    json = JSON.parse(stdout) as typeof json;
  } catch {
    return {
      status: 'unavailable',
      reason: `npm audit printed no JSON (${withoutRegistryAddress(stdout.trim().slice(0, 120)) || 'no output'})`,
    };
  }
  const v = json.metadata?.vulnerabilities;
  if (!v)
    return {
      status: 'unavailable',
      reason: withoutRegistryAddress(
        json.message ?? json.error?.summary ?? 'npm audit returned no advisory metadata',
      ),
    };
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, v[s] ?? 0])) as Record<Severity, number>;
  const status = counts.high + counts.critical > 0 ? 'advisories' : 'ok';
  return { status, counts, dependencies: json.metadata?.dependencies?.prod ?? null };
}

export function auditOutcome(s: AuditSummary): Outcome {
  const base = {
    id: 'npm-audit',
    what: `\`${AUDIT_COMMAND.join(' ')}\``,
    expected: 'no high or critical advisory in production dependencies',
  };
  if (s.status === 'unavailable')
    return {
      ...base,
      observed: `not checked: the registry could not answer (${s.reason}); CI does not fail on this`,
      pass: true,
    };
  const list = SEVERITIES.map((k) => `${s.counts[k]} ${k}`).join(', ');
  const deps = s.dependencies === null ? '' : ` in ${s.dependencies} production dependencies`;
  return {
    ...base,
    observed: `${list}${deps}`,
    pass: s.status === 'ok',
    measured: { high: s.counts.high, critical: s.counts.critical },
  };
}

export function runAudit(cwd: string): AuditSummary {
  const r = spawnSync(AUDIT_COMMAND[0], AUDIT_COMMAND.slice(1), { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.error) return { status: 'unavailable', reason: withoutRegistryAddress(r.error.message) };
  return summarizeAudit(r.stdout);
}
