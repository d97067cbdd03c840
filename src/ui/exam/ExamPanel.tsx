// The exam workspace: start or import an exam, walk its sites, ask the model about every site, and read the summary
// and the report beside the per-site answers. Mounted once by the app shell.
import { useEffect, useMemo, useState } from 'react';
import { EXAM_PROTOCOLS, examProgress, type Exam } from '../../core/clinical/exam';
import { useApp } from '../../state/app-store';
import { ExamCompare } from './ExamCompare';
import { ExamDetails } from './ExamDetails';
import { ExamPractice, practiceSites } from './ExamPractice';
import { ExamReportView } from './ExamReportView';
import { ExamSites } from './ExamSites';
import { ExamSummary } from './ExamSummary';
import { NewExam } from './NewExam';
import { useExamReport } from './useExamReport';
import './exam.css';

export function ExamPanel() {
  const initExams = useApp((s) => s.initExams);
  const exam = useApp((s) => s.exams.find((e) => e.id === s.activeExamId) ?? null);
  useEffect(() => void initExams(), [initExams]);
  return (
    <section className="card exam-panel" aria-labelledby="exam-title" data-testid="exam-panel">
      <h2 id="exam-title">Exam</h2>
      {exam ? <OpenExam key={exam.id} exam={exam} /> : <NewExam />}
    </section>
  );
}

function OpenExam({ exam }: { exam: Exam }) {
  const report = useExamReport(exam);
  const openExam = useApp((s) => s.openExam);
  const { done, total } = examProgress(exam);
  const recorded = exam.sites.filter((s) => s.recordingId).length;
  const recordings = useApp((s) => s.recordings);
  const practicable = useMemo(() => practiceSites(exam, recordings), [exam, recordings]);
  const [practising, setPractising] = useState(false);
  return (
    <div className="exam-open" data-testid="exam-open" data-exam-id={exam.id}>
      <div className="row">
        <strong data-testid="exam-open-label">{exam.label}</strong>
        <span className="muted">
          {EXAM_PROTOCOLS[exam.protocol].title} ·{' '}
          <span data-testid="exam-progress">
            {done} of {total} sites done
          </span>
        </span>
        <button type="button" className="secondary" onClick={() => openExam(null)}>
          Close exam
        </button>
      </div>
      <progress max={total} value={done} aria-label="Sites done" />
      <ExamDetails exam={exam} />
      {practicable && (
        <button
          type="button"
          className="secondary"
          aria-pressed={practising}
          data-testid="exam-practice-toggle"
          onClick={() => setPractising((p) => !p)}
        >
          {practising ? 'Leave practice' : 'Practise this exam'}
        </button>
      )}
      {practising && practicable ? (
        <ExamPractice exam={exam} sites={practicable} report={report} />
      ) : (
        <ExamWork exam={exam} report={report} recorded={recorded} />
      )}
    </div>
  );
}

/** The sites with their answers, the summary and the report (hidden while practising: they give the truth away). */
function ExamWork(props: { exam: Exam; report: ReturnType<typeof useExamReport>; recorded: number }) {
  const { exam, report, recorded } = props;
  const answerExam = useApp((s) => s.answerExam);
  const stopAsking = useApp((s) => s.stopAsking);
  const answering = useApp((s) => s.answeringExamId === exam.id);
  return (
    <>
      <ExamSites exam={exam} sites={report.sites} />
      <div className="row">
        <button
          type="button"
          className="primary"
          data-testid="exam-answer-all"
          disabled={answering || recorded === 0}
          onClick={() => void answerExam(exam.id)}
        >
          Ask about every site
        </button>
        {answering && (
          <button type="button" className="danger" onClick={stopAsking}>
            Stop
          </button>
        )}
      </div>
      <ExamSummary report={report} />
      <ExamCompare exam={exam} />
      <ExamReportView report={report} />
    </>
  );
}
