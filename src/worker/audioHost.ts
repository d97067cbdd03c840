// The audio worker's side of its protocol, independent of the real worker global: the waveform peaks of a saved
// recording (streamed through its windowed reader a minute at a time), the signal analysis of its first window and the
// spectrogram of a window anywhere in it (only that window read). Requests run as they come (reads are async; nothing
// here holds a whole recording), each failure is an `error` event.
import { computePeaks, peakBinCount, PeaksAccumulator } from '../core/audio/peaks';
import { SPECTROGRAM_DEFAULTS, spectrogramOf } from '../core/audio/spectrogram';
import type { WavReader } from '../core/audio/wavReader';
import { analyseSignal } from '../core/analysis/signal';
import { toErrorEvent } from '../inference/protocol';
import type {
  AnalyseRequest,
  AudioEvent,
  AudioRequest,
  PeaksRequest,
  SpectrogramRequest,
} from '../inference/audioProtocol';

/** The longest window a spectrogram request reads (a longer one is cut to it): 30 s at 48 kHz is 5.8 MB of samples. */
export const SPECTROGRAM_MAX_SECONDS = 30;

export interface AudioHostDeps {
  post(ev: AudioEvent): void;
  /** Saved recording `id` opened for windowed reads (rejects with InferenceError 'bad-audio' when it has none). */
  open(id: string): Promise<WavReader>;
  /** Frames decoded per read while computing peaks. */
  chunkSeconds: number;
}

export function createAudioHost(deps: AudioHostDeps): { handle(req: AudioRequest): Promise<void> } {
  async function peaks(req: PeaksRequest): Promise<AudioEvent> {
    const wav = await deps.open(req.recordingId);
    const bins = peakBinCount(wav.frames, wav.sampleRateHz, req.binsPerSecond, req.maxBins);
    const chunk = Math.max(1, Math.round(deps.chunkSeconds * wav.sampleRateHz));
    return { type: 'peaks', id: req.id, peaks: await computePeaks(wav, bins, chunk) };
  }

  async function analyse(req: AnalyseRequest): Promise<AudioEvent> {
    const wav = await deps.open(req.recordingId);
    const samples = await wav.read({ fromS: 0, seconds: req.maxSeconds });
    const envelope = new PeaksAccumulator(samples.length, Math.max(1, Math.min(req.columns, samples.length)));
    if (samples.length > 0) envelope.add(samples, 0);
    const { min, max } = envelope.result(wav.sampleRateHz);
    const analysis = {
      ...analyseSignal(samples, wav.sampleRateHz, req.domain),
      sampleRateHz: wav.sampleRateHz,
      windowSeconds: samples.length / wav.sampleRateHz,
      envelope: { min, max },
    };
    return { type: 'analysis', id: req.id, analysis };
  }

  async function spectrogram(req: SpectrogramRequest): Promise<AudioEvent> {
    const wav = await deps.open(req.recordingId);
    const rate = wav.sampleRateHz;
    const seconds = Math.max(0, Math.min(req.seconds, SPECTROGRAM_MAX_SECONDS));
    const from = Math.max(0, Math.min(wav.frames, Math.round(req.fromS * rate)));
    const to = Math.min(wav.frames, from + Math.round(seconds * rate));
    const samples = await wav.readFrames(from, to);
    const opts = { ...SPECTROGRAM_DEFAULTS, maxHz: req.maxHz };
    return { type: 'spectrogram', id: req.id, spectrogram: spectrogramOf(samples, rate, from / rate, opts) };
  }

  function answer(req: AudioRequest): Promise<AudioEvent> {
    switch (req.type) {
      case 'peaks':
        return peaks(req);
      case 'analyse':
        return analyse(req);
      case 'spectrogram':
        return spectrogram(req);
    }
  }

  return {
    async handle(req) {
      try {
        deps.post(await answer(req));
      } catch (e) {
        deps.post(toErrorEvent(req.id, e));
      }
    },
  };
}
