// Heart or lung next to the recording: what the site says, what the user set, or what the model decided from the
// audio (with its probability), and a correction that is saved with the recording.
import type { Domain } from '../../core/clinical/schema';
import { domainText, type ShownDomain } from './domain';

export function DomainDecision(props: {
  shown: ShownDomain;
  /** Only when the site does not decide: the user's correction (undefined: decide from the audio again). */
  onSet?(domain: Domain | undefined): void;
}) {
  const { shown, onSet } = props;
  return (
    <div
      className="domain-decision row"
      data-testid="domain-decision"
      data-domain={shown.value}
      data-source={shown.source}
    >
      <strong>{domainText(shown)}</strong>
      {onSet && (
        <span className="row" role="group" aria-label="Correct heart or lung">
          {(['heart', 'lung'] as const).map((d) => (
            <button
              key={d}
              type="button"
              className="secondary"
              data-testid={`set-domain-${d}`}
              aria-pressed={shown.source === 'user' && shown.value === d}
              onClick={() => onSet(d)}
            >
              It is {d}
            </button>
          ))}
          {shown.source === 'user' && (
            <button type="button" className="secondary" onClick={() => onSet(undefined)}>
              Decide from the audio
            </button>
          )}
        </span>
      )}
    </div>
  );
}
