// Corpus statistics accumulated one entry at a time (counts per source, split, finding, site, diagnosis; durations),
// the numbers behind corpus.json and the generated dataset card.
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import type { Split } from '../../src/core/clinical/schema';
import type { AdapterIssue } from './sources/types';

type Counts = Record<string, number>;
type SplitCounts = Record<Split, number>;

export interface SourceStats {
  recordings: number;
  patients: number;
  durationS: number;
  bySplit: SplitCounts;
  patientsBySplit: SplitCounts;
  normal: { normal: number; abnormal: number; unknown: number };
}

export interface CorpusStats {
  sources: Record<string, SourceStats>;
  /** finding → split → count */
  findings: Record<string, SplitCounts>;
  diagnoses: Record<string, SplitCounts>;
  sites: Record<string, Counts>;
  issues: Record<string, Counts>;
}

const zeroSplits = (): SplitCounts => ({ train: 0, val: 0, test: 0 });

export class StatsAccumulator {
  private readonly stats: CorpusStats = { sources: {}, findings: {}, diagnoses: {}, sites: {}, issues: {} };
  private readonly patients = new Map<string, Set<string>>();

  add(e: CorpusEntry): void {
    const s = (this.stats.sources[e.source] ??= {
      recordings: 0,
      patients: 0,
      durationS: 0,
      bySplit: zeroSplits(),
      patientsBySplit: zeroSplits(),
      normal: { normal: 0, abnormal: 0, unknown: 0 },
    });
    s.recordings++;
    s.durationS += e.durationS;
    s.bySplit[e.split]++;
    s.normal[e.normal === true ? 'normal' : e.normal === false ? 'abnormal' : 'unknown']++;
    const seen = this.patients.get(e.source) ?? new Set<string>();
    this.patients.set(e.source, seen);
    const key = `${e.split}/${e.patient}`;
    if (!seen.has(key)) {
      seen.add(key);
      s.patientsBySplit[e.split]++;
      s.patients++;
    }
    for (const f of e.findings) (this.stats.findings[f] ??= zeroSplits())[e.split]++;
    for (const d of e.diagnosis) (this.stats.diagnoses[d] ??= zeroSplits())[e.split]++;
    const sites = (this.stats.sites[e.domain] ??= {});
    sites[e.site] = (sites[e.site] ?? 0) + 1;
  }

  addIssue(i: AdapterIssue): void {
    const c = (this.stats.issues[i.source] ??= {});
    c[i.kind] = (c[i.kind] ?? 0) + 1;
  }

  result(): CorpusStats {
    return structuredClone(this.stats);
  }
}
