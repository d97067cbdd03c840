// The workspace's input controls: site (body diagram, plus heart or lung: from the site, set by the user, or decided
// from the audio), the comparison partner, the seven one-click tasks and a free-text question.
import { useState } from 'react';
import type { Domain, Site } from '../../core/clinical/schema';
import { siteName } from '../../core/clinical/sites';
import type { RecordingMeta } from '../../core/clinical/recording';
import { BodyDiagram } from './BodyDiagram';
import { DomainDecision } from './DomainDecision';
import type { ShownDomain } from './domain';
import type { TaskPrompt } from './tasks';

export function SiteSection(props: {
  site: Site;
  onSite(site: Site): void;
  domain: ShownDomain;
  onDomain(d: Domain | undefined): void;
}) {
  return (
    <section aria-label="Auscultation site" className="ask-panel__site">
      {/* first: heart or lung decides every answer, so it stays in view at the top of the answers */}
      <DomainDecision shown={props.domain} onSet={props.site === 'unknown' ? props.onDomain : undefined} />
      <BodyDiagram value={props.site} onChange={props.onSite} />
    </section>
  );
}

export function ComparePicker(props: {
  others: RecordingMeta[];
  value: string | null;
  onChange(id: string | null): void;
}) {
  return (
    <section aria-label="Comparison recording">
      <label className="field" htmlFor="compare-with">
        <span>Compare with (second recording: another site, or before/after)</span>
        <select
          id="compare-with"
          value={props.value ?? ''}
          onChange={(e) => props.onChange(e.target.value || null)}
        >
          <option value="">— none —</option>
          {props.others.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({siteName(r.site)})
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}

/** One button per task; a two-recording task is disabled until a comparison partner is chosen. */
export function TaskGrid(props: {
  prompts: TaskPrompt[];
  busy: boolean;
  canRun(p: TaskPrompt): boolean;
  onRun(p: TaskPrompt): void;
}) {
  return (
    <section aria-label="Tasks" className="task-grid">
      {props.prompts.map((p) => (
        <button
          key={p.id}
          type="button"
          className="task"
          data-testid={`task-${p.id}`}
          disabled={props.busy || !props.canRun(p)}
          title={props.canRun(p) ? p.description : 'Choose a second recording to compare with'}
          onClick={() => props.onRun(p)}
        >
          <strong>{p.title}</strong>
          <span>{p.question}</span>
        </button>
      ))}
    </section>
  );
}

export function FreeQuestion(props: { busy: boolean; onAsk(question: string): void }) {
  const [question, setQuestion] = useState('');
  return (
    <form
      className="free-question"
      onSubmit={(e) => {
        e.preventDefault();
        if (question.trim()) props.onAsk(question.trim());
      }}
    >
      <label className="field" htmlFor="free-question">
        <span>Your question</span>
        <input
          id="free-question"
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          placeholder="e.g. Is there a murmur?"
        />
      </label>
      <button type="submit" className="primary" disabled={props.busy || !question.trim()}>
        Ask
      </button>
    </form>
  );
}
