// Findings panel: the model's findings-head probabilities and the signal analysis (heart or respiratory rate,
// quality, S1/S2 or crackle/wheeze regions on the waveform that play when clicked).
import { useEffect } from 'react';
import type { RecordingMeta } from '../../storage/recordings';
import { useApp } from '../../state/app-store';
import { domainOfSite } from './bodyDiagram';
import { useAnalysis } from './analysis';
import { relevantFindings, reportFindingName } from './report/report';
import { formatPercent } from './format';
import { RegionWaveform } from './RegionWaveform';
import './workspace.css';

export function FindingsPanel({ recording }: { recording: RecordingMeta }) {
  const domain = domainOfSite(recording.site, 'heart');
  const analysis = useAnalysis(recording.id, domain);
  const findings = useApp((s) => s.findings[recording.id]);
  const modelReady = useApp((s) => s.model.status === 'ready');
  const loadFindings = useApp((s) => s.loadFindings);
  const target = { id: recording.id, domain, site: recording.site };
  useEffect(() => {
    if (modelReady && !findings) void loadFindings({ id: recording.id, domain, site: recording.site });
  }, [modelReady, findings, loadFindings, recording.id, domain, recording.site]);

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
            <RegionWaveform
              samples={analysis.value.samples}
              sampleRateHz={analysis.value.sampleRateHz}
              regions={analysis.value.regions}
            />
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
        {!findings && (
          <button type="button" className="secondary" onClick={() => void loadFindings(target)}>
            Compute findings
          </button>
        )}
        {findings?.status === 'loading' && <p className="muted">Computing…</p>}
        {findings?.status === 'error' && (
          <p role="alert" className="error">
            {findings.error.message} {findings.error.advice}
          </p>
        )}
        {findings?.status === 'ready' && (
          <ul className="findings-list" data-testid="findings-list">
            {relevantFindings(findings.findings, domain)
              .sort((a, b) => b.probability - a.probability)
              .map((f) => (
                <li key={f.label}>
                  <meter min={0} max={1} value={f.probability} aria-label={reportFindingName(f)} />{' '}
                  {reportFindingName(f)} {formatPercent(f.probability)}
                </li>
              ))}
          </ul>
        )}
      </section>
    </div>
  );
}
