// Ground truth for a recording whose diagnosis is known (e.g. an imported CirCor file, CC BY): normal or abnormal,
// the abnormal findings, the domain and the source/licence credit. Labeled recordings become practice cases.
import { useState } from 'react';
import type { Domain, Finding } from '../core/clinical/schema';
import { useApp } from '../state/app-store';
import type { RecordingMeta, RecordingTruth as Truth } from '../core/clinical/recording';
import { domainOfSite } from './workspace/bodyDiagram';
import { findingChoices } from '../core/report/practiceCase';
import { truthFindings } from '../core/report/libraryCase';
import { findingName } from '../core/report/recordingFhir';

function draftOf(meta: RecordingMeta): Truth {
  if (meta.truth) return { ...meta.truth, findings: truthFindings(meta.truth) };
  return { domain: domainOfSite(meta.site, 'heart'), normal: true, findings: [], attribution: '' };
}

function summary(t: Truth): string {
  const findings = t.findings.map(findingName).join(', ');
  return `${t.domain}, ${t.normal ? 'normal' : 'abnormal'}${findings ? ` (${findings})` : ''}`;
}

function FindingBoxes({ t, onChange }: { t: Truth; onChange(t: Truth): void }) {
  const toggle = (f: Finding) =>
    onChange({
      ...t,
      findings: t.findings.includes(f) ? t.findings.filter((x) => x !== f) : [...t.findings, f],
    });
  return (
    <fieldset>
      <legend>Abnormal findings present</legend>
      {findingChoices(t.domain).map((f) => (
        <label key={f} className="check">
          <input type="checkbox" checked={t.findings.includes(f)} onChange={() => toggle(f)} />{' '}
          {findingName(f)}
        </label>
      ))}
    </fieldset>
  );
}

/** Keyed by recording id by its parent, so the draft resets when another recording is selected. */
export function RecordingTruth({ meta }: { meta: RecordingMeta }) {
  const edit = useApp((s) => s.editRecording);
  const [t, setT] = useState<Truth>(() => draftOf(meta));
  const setDomain = (domain: Domain) => setT({ ...t, domain, findings: [] });
  const setNormal = (normal: boolean) => setT({ ...t, normal, findings: normal ? [] : t.findings });
  return (
    <form
      className="details"
      aria-label="Ground truth"
      data-testid="recording-truth"
      onSubmit={(e) => {
        e.preventDefault();
        void edit(meta.id, { truth: { ...t, attribution: t.attribution.trim() } });
      }}
    >
      <h3>Ground truth (for practice)</h3>
      <p className="muted" data-testid="truth-status">
        {meta.truth ? `Labeled: ${summary(meta.truth)}. Used as a practice case.` : 'Not labeled.'} The site
        is the one above.
      </p>
      <fieldset className="row">
        <legend>Domain</legend>
        {(['heart', 'lung'] as const).map((d) => (
          <label key={d}>
            <input type="radio" name="truth-domain" checked={t.domain === d} onChange={() => setDomain(d)} />{' '}
            {d}
          </label>
        ))}
      </fieldset>
      <fieldset className="row">
        <legend>Diagnosis</legend>
        {([true, false] as const).map((v) => (
          <label key={String(v)}>
            <input type="radio" name="truth-normal" checked={t.normal === v} onChange={() => setNormal(v)} />{' '}
            {v ? 'Normal' : 'Abnormal'}
          </label>
        ))}
      </fieldset>
      {!t.normal && <FindingBoxes t={t} onChange={setT} />}
      <label className="field" htmlFor="truth-attribution">
        <span>Source and licence (shown in practice)</span>
        <input
          id="truth-attribution"
          value={t.attribution}
          placeholder="e.g. CirCor DigiScope 2022 (PhysioNet), CC BY 4.0"
          onChange={(e) => setT({ ...t, attribution: e.target.value })}
        />
      </label>
      <div className="row">
        <button type="submit" className="primary">
          Save ground truth
        </button>
        {meta.truth && (
          <button
            type="button"
            className="secondary"
            onClick={() => void edit(meta.id, { truth: undefined })}
          >
            Remove ground truth
          </button>
        )}
      </div>
    </form>
  );
}
