// The import worker: converts WAV files for storage off the main thread (wavImport.ts), one reply per request id.
// convertReply never throws, so a failed file leaves nothing behind; the page closes the worker when imports stop.
import { convertReply, type ConvertRequest } from './wavImport';

self.addEventListener('message', (e: MessageEvent<ConvertRequest>) => {
  void convertReply(e.data).then((reply) => self.postMessage(reply));
});
