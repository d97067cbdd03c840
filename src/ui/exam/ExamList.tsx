// The exams in the library: one button per exam (label, date, sites done, the best practice score if practised) to
// open it (with its first recorded site's recording, unless one of its recordings is already shown), and delete with
// Undo.
import { useEffect } from 'react';
import { examProgress, examRecordingIds, type Exam } from '../../core/clinical/exam';
import { siteName } from '../../core/clinical/sites';
import { examPracticeHistory } from '../../core/report/practiceHistory';
import { useApp } from '../../state/app-store';
import { formatDate } from '../format';

/** "2 of 4 sites", or for a one-site exam its site ("one site: aortic area", "… to do" before its recording). */
function sitesText(e: Exam): string {
  const { done, total } = examProgress(e);
  if (e.protocol !== 'single' || total !== 1) return `${done} of ${total} sites`;
  return `one site: ${siteName(e.sites[0].site)}${done === 0 ? ', to do' : ''}`;
}

export function ExamList() {
  const exams = useApp((s) => s.exams);
  const activeId = useApp((s) => s.activeExamId);
  const openExam = useApp((s) => s.openExam);
  const select = useApp((s) => s.select);
  const selectedId = useApp((s) => s.selectedId);
  const requestDelete = useApp((s) => s.requestDeleteExam);
  const attempts = useApp((s) => s.practiceRecords);
  const initPractice = useApp((s) => s.initPractice);
  useEffect(() => void initPractice(), [initPractice]);
  if (exams.length === 0) return null;
  return (
    <div className="exam-list">
      <h3 id="exam-list-title">Exams ({exams.length})</h3>
      <ul className="library-list" aria-labelledby="exam-list-title" data-testid="exam-list">
        {exams.map((e) => {
          const ids = examRecordingIds(e);
          const { best } = examPracticeHistory(attempts, e.id);
          return (
            <li key={e.id} className="row exam-list__item">
              <button
                type="button"
                className={`library-item${e.id === activeId ? ' selected' : ''}`}
                aria-current={e.id === activeId ? 'true' : undefined}
                data-testid="exam-item"
                data-protocol={e.protocol}
                onClick={() => {
                  openExam(e.id);
                  // The workspace shows one of the exam's own recordings, never another exam's.
                  if (ids.length > 0 && (selectedId === null || !ids.includes(selectedId))) select(ids[0]);
                }}
              >
                <span className="item-name">{e.label}</span>
                <span className="item-meta">
                  {formatDate(e.createdAtMs)} · {sitesText(e)}
                  {best && (
                    <span data-testid="exam-item-best">
                      {' '}
                      · practised, best {best.points.toFixed(1)} / {best.maxPoints}
                    </span>
                  )}
                </span>
              </button>
              <button
                type="button"
                className="danger"
                aria-label={`Delete exam ${e.label}`}
                onClick={() => requestDelete(e.id)}
              >
                Delete
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
