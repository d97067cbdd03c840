// Starting an exam: a label (no names or other identifying data), the site sequence, optional age group, sex and
// notes; or importing exams someone shared as zip files (one or a whole case set at once).
import { useState } from 'react';
import { EXAM_PROTOCOLS, type ExamProtocolId } from '../../core/clinical/exam';
import { useApp } from '../../state/app-store';
import { ExamDetailFields, detailsOf } from './ExamDetailFields';

export function NewExam() {
  const createExam = useApp((s) => s.createExam);
  const importExam = useApp((s) => s.importExam);
  const [protocol, setProtocol] = useState<ExamProtocolId>('heart-4');
  const [details, setDetails] = useState(() => detailsOf());
  return (
    <form
      className="exam-new"
      aria-label="New exam"
      onSubmit={(e) => {
        e.preventDefault();
        const { ageGroup, sex, notes } = details;
        void createExam(protocol, {
          label: details.label.trim() || `Exam ${new Date().toLocaleString()}`,
          ...(ageGroup ? { ageGroup } : {}),
          ...(sex ? { sex } : {}),
          notes,
        });
      }}
    >
      <label className="field" htmlFor="exam-protocol">
        <span>Sites</span>
        <select
          id="exam-protocol"
          data-testid="exam-protocol"
          value={protocol}
          onChange={(e) => setProtocol(e.target.value as ExamProtocolId)}
        >
          {Object.values(EXAM_PROTOCOLS).map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      <ExamDetailFields value={details} onChange={setDetails} idPrefix="exam" />
      <div className="row">
        <button type="submit" className="primary" data-testid="exam-start">
          Start exam
        </button>
        <label className="button secondary">
          Import exams (.zip)
          <input
            type="file"
            accept=".zip,application/zip"
            multiple
            className="visually-hidden"
            data-testid="exam-import-archive"
            onChange={(e) => {
              // a teacher's case set: several exam files chosen at once, imported one after the other
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void files.reduce((prev, f) => prev.then(() => importExam(f)), Promise.resolve());
            }}
          />
        </label>
      </div>
    </form>
  );
}
