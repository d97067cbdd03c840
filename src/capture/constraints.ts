// What we ask of the microphone (no voice processing: it destroys heart and lung sounds) and how we explain failures.

/** Voice-call processing must be off; the sample rate is left to the device (its native rate). */
export const AUDIO_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: false,
  noiseSuppression: false,
  autoGainControl: false,
  channelCount: { ideal: 1 },
};

const PROCESSING = ['echoCancellation', 'noiseSuppression', 'autoGainControl'] as const;
const LABEL: Record<(typeof PROCESSING)[number], string> = {
  echoCancellation: 'echo cancellation',
  noiseSuppression: 'noise suppression',
  autoGainControl: 'automatic gain control',
};

/** One warning per voice-processing feature the browser left on despite our constraints. */
export function settingsWarnings(settings: MediaTrackSettings): string[] {
  return PROCESSING.filter((k) => settings[k] === true).map(
    (k) =>
      `This browser kept ${LABEL[k]} on; it can distort body sounds. Try another browser or an external USB microphone.`,
  );
}

/** Maps getUserMedia errors to a sentence that says what to do. */
export function micErrorMessage(e: unknown): string {
  const name = typeof e === 'object' && e !== null ? (e as { name?: unknown }).name : undefined;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Microphone access was denied. Allow the microphone for this site in the browser settings, then try again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found. Connect a microphone or digital stethoscope and try again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The microphone is in use by another application or could not be started. Close other apps using it and retry.';
    default:
      return `The microphone could not be started (${e instanceof Error ? e.message : String(e)}).`;
  }
}

export const DEVICE_LOST_MESSAGE =
  'The microphone was disconnected during recording. What was recorded up to that point has been saved.';
