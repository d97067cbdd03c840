// Practising a whole exam: the student marks every site (normal or abnormal, the findings heard) with nothing
// revealed, then sees each site's truth and the model's answer side by side, scored per site; every attempt's score
// is kept (through the store, in IndexedDB) and the student's history at the exam is shown.
import { useEffect, useState } from 'react';
import type { Exam } from '../../core/clinical/exam';
import type { Finding, Site } from '../../core/clinical/schema';
import { siteName } from '../../core/clinical/sites';
import type { ExamReport } from '../../core/report/examReport';
import { scoreExamPractice, type SiteMark, type SitePractice } from '../../core/report/examPractice';
import { examPracticeHistory } from '../../core/report/practiceHistory';
import { siteCall, siteCallText } from '../../core/report/summary';
import type { RecordingMeta, RecordingTruth } from '../../core/clinical/recording';
import { useApp } from '../../state/app-store';
import { findingName } from '../../core/report/recordingFhir';
import { findingChoices } from '../../core/report/practiceCase';
import { truthFindings } from '../../core/report/libraryCase';
import { formatDate } from '../format';
import { SiteAudio } from './SiteAudio';

export interface PracticeSite {
  site: Site;
  meta: RecordingMeta & { truth: RecordingTruth };
}

/** The exam's recorded sites when every one carries ground truth (a teacher's case), else null. */
export function practiceSites(exam: Exam, recordings: readonly RecordingMeta[]): PracticeSite[] | null {
  const sites = exam.sites.flatMap((s) => {
    const meta = recordings.find((r) => r.id === s.recordingId);
    return meta ? [{ site: s.site, meta }] : [];
  });
  if (sites.length === 0 || !sites.every((s) => s.meta.truth)) return null;
  return sites as PracticeSite[];
}

const NO_MARK: SiteMark = { normal: null, findings: [] };
const describe = (normal: boolean | null, findings: readonly Finding[]) =>
  [normal === null ? 'not marked' : normal ? 'normal' : 'abnormal', ...findings.map(findingName)].join(', ');

/** Each site's truth and mark, with the model's call where the report has the site assessed. */
function practiceOf(
  sites: readonly PracticeSite[],
  marks: Partial<Record<Site, SiteMark>>,
  report?: ExamReport,
): SitePractice[] {
  return sites.map(({ site, meta }) => {
    const r = report?.sites.find((x) => x.site === site);
    const call = r && r.findings.length ? siteCall(r, report?.findingThreshold) : null;
    return {
      site,
      truth: { normal: meta.truth.normal, findings: truthFindings(meta.truth) },
      mark: marks[site] ?? NO_MARK,
      ...(call ? { modelCall: call } : {}),
    };
  });
}

export function ExamPractice(props: { exam: Exam; sites: PracticeSite[]; report: ExamReport }) {
  const answerExam = useApp((s) => s.answerExam);
  const saveAttempt = useApp((s) => s.savePracticeAttempt);
  const [marks, setMarks] = useState<Partial<Record<Site, SiteMark>>>({});
  const [revealed, setRevealed] = useState(false);
  const mark = (site: Site) => marks[site] ?? NO_MARK;
  const setMark = (site: Site, m: Partial<SiteMark>) =>
    setMarks((all) => ({ ...all, [site]: { ...mark(site), ...m } }));
  const credits = [...new Set(props.sites.map((s) => s.meta.truth.attribution).filter((a) => a.trim()))];
  return (
    <section className="exam-practice" aria-labelledby="exam-practice-title" data-testid="exam-practice">
      <h3 id="exam-practice-title">Practise this exam</h3>
      {credits.length > 0 && <p className="muted">Recordings: {credits.join('; ')}</p>}
      {!revealed ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setRevealed(true);
            // the student's points do not depend on the model, so the attempt is kept as it is revealed
            void saveAttempt(props.exam.id, scoreExamPractice(practiceOf(props.sites, marks)));
            void answerExam(props.exam.id);
          }}
        >
          {props.sites.map(({ site, meta }) => (
            <fieldset key={site} data-testid={`exam-practice-${site}`}>
              <legend>{siteName(site)}</legend>
              <SiteAudio recordingId={meta.id} label={`Recording of the ${siteName(site)}`} />
              <div className="row">
                {([true, false] as const).map((v) => (
                  <label key={String(v)}>
                    <input
                      type="radio"
                      name={`exam-practice-${site}`}
                      checked={mark(site).normal === v}
                      onChange={() => setMark(site, { normal: v })}
                    />{' '}
                    {v ? 'Normal' : 'Abnormal'}
                  </label>
                ))}
              </div>
              {findingChoices(meta.truth.domain).map((f) => (
                <label key={f} className="check">
                  <input
                    type="checkbox"
                    checked={mark(site).findings.includes(f)}
                    onChange={() => {
                      const fs = mark(site).findings;
                      setMark(site, { findings: fs.includes(f) ? fs.filter((x) => x !== f) : [...fs, f] });
                    }}
                  />{' '}
                  {findingName(f)}
                </label>
              ))}
            </fieldset>
          ))}
          <button type="submit" className="primary" data-testid="exam-practice-reveal">
            Reveal and score
          </button>
        </form>
      ) : (
        <PracticeResult sites={props.sites} marks={marks} report={props.report} />
      )}
      <PracticeHistory examId={props.exam.id} />
    </section>
  );
}

function PracticeResult(props: {
  sites: PracticeSite[];
  marks: Partial<Record<Site, SiteMark>>;
  report: ExamReport;
}) {
  const practice = practiceOf(props.sites, props.marks, props.report);
  const score = scoreExamPractice(practice);
  return (
    <>
      <p data-testid="exam-practice-score">
        Your score: {score.points.toFixed(1)} / {score.maxPoints} over {score.sites.length} sites. The model
        was right at {score.modelCorrect} of {score.modelScored} assessed sites.
      </p>
      <table className="exam-print__sites">
        <caption>Per site: your marks, the truth and the model side by side</caption>
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">You</th>
            <th scope="col">Truth</th>
            <th scope="col">Model</th>
            <th scope="col">Points</th>
          </tr>
        </thead>
        <tbody>
          {practice.map((p, i) => {
            const s = score.sites[i];
            const answer = props.report.sites.find((x) => x.site === p.site)?.answer?.text.trim();
            return (
              <tr key={p.site} data-testid="exam-practice-row">
                <th scope="row">{siteName(p.site)}</th>
                <td>{describe(p.mark.normal, p.mark.findings)}</td>
                <td>{describe(p.truth.normal, p.truth.findings)}</td>
                <td data-testid="exam-practice-model">
                  {p.modelCall === undefined
                    ? 'Asking…'
                    : `${siteCallText(p.modelCall)}${s.modelCorrect === null ? '' : s.modelCorrect ? ' (right)' : ' (wrong)'}`}
                  {answer ? ` · ${answer}` : ''}
                </td>
                <td>{s.points.toFixed(1)} / 2</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** The student's earlier attempts at this exam (kept across reloads), newest first, with the best one. */
function PracticeHistory(props: { examId: string }) {
  const initPractice = useApp((s) => s.initPractice);
  const all = useApp((s) => s.practiceRecords);
  useEffect(() => void initPractice(), [initPractice]);
  const { attempts, best } = examPracticeHistory(all, props.examId);
  if (!best) return null;
  const points = (a: typeof best) => `${a.points.toFixed(1)} / ${a.maxPoints}`;
  return (
    <div className="exam-practice__history" data-testid="exam-practice-history">
      <h4>
        Your attempts ({attempts.length}) · best {points(best)}
      </h4>
      <ol reversed>
        {attempts.slice(0, 10).map((a) => (
          <li key={a.id} data-testid="exam-practice-attempt">
            {formatDate(a.atMs)}: {points(a)}
          </li>
        ))}
      </ol>
    </div>
  );
}
