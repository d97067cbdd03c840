// After the student answered: the case's ground truth, how the answer scored, and the model's answer to the same audio.
import { siteName } from '../../../core/clinical/sites';
import { findingName } from '../../../core/report/recordingFhir';
import type { CaseScore, PracticeCase } from '../../../core/report/practiceCase';

function siteText(s: CaseScore): string {
  if (s.siteCorrect === null) return 'site not scored (unknown for this recording)';
  return `site ${s.siteCorrect ? 'right' : 'wrong'}`;
}

export function PracticeReveal({
  c,
  score,
  modelText,
}: {
  c: PracticeCase;
  score: CaseScore;
  modelText: string;
}) {
  const truthFindings = c.findings.map(findingName).join(', ') || 'none named';
  return (
    <div data-testid="practice-reveal">
      <p data-testid="practice-truth">
        <strong>Truth:</strong> {c.normal ? 'normal' : 'abnormal'} ({c.title})
        {c.site !== 'unknown' && `, recorded at the ${siteName(c.site)}`}; findings: {truthFindings}.
      </p>
      <p>
        <strong>You:</strong> {score.normalCorrect ? 'right' : 'wrong'} on normal/abnormal; findings overlap{' '}
        {Math.round(score.findingsOverlap * 100)}%
        {score.missed.length > 0 && ` (missed ${score.missed.map(findingName).join(', ')})`}
        {score.extra.length > 0 && ` (not present: ${score.extra.map(findingName).join(', ')})`};{' '}
        {siteText(score)}. {score.points.toFixed(1)} of {score.maxPoints} points.
      </p>
      <p>
        <strong>Model:</strong>{' '}
        <span aria-live="polite" data-testid="practice-model-answer">
          {modelText}
        </span>
      </p>
    </div>
  );
}
