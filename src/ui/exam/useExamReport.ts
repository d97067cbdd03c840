// The open exam's report from the store: each site's recording, findings assessment and streamed answer, joined into
// the core report (src/core/report) that the summary, the print view and the exports show.
import { useMemo } from 'react';
import type { Exam } from '../../core/clinical/exam';
import type { Site } from '../../core/clinical/schema';
import { buildExamReport, type ExamReport, type SiteInput } from '../../core/report/examReport';
import { EXAM_PROTOCOLS } from '../../core/clinical/exam';
import { useApp } from '../../state/app-store';
import { EXAM_SITE_TASK, siteTarget } from '../../state/slices/exam';
import { runKey } from '../../state/slices/inferenceRuns';

export function useExamReport(exam: Exam): ExamReport {
  const recordings = useApp((s) => s.recordings);
  const assessments = useApp((s) => s.assessments);
  const runs = useApp((s) => s.runs);
  const model = useApp((s) => s.model);
  return useMemo(() => {
    const bySite = new Map<Site, SiteInput>();
    for (const s of exam.sites) {
      const meta = s.recordingId ? recordings.find((r) => r.id === s.recordingId) : undefined;
      if (!meta) continue;
      const a = assessments[meta.id];
      const assessment = a?.status === 'ready' ? a.assessment : null;
      const target = siteTarget(meta);
      const run = runs[runKey([meta.id], EXAM_SITE_TASK)];
      bySite.set(s.site, {
        domain: target.domain !== 'unknown' ? target.domain : (assessment?.domain.value ?? 'heart'),
        recordingName: meta.name,
        findings: assessment?.findings ?? [],
        uncertainReasons: assessment?.uncertainty.reasons,
        verdict: assessment?.verdict,
        ...(run?.status === 'done' ? { answer: { question: run.question, text: run.text } } : {}),
        ...(meta.truth?.attribution ? { attribution: meta.truth.attribution } : {}),
      });
    }
    return buildExamReport(exam, bySite, {
      issuedIso: new Date().toISOString(),
      model: {
        id: model.modelId ?? 'unknown',
        backend: model.backend ?? 'unknown',
        dtype: model.dtype ?? 'unknown',
      },
      fallbackDomain: EXAM_PROTOCOLS[exam.protocol].domain ?? 'heart',
    });
  }, [exam, recordings, assessments, runs, model]);
}
