// The exam report as a print view (the page prints only it) with its exports: the FHIR R4 bundle and the whole exam
// as one zip (recordings, imported files as they came in, report, bundle, attributions) that another Auscult can
// import.
import { siteName } from '../../core/clinical/sites';
import { examToFhir } from '../../core/report/examFhir';
import {
  demographics,
  RESEARCH_DISCLAIMER,
  reportLines,
  statementLine,
  type ExamReport,
} from '../../core/report/examReport';
import { siteCall, siteCallText } from '../../core/report/summary';
import { useApp } from '../../state/app-store';
import { downloadBytes, fileSafe } from './download';

function printExam(): void {
  document.body.classList.add('print-exam');
  const done = () => {
    document.body.classList.remove('print-exam');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

export function ExamReportView(props: { report: ExamReport }) {
  const r = props.report;
  const exportExam = useApp((s) => s.exportExam);
  const pushToast = useApp((s) => s.pushToast);
  const who = demographics(r);
  const base = `auscult-exam-${fileSafe(r.exam.label)}`;
  const exportZip = async () => {
    try {
      const zip = await exportExam(r.exam.id, { reportLines: reportLines(r), fhir: examToFhir(r) });
      downloadBytes(`${base}.zip`, zip, 'application/zip');
    } catch (e) {
      pushToast({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };
  const credits = [...new Set(r.sites.flatMap((s) => (s.attribution ? [s.attribution] : [])))];
  return (
    <section className="exam-print card" aria-labelledby="exam-report-title" data-testid="exam-report">
      <h3 id="exam-report-title">Exam report: {r.exam.label}</h3>
      <p className="disclaimer-inline" role="note">
        {RESEARCH_DISCLAIMER}
      </p>
      <dl className="report__meta">
        <dt>Date</dt>
        <dd>{new Date(r.exam.createdAtMs).toLocaleString()}</dd>
        {who && (
          <>
            <dt>Patient</dt>
            <dd>{who}</dd>
          </>
        )}
        {r.exam.notes && (
          <>
            <dt>Notes</dt>
            <dd>{r.exam.notes}</dd>
          </>
        )}
        <dt>Model</dt>
        <dd>
          {r.model.id} ({r.model.dtype}) on {r.model.backend}
        </dd>
      </dl>
      <h4>Summary</h4>
      <ul data-testid="exam-report-summary">
        {r.statements.map((s, i) => (
          <li key={i}>{statementLine(s)}</li>
        ))}
      </ul>
      <table className="exam-print__sites">
        <caption>Sites</caption>
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">State</th>
            <th scope="col">Model call</th>
            <th scope="col">Model answer</th>
          </tr>
        </thead>
        <tbody>
          {r.sites.map((s) => {
            const call = s.state === 'recorded' ? siteCall(s, r.findingThreshold) : null;
            return (
              <tr key={s.site} data-testid="exam-report-site">
                <th scope="row">{siteName(s.site)}</th>
                <td>{s.state}</td>
                <td>{call ? siteCallText(call) : '—'}</td>
                <td>{s.answer?.text.trim() ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {credits.length > 0 && <p className="muted">Recordings: {credits.join('; ')}</p>}
      <div className="row no-print">
        <button type="button" className="secondary" data-testid="exam-print" onClick={printExam}>
          Print report
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="exam-export-fhir"
          onClick={() =>
            downloadBytes(
              `${base}.fhir.json`,
              JSON.stringify(examToFhir(r), null, 2),
              'application/fhir+json',
            )
          }
        >
          Export FHIR JSON
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="exam-export"
          onClick={() => void exportZip()}
        >
          Share exam (.zip)
        </button>
      </div>
    </section>
  );
}
