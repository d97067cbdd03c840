// The audio worker: a thin shell that wires the audio protocol host to saved recordings' windowed reads (IndexedDB).
// It is separate from the inference worker, so the waveform and the signal analysis never wait for a model load.
import { audioTransferables, isAudioRequest, type AudioEvent } from '../inference/audioProtocol';
import { createAudioHost } from './audioHost';
import { openSaved } from './recordingAudio';

/** Seconds decoded per read while computing peaks: a bounded working set (10 s at 48 kHz is under 3 MB). */
const PEAKS_CHUNK_SECONDS = 10;

const host = createAudioHost({
  post: (ev: AudioEvent) => self.postMessage(ev, { transfer: audioTransferables(ev) }),
  open: openSaved,
  chunkSeconds: PEAKS_CHUNK_SECONDS,
});

self.addEventListener('message', (e: MessageEvent) => {
  if (isAudioRequest(e.data)) void host.handle(e.data);
});
