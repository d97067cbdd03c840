// What the user should do about each inference error name: the UI shows this under the error's own message.
import type { InferenceErrorName } from './protocol';

export const ERROR_ADVICE: Readonly<Record<InferenceErrorName, string>> = {
  'model-not-found':
    'The model files could not be found or downloaded. Connect to the network once so they can be cached, or check that the model was exported to /models.',
  'hash-mismatch':
    'A model file did not match its checksum. Reload the page to fetch it again; if it persists the model folder on the server is inconsistent.',
  'backend-unavailable':
    'This backend is not available here. Choose "Automatic" or "WASM", or enable WebGPU (chrome://flags/#enable-unsafe-webgpu, or a current Chrome/Edge).',
  'out-of-memory':
    'The device ran out of memory. Close other tabs, use a shorter recording, or switch to the smaller (q4) model.',
  'bad-audio':
    'The recording could not be used (empty, silent or too short). Record or import at least a few seconds of sound.',
  aborted: 'Stopped. Ask again when you are ready.',
  internal: 'Something went wrong inside the model. Ask again; if it keeps failing, reload the page.',
  'worker-crashed': 'The model worker stopped. Ask again: it restarts and reloads the model automatically.',
  'not-loaded': 'Load the model first (it loads automatically when you ask).',
};
