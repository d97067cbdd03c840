// Practice mode: listen to a synthesized case, answer (normal/abnormal, findings, site) before the reveal, then see
// the ground truth, the model's answer to the same recording, and a running score.
import { useRef, useState } from 'react';
import type { Finding, Site } from '../../../core/clinical/schema';
import { siteName } from '../../../core/clinical/sites';
import { useApp } from '../../../state/app-store';
import { runKey } from '../../../state/slices/inferenceRuns';
import { BodyDiagram } from '../BodyDiagram';
import { findingName } from '../report/fhir';
import { taskPrompts } from '../tasks';
import {
  addToScore,
  findingChoices,
  makeCase,
  scoreCase,
  type CaseScore,
  type PracticeCase,
  type RunningScore,
} from './practice';
import '../workspace.css';

export function PracticePanel() {
  const [seed, setSeed] = useState(() => Math.floor(Math.random() * 1e6));
  const [c, setCase] = useState<PracticeCase | null>(null);
  const [normal, setNormal] = useState<boolean | null>(null);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [site, setSite] = useState<Site>('unknown');
  const [score, setScore] = useState<CaseScore | null>(null);
  const [total, setTotal] = useState<RunningScore>({ cases: 0, points: 0, normalCorrect: 0 });
  const ctxRef = useRef<AudioContext | null>(null);
  const { ask, provideAudio } = useApp((s) => s);
  const modelRun = useApp((s) => (c ? s.runs[runKey([c.id], 'practice')] : undefined));

  const next = () => {
    const fresh = makeCase(seed);
    setSeed(seed + 1);
    setCase(fresh);
    setNormal(null);
    setFindings([]);
    setSite('unknown');
    setScore(null);
    provideAudio(fresh.id, { samples: fresh.samples, sampleRateHz: fresh.sampleRateHz });
  };
  const play = () => {
    if (!c) return;
    const ctx = (ctxRef.current ??= new AudioContext());
    const buf = ctx.createBuffer(1, c.samples.length, c.sampleRateHz);
    buf.copyToChannel(c.samples.slice(), 0);
    const src = ctx.createBufferSource();
    src.buffer = buf;
    src.connect(ctx.destination);
    void ctx.resume().then(() => src.start());
  };
  const submit = () => {
    if (!c) return;
    const s = scoreCase(c, { normal, findings, site });
    setScore(s);
    setTotal((t) => addToScore(t, s));
    const instruction = taskPrompts(c.domain).find((p) => p.id === 'detection')?.instruction ?? '';
    void ask({ kind: 'practice', instruction, targets: [{ id: c.id, domain: c.domain, site: c.site }] });
  };
  const toggle = (f: Finding) =>
    setFindings((fs) => (fs.includes(f) ? fs.filter((x) => x !== f) : [...fs, f]));

  return (
    <section className="card practice" aria-label="Practice" data-testid="practice">
      <h2>Practice</h2>
      <p className="practice-score" data-testid="practice-score" aria-live="polite">
        Score: {total.points.toFixed(1)} / {total.cases * 3} over {total.cases} case
        {total.cases === 1 ? '' : 's'}
      </p>
      <div className="row">
        <button type="button" className="primary" onClick={next}>
          {c ? 'Next case' : 'Start a practice case'}
        </button>
        {c && (
          <button type="button" className="secondary" onClick={play}>
            Listen to the case ({c.domain})
          </button>
        )}
      </div>
      {c && !score && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <fieldset className="row">
            <legend>Normal or abnormal?</legend>
            {([true, false] as const).map((v) => (
              <label key={String(v)}>
                <input
                  type="radio"
                  name="practice-normal"
                  checked={normal === v}
                  onChange={() => setNormal(v)}
                />{' '}
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
      )}
      {c && score && (
        <div data-testid="practice-reveal">
          <p>
            <strong>Truth:</strong> {c.normal ? 'normal' : 'abnormal'} ({c.condition.replaceAll('-', ' ')}),
            recorded at the {siteName(c.site)}; findings: {c.findings.map(findingName).join(', ')}.
          </p>
          <p>
            <strong>You:</strong> {score.normalCorrect ? 'right' : 'wrong'} on normal/abnormal; findings
            overlap {Math.round(score.findingsOverlap * 100)}%
            {score.missed.length > 0 && ` (missed ${score.missed.map(findingName).join(', ')})`}
            {score.extra.length > 0 && ` (not present: ${score.extra.map(findingName).join(', ')})`}; site{' '}
            {score.siteCorrect ? 'right' : 'wrong'}. {score.points.toFixed(1)} of 3 points.
          </p>
          <p>
            <strong>Model:</strong>{' '}
            <span aria-live="polite" data-testid="practice-model-answer">
              {modelRun ? modelRun.text || '…' : 'asking…'}
            </span>
          </p>
        </div>
      )}
    </section>
  );
}
