// The open exam's details, editable while it goes on (a note added at the bedside, the age group found out later):
// saved through the store, shown in the report and its exports.
import { useState } from 'react';
import type { Exam } from '../../core/clinical/exam';
import { useApp } from '../../state/app-store';
import { ExamDetailFields, detailsOf, patchOf, type DetailValues } from './ExamDetailFields';

const same = (a: DetailValues, b: DetailValues) =>
  (Object.keys(a) as (keyof DetailValues)[]).every((k) => a[k] === b[k]);

export function ExamDetails({ exam }: { exam: Exam }) {
  const editExam = useApp((s) => s.editExam);
  const saved = detailsOf(exam);
  const [value, setValue] = useState(saved);
  // the form follows the stored details when they change (a save, an edit elsewhere), not when a site is recorded
  const [base, setBase] = useState(saved);
  if (!same(base, saved)) {
    setBase(saved);
    setValue(saved);
  }
  const dirty = !same(saved, value);
  const given = [exam.ageGroup, exam.sex, exam.notes.trim() && 'notes'].filter(Boolean);
  return (
    <details className="exam-details" data-testid="exam-details">
      <summary>
        Exam details
        {given.length > 0 && <span className="muted"> ({given.join(', ')})</span>}
      </summary>
      <form
        aria-label="Exam details"
        onSubmit={(e) => {
          e.preventDefault();
          if (!value.label.trim()) setValue({ ...value, label: exam.label }); // a blank label keeps the old one
          void editExam(exam.id, patchOf(value));
        }}
      >
        <ExamDetailFields value={value} onChange={setValue} idPrefix="exam-edit" />
        <button type="submit" className="secondary" disabled={!dirty} data-testid="exam-details-save">
          Save details
        </button>
      </form>
    </details>
  );
}
