// Starting an exam: a label (no names or other identifying data), the site sequence, optional age group, sex and
// notes; or importing an exam someone shared as a zip file.
import { useState } from 'react';
import { EXAM_PROTOCOLS, type ExamProtocolId } from '../../core/clinical/exam';
import { AGE_GROUPS, type AgeGroup, type Sex } from '../../core/clinical/schema';
import { useApp } from '../../state/app-store';

export function NewExam() {
  const createExam = useApp((s) => s.createExam);
  const importExam = useApp((s) => s.importExam);
  const [label, setLabel] = useState('');
  const [protocol, setProtocol] = useState<ExamProtocolId>('heart-4');
  const [ageGroup, setAgeGroup] = useState<AgeGroup | ''>('');
  const [sex, setSex] = useState<Sex | ''>('');
  const [notes, setNotes] = useState('');
  return (
    <form
      className="exam-new"
      aria-label="New exam"
      onSubmit={(e) => {
        e.preventDefault();
        void createExam(protocol, {
          label: label.trim() || `Exam ${new Date().toLocaleString()}`,
          ...(ageGroup ? { ageGroup } : {}),
          ...(sex ? { sex } : {}),
          notes,
        });
      }}
    >
      <label className="field" htmlFor="exam-label">
        <span>Label (no names or identifiers)</span>
        <input
          id="exam-label"
          data-testid="exam-label"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
      </label>
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
      <div className="row">
        <label className="field" htmlFor="exam-age">
          <span>Age group (optional)</span>
          <select
            id="exam-age"
            value={ageGroup}
            onChange={(e) => setAgeGroup(e.target.value as AgeGroup | '')}
          >
            <option value="">not given</option>
            {AGE_GROUPS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor="exam-sex">
          <span>Sex (optional)</span>
          <select id="exam-sex" value={sex} onChange={(e) => setSex(e.target.value as Sex | '')}>
            <option value="">not given</option>
            <option value="female">female</option>
            <option value="male">male</option>
          </select>
        </label>
      </div>
      <label className="field" htmlFor="exam-notes">
        <span>Notes</span>
        <textarea id="exam-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <div className="row">
        <button type="submit" className="primary" data-testid="exam-start">
          Start exam
        </button>
        <label className="button secondary">
          Import exam (.zip)
          <input
            type="file"
            accept=".zip,application/zip"
            className="visually-hidden"
            data-testid="exam-import-archive"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void importExam(f);
            }}
          />
        </label>
      </div>
    </form>
  );
}
