// Findings panel: the model's findings-head probabilities over the whole recording (how many windows, and whether
// an answer would abstain; murmur, crackles and wheeze link to their regions on the waveform: the frame-level event
// spans where the model has them, else high windows) and the signal analysis (heart or respiratory rate, quality,
// S1/S2 or crackle/wheeze regions on the waveform that play when clicked).
import { useEffect } from 'react';
import type { RecordingAssessment } from '../../inference/protocol';
import type { RecordingMeta } from '../../core/clinical/recording';
import { useApp } from '../../state/app-store';
import { inputDomain } from './bodyDiagram';
import { useAnalysis } from './analysis';
import { assessedWith, domainOrHeart, shownDomain } from './domain';
import { relevantFindings, reportFindingName } from '../../core/report/recordingReport';
import { formatPercent, formatReasons, formatVerdict, formatWindows } from './format';
import { RegionWaveform } from './RegionWaveform';
import { regionDomId } from './TimelineRegions';
import { requestPlayRegion, type TimelineRegion } from './timeline';
import { useTimelineRegions } from './useTimeline';
import './workspace.css';

/** Links from a finding to its regions on the waveform: activating one plays that span and moves focus to it. */
function RegionLinks({ recordingId, regions }: { recordingId: string; regions: TimelineRegion[] }) {
  if (regions.length === 0) return null;
  return (
    <ul className="finding-regions" aria-label="Where on the timeline">
      {regions.map((r) => {
        const id = regionDomId(recordingId, r.id);
        return (
          <li key={r.id}>
            <a
              href={`#${id}`}
              data-testid="finding-region-link"
              data-source={r.source}
              onClick={(e) => {
                e.preventDefault();
                requestPlayRegion({ recordingId, regionId: r.id, rate: 1 });
                requestAnimationFrame(() => document.getElementById(id)?.focus());
              }}
            >
              {r.startS.toFixed(1)}–{r.endS.toFixed(1)} s
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/** The reader's name of the head that decided the verdict. */
function evidenceName(a: RecordingAssessment): string {
  const label = a.verdict?.evidence.label ?? '';
  const f = a.findings.find((x) => x.label === label);
  return f ? reportFindingName(f) : label;
}

export function FindingsPanel({ recording }: { recording: RecordingMeta }) {
  const assessed = useApp((s) => s.assessments[recording.id]);
  const assessment = assessed?.status === 'ready' ? assessed.assessment : null;
  const domain = domainOrHeart(shownDomain(recording, assessment));
  const analysis = useAnalysis(recording.id, domain);
  const modelReady = useApp((s) => s.model.status === 'ready');
  const loadAssessment = useApp((s) => s.loadAssessment);
  const given = inputDomain(recording.site, recording.domain);
  const target = { id: recording.id, domain: given, site: recording.site };
  const regions = useTimelineRegions(recording);
  const stale = assessment !== null && !assessedWith(assessment, given); // heart/lung was corrected since
  useEffect(() => {
    if (modelReady && (!assessed || stale))
      void loadAssessment({ id: recording.id, domain: given, site: recording.site });
  }, [modelReady, assessed, stale, loadAssessment, recording.id, given, recording.site]);

  return (
    <div className="findings-panel" data-testid="findings-panel">
      <h2>Findings</h2>
      <section aria-label="Signal analysis">
        {analysis.status === 'loading' && <p className="muted">Analysing the recording…</p>}
        {analysis.status === 'error' && <p className="error">{analysis.message}</p>}
        {analysis.status === 'ready' && (
          <>
            <dl className="report__meta" data-testid="analysis">
              {domain === 'heart' ? (
                <>
                  <dt>Heart rate</dt>
                  <dd data-testid="heart-rate">
                    {analysis.value.heartRateBpm === null
                      ? 'not measurable'
                      : `${Math.round(analysis.value.heartRateBpm)} /min`}
                  </dd>
                </>
              ) : (
                <>
                  <dt>Respiratory rate</dt>
                  <dd data-testid="resp-rate">
                    {analysis.value.respiratoryRatePerMin === null
                      ? 'not measurable'
                      : `${Math.round(analysis.value.respiratoryRatePerMin)} /min`}
                  </dd>
                </>
              )}
              <dt>Signal quality</dt>
              <dd data-testid="quality">
                {formatPercent(analysis.value.quality.score)}
                {analysis.value.quality.issues.length > 0 && ` (${analysis.value.quality.issues.join(', ')})`}
              </dd>
            </dl>
            <RegionWaveform recordingId={recording.id} analysis={analysis.value} />
            {domain === 'lung' && (
              <p className="muted">
                Marked: {analysis.value.regions.filter((r) => r.label === 'crackle').length} crackle and{' '}
                {analysis.value.regions.filter((r) => r.label === 'wheeze').length} wheeze candidates (signal
                analysis, not a diagnosis).
              </p>
            )}
          </>
        )}
      </section>
      <section aria-label="Model findings">
        <h3>Model findings head</h3>
        {!assessed && (
          <button type="button" className="secondary" onClick={() => void loadAssessment(target)}>
            Compute findings
          </button>
        )}
        {assessed?.status === 'loading' && <p className="muted">Computing…</p>}
        {assessed?.status === 'error' && (
          <p role="alert" className="error">
            {assessed.error.message} {assessed.error.advice}
          </p>
        )}
        {assessment && (
          <p className="muted" data-testid="findings-windows" data-windows={assessment.windows.length}>
            Mean over {formatWindows(assessment)}.
          </p>
        )}
        {assessment?.uncertainty.uncertain && (
          <p className="warning" data-testid="uncertainty">
            Answers about this recording start with “Uncertain”:{' '}
            {formatReasons(assessment.uncertainty.reasons)}.
          </p>
        )}
        {assessment?.verdict && !assessment.uncertainty.uncertain && (
          <p data-testid="verdict" data-verdict={assessment.verdict.value}>
            {formatVerdict(assessment.verdict, evidenceName(assessment))}
            {assessment.verdict.value !== 'undecided' &&
              ' Answers to classification, detection, reasoning and differential questions open with this verdict.'}
          </p>
        )}
        {assessment && (
          <ul className="findings-list" data-testid="findings-list">
            {relevantFindings(assessment.findings, domain)
              .sort((a, b) => b.probability - a.probability)
              .map((f) => (
                <li key={f.label}>
                  <meter min={0} max={1} value={f.probability} aria-label={reportFindingName(f)} />{' '}
                  {reportFindingName(f)} {formatPercent(f.probability)}
                  <RegionLinks
                    recordingId={recording.id}
                    regions={regions.filter((r) => r.label === f.label)}
                  />
                </li>
              ))}
          </ul>
        )}
      </section>
    </div>
  );
}
