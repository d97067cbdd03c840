// The structured report of the answered tasks with its exports: a print stylesheet page and FHIR R4 JSON, both
// carrying the research-use disclaimer.
import type { Domain } from '../../core/clinical/schema';
import { siteName } from '../../core/clinical/sites';
import type { RecordingMeta } from '../../core/clinical/recording';
import { useApp } from '../../state/app-store';
import { reportToFhir } from '../../core/report/recordingFhir';
import {
  presentFindings,
  reportFindingName,
  RESEARCH_DISCLAIMER,
  type ReportAnswer,
  type WorkspaceReport,
} from '../../core/report/recordingReport';
import type { RecordingAnalysis } from './analysis';
import { formatPercent } from './format';

const FINDING_THRESHOLD = 0.5;

function download(name: string, json: unknown): void {
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(json, null, 2)], { type: 'application/fhir+json' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ReportView(props: {
  recording: RecordingMeta;
  domain: Domain;
  answers: ReportAnswer[];
  analysis: RecordingAnalysis | null;
}) {
  const model = useApp((s) => s.model);
  const assessed = useApp((s) => s.assessments[props.recording.id]);
  if (props.answers.length === 0) return null;
  const r = props.recording;
  const report: WorkspaceReport = {
    id: r.id,
    issuedIso: new Date().toISOString(),
    recording: { id: r.id, name: r.name, domain: props.domain, site: r.site, durationSec: r.durationSec },
    model: {
      id: model.modelId ?? 'unknown',
      backend: model.backend ?? 'unknown',
      dtype: model.dtype ?? 'unknown',
    },
    answers: props.answers,
    findings: assessed?.status === 'ready' ? assessed.assessment.findings : [],
    findingThreshold: FINDING_THRESHOLD,
    heartRateBpm: props.analysis?.heartRateBpm ?? undefined,
    respiratoryRatePerMin: props.analysis?.respiratoryRatePerMin ?? undefined,
    quality: props.analysis?.quality.score,
  };
  const fileBase = `auscult-report-${r.name.replace(/[^\w.-]+/g, '_')}`;
  return (
    <section className="report-print card" aria-label="Report" data-testid="report">
      <h3>Auscultation report</h3>
      <p className="disclaimer-inline" role="note">
        {RESEARCH_DISCLAIMER}
      </p>
      <dl className="report__meta">
        <dt>Recording</dt>
        <dd>
          {r.name} · {props.domain} · {siteName(r.site)} · {r.durationSec.toFixed(1)} s
        </dd>
        <dt>Model</dt>
        <dd>
          {report.model.id} ({report.model.dtype}) on {report.model.backend}
        </dd>
        {report.heartRateBpm !== undefined && (
          <>
            <dt>Heart rate (signal analysis)</dt>
            <dd>{Math.round(report.heartRateBpm)} /min</dd>
          </>
        )}
        {report.respiratoryRatePerMin !== undefined && (
          <>
            <dt>Respiratory rate (signal analysis)</dt>
            <dd>{Math.round(report.respiratoryRatePerMin)} /min</dd>
          </>
        )}
        {presentFindings(report).length > 0 && (
          <>
            <dt>Findings (model findings head)</dt>
            <dd>
              {presentFindings(report)
                .map((f) => `${reportFindingName(f)} ${formatPercent(f.probability)}`)
                .join(', ')}
            </dd>
          </>
        )}
      </dl>
      {report.answers.map((a) => (
        <section key={a.task} className="report__answer" data-testid={`report-${a.task}`}>
          <h4>{a.title}</h4>
          <p className="muted">{a.instruction}</p>
          <p>{a.answer}</p>
        </section>
      ))}
      <div className="row no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print report
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="export-fhir"
          onClick={() => download(`${fileBase}.fhir.json`, reportToFhir(report))}
        >
          Export FHIR JSON
        </button>
      </div>
    </section>
  );
}
