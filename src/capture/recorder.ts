// Records the microphone through an AudioWorklet at the device's native rate, writing 50 ms PCM chunks to IndexedDB
// as they fill, so that a reload or crash loses at most the unwritten tail (≤ 250 ms, measured in e2e/recording.e2e.ts).
import type { RecordingMeta } from '../core/clinical/recording';
import type { Site } from '../core/clinical/schema';
import { appendChunk, finalizeRecording, putRecording } from '../storage/recordings';
import { storageErrorMessage } from '../storage/errors';
import { holdRecordingLock } from '../storage/locks';
import { AUDIO_CONSTRAINTS, DEVICE_LOST_MESSAGE, micErrorMessage, settingsWarnings } from './constraints';
import { CHUNK_MS, Chunker, framesFor, WORKLET_BLOCK_MS } from './chunker';
import type { RecorderOptions, WorkletBlock } from './recorder.worklet';
import workletUrl from './recorder.worklet.ts?worker&url';

export class CaptureError extends Error {
  override name = 'CaptureError';
}

export interface RecorderEvents {
  /** Called per worklet block (about 20 per second): peak amplitude and seconds recorded so far. */
  onLevel(peak: number, elapsedSec: number): void;
  /** A problem that does not stop recording by itself (e.g. storage), or the device being unplugged. */
  onProblem(message: string): void;
  /** The track ended on its own (device unplugged); the partial recording has been finalized. */
  onDeviceLost(meta: RecordingMeta | null): void;
}

export interface ActiveRecording {
  readonly meta: RecordingMeta;
  readonly sampleRateHz: number;
  /** Ignored-constraint warnings from track.getSettings(). */
  readonly warnings: string[];
  stop(): Promise<RecordingMeta>;
}

async function openMicrophone(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia)
    throw new CaptureError(
      'This browser cannot record audio here. Use a current browser over https or localhost.',
    );
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: AUDIO_CONSTRAINTS, video: false });
  } catch (e) {
    throw new CaptureError(micErrorMessage(e));
  }
}

async function buildGraph(stream: MediaStream, rateHz: number | undefined) {
  const ctx = rateHz ? new AudioContext({ sampleRate: rateHz }) : new AudioContext();
  await ctx.audioWorklet.addModule(workletUrl);
  const source = ctx.createMediaStreamSource(stream);
  const processorOptions: RecorderOptions = { blockFrames: framesFor(WORKLET_BLOCK_MS, ctx.sampleRate) };
  const node = new AudioWorkletNode(ctx, 'auscult-recorder', {
    numberOfInputs: 1,
    numberOfOutputs: 1,
    processorOptions,
  });
  const mute = ctx.createGain();
  mute.gain.value = 0; // keeps the node pulled by the graph without playing the microphone back
  source.connect(node).connect(mute).connect(ctx.destination);
  if (ctx.state === 'suspended') await ctx.resume();
  return { ctx, node };
}

function flushWorklet(node: AudioWorkletNode): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 1000);
    node.port.addEventListener('message', (e: MessageEvent) => {
      if (e.data === 'flushed') {
        clearTimeout(timer);
        resolve();
      }
    });
    node.port.postMessage('flush');
  });
}

export async function startRecording(
  opts: { name: string; site: Site },
  events: RecorderEvents,
): Promise<ActiveRecording> {
  const stream = await openMicrophone();
  const track = stream.getAudioTracks()[0];
  const settings = track.getSettings();
  let graph: Awaited<ReturnType<typeof buildGraph>>;
  try {
    graph = await buildGraph(stream, settings.sampleRate);
  } catch (e) {
    stream.getTracks().forEach((t) => t.stop());
    throw new CaptureError(`The recorder could not start (${e instanceof Error ? e.message : String(e)}).`);
  }
  const { ctx, node } = graph;
  const meta: RecordingMeta = {
    id: crypto.randomUUID(),
    name: opts.name,
    createdAtMs: Date.now(),
    durationSec: 0,
    sampleRateHz: ctx.sampleRate,
    site: opts.site,
    notes: '',
    source: 'microphone',
    status: 'recording',
  };
  let releaseLock: () => void;
  try {
    releaseLock = await holdRecordingLock(meta.id);
    await putRecording(meta);
  } catch (e) {
    stream.getTracks().forEach((t) => t.stop());
    await ctx.close();
    throw new CaptureError(storageErrorMessage(e));
  }
  return wireSession(
    { meta, stream, track, ctx, node, warnings: settingsWarnings(settings), releaseLock },
    events,
  );
}

interface Session {
  meta: RecordingMeta;
  stream: MediaStream;
  track: MediaStreamTrack;
  ctx: AudioContext;
  node: AudioWorkletNode;
  warnings: string[];
  releaseLock: () => void;
}

function wireSession(s: Session, events: RecorderEvents): ActiveRecording {
  const writes = new Set<Promise<void>>();
  let samples = 0;
  // Each chunk's write starts at once rather than after the previous one: IndexedDB runs them in order, and rows are
  // keyed by seq, while a chunk held back in the page would be lost with it.
  const chunker = new Chunker(framesFor(CHUNK_MS, s.ctx.sampleRate), (seq, chunk) => {
    const write = appendChunk(s.meta.id, seq, chunk).catch((e) => events.onProblem(storageErrorMessage(e)));
    writes.add(write);
    void write.finally(() => writes.delete(write));
  });
  s.node.port.onmessage = (e: MessageEvent<WorkletBlock | string>) => {
    if (typeof e.data === 'string') return;
    chunker.push(e.data.samples);
    samples += e.data.samples.length;
    events.onLevel(e.data.peak, samples / s.ctx.sampleRate);
  };
  let stopping: Promise<RecordingMeta> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await flushWorklet(s.node);
      chunker.flush();
      s.stream.getTracks().forEach((t) => t.stop());
      await s.ctx.close().catch(() => undefined);
      await Promise.all(writes);
      try {
        return await finalizeRecording(s.meta.id);
      } finally {
        s.releaseLock();
      }
    })());
  s.track.addEventListener('ended', () => {
    if (stopping) return;
    events.onProblem(DEVICE_LOST_MESSAGE);
    stop().then(events.onDeviceLost, (e) => {
      events.onProblem(storageErrorMessage(e));
      events.onDeviceLost(null);
    });
  });
  return { meta: s.meta, sampleRateHz: s.ctx.sampleRate, warnings: s.warnings, stop };
}
