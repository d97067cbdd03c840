// An exam's details as form fields (label, optional age group and sex, notes), shared by starting an exam and by
// editing the open one; no names or other identifying data are asked for.
import { AGE_GROUPS, type AgeGroup, type Sex } from '../../core/clinical/schema';
import type { Exam, ExamPatch } from '../../core/clinical/exam';

export interface DetailValues {
  label: string;
  ageGroup: AgeGroup | '';
  sex: Sex | '';
  notes: string;
}

export const detailsOf = (e?: Exam): DetailValues => ({
  label: e?.label ?? '',
  ageGroup: e?.ageGroup ?? '',
  sex: e?.sex ?? '',
  notes: e?.notes ?? '',
});

/** The values as an exam patch: "not given" clears the age group or sex. */
export const patchOf = (v: DetailValues): ExamPatch => ({
  label: v.label,
  ageGroup: v.ageGroup || undefined,
  sex: v.sex || undefined,
  notes: v.notes,
});

export function ExamDetailFields(props: {
  value: DetailValues;
  onChange(v: DetailValues): void;
  /** Prefix of the fields' ids ("exam": exam-label, exam-age, exam-sex, exam-notes). */
  idPrefix: string;
}) {
  const { value: v, idPrefix: p } = props;
  const set = (patch: Partial<DetailValues>) => props.onChange({ ...v, ...patch });
  return (
    <>
      <label className="field" htmlFor={`${p}-label`}>
        <span>Label (no names or identifiers)</span>
        <input
          id={`${p}-label`}
          data-testid={`${p}-label`}
          value={v.label}
          onChange={(e) => set({ label: e.target.value })}
        />
      </label>
      <div className="row">
        <label className="field" htmlFor={`${p}-age`}>
          <span>Age group (optional)</span>
          <select
            id={`${p}-age`}
            value={v.ageGroup}
            onChange={(e) => set({ ageGroup: e.target.value as AgeGroup | '' })}
          >
            <option value="">not given</option>
            {AGE_GROUPS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${p}-sex`}>
          <span>Sex (optional)</span>
          <select id={`${p}-sex`} value={v.sex} onChange={(e) => set({ sex: e.target.value as Sex | '' })}>
            <option value="">not given</option>
            <option value="female">female</option>
            <option value="male">male</option>
          </select>
        </label>
      </div>
      <label className="field" htmlFor={`${p}-notes`}>
        <span>Notes</span>
        <textarea
          id={`${p}-notes`}
          data-testid={`${p}-notes`}
          rows={2}
          value={v.notes}
          onChange={(e) => set({ notes: e.target.value })}
        />
      </label>
    </>
  );
}
