// One streamed answer, rendered as plain text (never HTML) with its speed; the live region announces it as it grows.
import type { AnswerRun } from '../../state/slices/inferenceRuns';
import { timeToFirstTokenMs, tokensPerSecond } from '../../state/slices/inferenceRuns';
import { ERROR_ADVICE } from '../../inference/advice';
import { formatTokensPerSecond } from './format';

const STATUS_TEXT = { streaming: 'Answering…', done: 'Done', error: 'Failed', aborted: 'Stopped' } as const;

export function AnswerView(props: { run: AnswerRun; title: string; nowMs: number; live?: boolean }) {
  const { run } = props;
  const ttft = timeToFirstTokenMs(run);
  return (
    <article
      className={`answer answer--${run.status}`}
      data-testid={`answer-${run.kind}`}
      data-status={run.status}
      data-tokens={run.tokens}
      aria-busy={run.status === 'streaming'}
    >
      <header className="row">
        <h4>{props.title}</h4>
        <span className="muted">{STATUS_TEXT[run.status]}</span>
        <span className="muted" data-testid="tokens-per-second">
          {run.tokens} tokens · {formatTokensPerSecond(tokensPerSecond(run, props.nowMs))}
          {ttft !== null && ` · first token ${(ttft / 1000).toFixed(2)} s`}
        </span>
      </header>
      <p className="muted answer__question">{run.question}</p>
      <p className="answer__text" aria-live={props.live ? 'polite' : undefined} data-testid="answer-text">
        {run.text}
      </p>
      {run.error && run.status === 'error' && (
        <p role="alert" className="error" data-error={run.error.name}>
          {run.error.message} {ERROR_ADVICE[run.error.name]}
        </p>
      )}
    </article>
  );
}
