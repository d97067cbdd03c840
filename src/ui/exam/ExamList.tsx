// The exams in the library: one button per exam (label, date, sites done, the best practice score if practised) to
// open it, and delete with Undo.
import { useEffect } from 'react';
import { examProgress } from '../../core/clinical/exam';
import { examPracticeHistory } from '../../core/report/practiceHistory';
import { useApp } from '../../state/app-store';
import { formatDate } from '../format';

export function ExamList() {
  const exams = useApp((s) => s.exams);
  const activeId = useApp((s) => s.activeExamId);
  const openExam = useApp((s) => s.openExam);
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
          const { done, total } = examProgress(e);
          const { best } = examPracticeHistory(attempts, e.id);
          return (
            <li key={e.id} className="row exam-list__item">
              <button
                type="button"
                className={`library-item${e.id === activeId ? ' selected' : ''}`}
                aria-current={e.id === activeId ? 'true' : undefined}
                data-testid="exam-item"
                onClick={() => openExam(e.id)}
              >
                <span className="item-name">{e.label}</span>
                <span className="item-meta">
                  {formatDate(e.createdAtMs)} · {done} of {total} sites
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
