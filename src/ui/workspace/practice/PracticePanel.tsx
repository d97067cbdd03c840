// Practice mode: listen to a case (synthesized, or one of the user's labeled recordings with its attribution),
// answer before the reveal, then see the ground truth, the model's answer to the same audio, a running score and the
// latest cases (kept in the practice history through the store, so they persist across visits).
import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../../state/app-store';
import { runKey } from '../../../state/slices/inferenceRuns';
import type { RecordingMeta } from '../../../core/clinical/recording';
import { readRecordingRange } from '../../../state/recordingFiles';
import { playSamples } from '../../rangePlayback';
import { taskPrompts } from '../tasks';
import { caseFromRecording, labeledRecordings, nthLabeled } from '../../../core/report/libraryCase';
import {
  recentCases,
  runningScore,
  type PracticeRecord,
  type RunningScore,
} from '../../../core/report/practiceHistory';
import {
  makeCase,
  scoreCase,
  type CaseScore,
  type PracticeCase,
  type StudentAnswer,
} from '../../../core/report/practiceCase';
import { PracticeForm } from './PracticeForm';
import { PracticeReveal } from './PracticeReveal';
import '../workspace.css';

type Source = 'synth' | 'library';

/** A library case is the recording's first two minutes, read by range: a long recording is never read whole. */
const LIBRARY_CASE_MAX_S = 120;

async function libraryCase(list: readonly RecordingMeta[], n: number): Promise<PracticeCase> {
  const meta = nthLabeled(list, n);
  if (!meta)
    throw new Error('No labeled recording yet: mark one with its ground truth in the recording details.');
  const audio = await readRecordingRange(meta.id, { fromS: 0, seconds: LIBRARY_CASE_MAX_S });
  if (!audio) throw new Error(`"${meta.name}" has no stored audio; import it again.`);
  return caseFromRecording(meta, audio);
}

function SourceChoice({
  value,
  onChange,
  labeled,
}: {
  value: Source;
  onChange(s: Source): void;
  labeled: number;
}) {
  return (
    <fieldset className="row">
      <legend>Cases from</legend>
      <label>
        <input
          type="radio"
          name="practice-source"
          checked={value === 'synth'}
          onChange={() => onChange('synth')}
        />{' '}
        Synthesizer
      </label>
      <label>
        <input
          type="radio"
          name="practice-source"
          checked={value === 'library'}
          disabled={labeled === 0}
          onChange={() => onChange('library')}
        />{' '}
        My labeled recordings ({labeled})
      </label>
    </fieldset>
  );
}

function ScoreLine({ total, onReset }: { total: RunningScore; onReset(): void }) {
  return (
    <div className="row">
      <p className="practice-score" data-testid="practice-score" aria-live="polite">
        Score: {total.points.toFixed(1)} / {total.maxPoints} over {total.cases} case
        {total.cases === 1 ? '' : 's'}
      </p>
      {total.cases > 0 && (
        <button type="button" className="secondary" onClick={onReset}>
          Reset score
        </button>
      )}
    </div>
  );
}

export function PracticePanel() {
  const [seed, setSeed] = useState(() => Math.floor(Math.random() * 1e6));
  const [source, setSource] = useState<Source>('synth');
  const [c, setCase] = useState<PracticeCase | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [score, setScore] = useState<CaseScore | null>(null);
  const records = useApp((s) => s.practiceRecords);
  const total = useMemo(() => runningScore(records), [records]);
  const initPractice = useApp((s) => s.initPractice);
  const saveCase = useApp((s) => s.savePracticeCase);
  const resetScore = useApp((s) => s.resetPracticeScore);
  useEffect(() => void initPractice(), [initPractice]);
  const ask = useApp((s) => s.ask);
  const provideAudio = useApp((s) => s.provideAudio);
  const recordings = useApp((s) => s.recordings);
  const modelRun = useApp((s) => (c ? s.runs[runKey([c.id], 'practice')] : undefined));
  const labeled = labeledRecordings(recordings).length;
  const from: Source = source === 'library' && labeled > 0 ? 'library' : 'synth';

  const next = async () => {
    setSeed(seed + 1);
    setScore(null);
    setError(null);
    try {
      const fresh = from === 'library' ? await libraryCase(recordings, seed) : makeCase(seed);
      if (fresh.source === 'synth') provideAudio(fresh.id, fresh);
      setCase(fresh);
    } catch (e) {
      setCase(null);
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const submit = (a: StudentAnswer) => {
    if (!c) return;
    const s = scoreCase(c, a);
    setScore(s);
    void saveCase(c.title, s);
    const instruction = taskPrompts(c.domain).find((p) => p.id === 'detection')?.instruction ?? '';
    void ask({ kind: 'practice', instruction, targets: [{ id: c.id, domain: c.domain, site: c.site }] });
  };

  return (
    <section className="card practice" aria-label="Practice" data-testid="practice">
      <h2>Practice</h2>
      <ScoreLine total={total} onReset={() => void resetScore()} />
      <SourceChoice value={from} onChange={setSource} labeled={labeled} />
      <div className="row">
        <button type="button" className="primary" onClick={() => void next()}>
          {c ? 'Next case' : 'Start a practice case'}
        </button>
        {c && (
          <button
            type="button"
            className="secondary"
            onClick={() => void playSamples(c.samples, c.sampleRateHz)}
          >
            Listen to the case ({c.domain})
          </button>
        )}
      </div>
      {error && <p role="alert">{error}</p>}
      {c?.attribution && (
        <p className="muted" data-testid="practice-attribution">
          Recording credit: {c.attribution}
        </p>
      )}
      {c && !score && <PracticeForm key={`${c.id}-${seed}`} c={c} onSubmit={submit} />}
      {c && score && (
        <PracticeReveal c={c} score={score} modelText={modelRun ? modelRun.text || '…' : 'asking…'} />
      )}
      <RecentCases records={records} />
    </section>
  );
}

/** The latest cases practised, newest first, with their points (a reset of the score leaves them here). */
function RecentCases({ records }: { records: readonly PracticeRecord[] }) {
  const recent = recentCases(records, 5);
  if (recent.length === 0) return null;
  return (
    <div className="practice-history">
      <h3 id="practice-history-title">Latest cases</h3>
      <ol aria-labelledby="practice-history-title" data-testid="practice-history">
        {recent.map((r) => (
          <li key={r.id}>
            {r.title}: {r.points.toFixed(1)} / {r.maxPoints}
            {r.cases > 1 ? ` over ${r.cases} cases` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}
