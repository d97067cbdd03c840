// The import worker: converts one WAV file for storage off the main thread (wavImport.ts), answers once, and is
// terminated by the page; a new import starts a fresh one, so no state outlives a failure.
import { convertReply, type ConvertRequest } from './wavImport';

self.addEventListener('message', (e: MessageEvent<ConvertRequest>) => {
  void convertReply(e.data).then((reply) => self.postMessage(reply));
});
