// The page's client of the audio worker: a saved recording's waveform peaks (kept in memory by recording id: saved
// audio never changes under its id), the signal analysis of its first window and the spectrogram of a window of it.
// The worker starts on first use; a crashed one fails what was pending and the next request starts a fresh one.
import type { Domain } from '../core/clinical/schema';
import type { Peaks } from '../core/audio/peaks';
import type { Spectrogram } from '../core/audio/spectrogram';
import { InferenceError } from './protocol';
import { isAudioEvent, type AudioEvent, type AudioRequest, type WindowAnalysis } from './audioProtocol';
import { webWorkerFactory, type WorkerHandlers, type WorkerPort } from './client';

/** The runtime boundary: one live audio worker (a real one, or a fake in tests). */
export type AudioWorkerFactory = (handlers: WorkerHandlers) => WorkerPort<AudioRequest>;

/** 200 bins a second: one column per bin up to a zoom of 200 px/s; an hour is 720,000 bins (5.8 MB). */
export const PEAK_BINS_PER_SECOND = 200;
/** At most 2^20 bins (8 MiB of peaks), whatever the length. */
export const PEAK_MAX_BINS = 1 << 20;
/** Peaks of this many recordings are kept (an hour's are 5.8 MB; recordings the view decodes have none). */
const KEEP_PEAKS = 4;

type Pending = { resolve(ev: AudioEvent): void; reject(e: Error): void };

export class AudioClient {
  private port: WorkerPort<AudioRequest> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly peaksById = new Map<string, Promise<Peaks>>();

  constructor(private readonly factory: AudioWorkerFactory) {}

  /** Peaks of saved recording `recordingId`, computed once (a failure is retried on the next call). */
  peaks(recordingId: string): Promise<Peaks> {
    const kept = this.peaksById.get(recordingId);
    if (kept) {
      this.peaksById.delete(recordingId); // most recent last
      this.peaksById.set(recordingId, kept);
      return kept;
    }
    const p = this.request({
      type: 'peaks',
      id: this.nextId++,
      recordingId,
      binsPerSecond: PEAK_BINS_PER_SECOND,
      maxBins: PEAK_MAX_BINS,
    }).then((ev) => (ev.type === 'peaks' ? ev.peaks : unexpected(ev)));
    p.catch(() => this.peaksById.delete(recordingId));
    this.peaksById.set(recordingId, p);
    for (const id of this.peaksById.keys()) {
      if (this.peaksById.size <= KEEP_PEAKS) break;
      this.peaksById.delete(id);
    }
    return p;
  }

  /** Signal analysis of the first `maxSeconds` of a saved recording, with that window's envelope in `columns` bins. */
  async analyse(
    recordingId: string,
    domain: Domain,
    maxSeconds: number,
    columns: number,
  ): Promise<WindowAnalysis> {
    const req = { type: 'analyse', id: this.nextId++, recordingId, domain, maxSeconds, columns } as const;
    const ev = await this.request(req);
    return ev.type === 'analysis' ? ev.analysis : unexpected(ev);
  }

  /** The spectrogram of `seconds` of a saved recording from `fromS` (clamped to it), 0 to `maxHz`. */
  async spectrogram(
    recordingId: string,
    fromS: number,
    seconds: number,
    maxHz: number,
  ): Promise<Spectrogram> {
    const req = { type: 'spectrogram', id: this.nextId++, recordingId, fromS, seconds, maxHz } as const;
    const ev = await this.request(req);
    return ev.type === 'spectrogram' ? ev.spectrogram : unexpected(ev);
  }

  private request(req: AudioRequest): Promise<AudioEvent> {
    return new Promise((resolve, reject) => {
      this.pending.set(req.id, { resolve, reject });
      (this.port ?? this.spawn()).post(req, []);
    });
  }

  private spawn(): WorkerPort<AudioRequest> {
    const port = this.factory({
      onMessage: (data) => {
        if (this.port !== port || !isAudioEvent(data)) return;
        const p = this.pending.get(data.id);
        this.pending.delete(data.id);
        if (data.type === 'error') p?.reject(new InferenceError(data.name, data.message));
        else p?.resolve(data);
      },
      onCrash: (message) => {
        if (this.port !== port) return;
        port.terminate();
        this.port = null;
        const all = [...this.pending.values()];
        this.pending.clear();
        const err = new InferenceError('worker-crashed', `The audio worker crashed (${message}); try again.`);
        for (const p of all) p.reject(err);
      },
    });
    this.port = port;
    return port;
  }
}

function unexpected(ev: AudioEvent): never {
  throw new InferenceError('internal', `The audio worker answered with an unexpected '${ev.type}' event.`);
}

let shared: AudioClient | null = null;

/** The page's one audio client, over a module Web Worker built by Vite from src/worker/audio.worker.ts. */
export function audioClient(): AudioClient {
  shared ??= new AudioClient(
    webWorkerFactory<AudioRequest>(
      () =>
        new Worker(new URL('../worker/audio.worker.ts', import.meta.url), {
          type: 'module',
          name: 'auscult-audio',
        }),
    ),
  );
  return shared;
}
