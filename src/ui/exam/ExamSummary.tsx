// The exam summary beside the per-site answers: each statement derived from the per-site model outputs, with its
// confidence and the per-site probabilities it rests on.
import type { ExamReport } from '../../core/report/examReport';
import { siteName } from '../../core/clinical/sites';

export function ExamSummary(props: { report: ExamReport }) {
  const { statements, sites } = props.report;
  const assessed = sites.filter((s) => s.findings.length > 0).length;
  const recorded = sites.filter((s) => s.state === 'recorded').length;
  return (
    <section
      className="exam-summary"
      aria-labelledby="exam-summary-title"
      data-testid="exam-summary"
      data-assessed={assessed}
    >
      <h3 id="exam-summary-title">Exam summary</h3>
      {statements.length === 0 ? (
        <p className="muted">
          {recorded === 0
            ? 'Record or import a site first.'
            : 'Ask the model about every site to see the summary.'}
        </p>
      ) : (
        <ul className="exam-summary__list">
          {statements.map((st, i) => (
            <li key={i} data-testid={`exam-statement-${st.kind}`} data-confidence={st.confidence ?? ''}>
              <p>{st.text}</p>
              <p className="muted">
                {st.confidence === null ? 'Not a call.' : `Confidence ${st.confidence.toFixed(2)}`}
                {st.evidence.length > 0 &&
                  ` · from ${st.evidence.map((e) => `${siteName(e.site)} ${e.label} ${e.probability.toFixed(2)}`).join('; ')}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      {assessed > 0 && assessed < recorded && (
        <p className="muted">
          From {assessed} of {recorded} recorded sites.
        </p>
      )}
    </section>
  );
}
