// The audio worker's side of its protocol, independent of the real worker global: the waveform peaks of a saved
// recording (streamed through its windowed reader a minute at a time) and the signal analysis of its first window.
// Requests run as they come (reads are async; nothing here holds a whole recording), each failure is an `error` event.
import { computePeaks, peakBinCount, PeaksAccumulator } from '../core/audio/peaks';
import type { WavReader } from '../core/audio/wavReader';
import { analyseSignal } from '../core/analysis/signal';
import { toErrorEvent } from '../inference/protocol';
import type { AnalyseRequest, AudioEvent, AudioRequest, PeaksRequest } from '../inference/audioProtocol';

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

  return {
    async handle(req) {
      try {
        deps.post(req.type === 'peaks' ? await peaks(req) : await analyse(req));
      } catch (e) {
        deps.post(toErrorEvent(req.id, e));
      }
    },
  };
}
