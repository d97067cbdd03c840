// The student's answer to a practice case, given before anything is revealed: normal or abnormal, the findings
// heard, and the site on the body diagram.
import { useState } from 'react';
import type { Finding, Site } from '../../../core/clinical/schema';
import { BodyDiagram } from '../BodyDiagram';
import { findingName } from '../../../core/report/recordingFhir';
import { findingChoices, type PracticeCase, type StudentAnswer } from '../../../core/report/practiceCase';

export function PracticeForm({ c, onSubmit }: { c: PracticeCase; onSubmit(a: StudentAnswer): void }) {
  const [normal, setNormal] = useState<boolean | null>(null);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [site, setSite] = useState<Site>('unknown');
  const toggle = (f: Finding) =>
    setFindings((fs) => (fs.includes(f) ? fs.filter((x) => x !== f) : [...fs, f]));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ normal, findings, site });
      }}
    >
      <fieldset className="row">
        <legend>Normal or abnormal?</legend>
        {([true, false] as const).map((v) => (
          <label key={String(v)}>
            <input type="radio" name="practice-normal" checked={normal === v} onChange={() => setNormal(v)} />{' '}
            {v ? 'Normal' : 'Abnormal'}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Findings you hear</legend>
        {findingChoices(c.domain).map((f) => (
          <label key={f} className="check">
            <input type="checkbox" checked={findings.includes(f)} onChange={() => toggle(f)} />{' '}
            {findingName(f)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Where was it recorded?</legend>
        <BodyDiagram value={site} onChange={setSite} idPrefix="practice" />
      </fieldset>
      <button type="submit" className="primary" disabled={normal === null}>
        Reveal
      </button>
    </form>
  );
}
