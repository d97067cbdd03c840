// Imports audio files: the original file is stored first, then decoded and kept as a mono 16-bit WAV next to it. A WAV
// is converted by our own decoder for precise errors, 1 MiB of the file at a time in a worker (importWorker.ts), so the
// page never reads it whole; other formats are decoded whole by the browser (decodeAudioData needs all the bytes).
import type { Site } from '../core/clinical/schema';
import { encodeWav16 } from '../core/audio/wav';
import {
  QUALITY_LIMITS,
  signalQuality,
  type QualityIssue,
  type SignalQuality,
} from '../core/analysis/quality';
import { completeImport, deleteRecording, getFileBlob, saveImportOriginal } from '../storage/recordings';
import type { RecordingMeta } from '../core/clinical/recording';
import { storageErrorMessage } from '../storage/errors';
import { mixToMono } from '../core/audio/pcm';
import { formatFromName, sniffFormat } from './formats';
import type { ConvertedWav, ConvertReply } from './wavImport';
import { convertInWorker } from './importWorker';

export class ImportError extends Error {
  override name = 'ImportError';
}

/** Bytes of a WAV read at once in the import worker: 12 s of 16-bit mono at 44.1 kHz, 3.6 s of 24-bit stereo at 48k. */
const IMPORT_CHUNK_BYTES = 2 ** 20;
/** Bytes read to recognise the format. */
const SNIFF_BYTES = 16;

/** Rate the browser decoder resamples compressed formats to (it does not report the file's own rate). */
const BROWSER_DECODE_RATE_HZ = 48_000;

/** A non-WAV file decoded whole by the browser and encoded for storage, or an ImportError saying why not. */
async function convertWithBrowser(file: Blob, fileName: string, sniffed: string): Promise<ConvertedWav> {
  let samples: Float32Array;
  let sampleRateHz: number;
  try {
    const ctx = new OfflineAudioContext(1, 1, BROWSER_DECODE_RATE_HZ);
    const buf = await ctx.decodeAudioData(await file.arrayBuffer());
    samples = mixToMono(Array.from({ length: buf.numberOfChannels }, (_, i) => buf.getChannelData(i)));
    sampleRateHz = buf.sampleRate;
  } catch {
    const kind =
      sniffed === 'unknown'
        ? 'not a recognised audio format'
        : `${sniffed.toUpperCase()} that this browser cannot decode`;
    throw new ImportError(
      `"${fileName}" could not be imported: it is ${kind}. Supported: WAV, FLAC, MP3, OGG, M4A; converting to WAV always works.`,
    );
  }
  if (samples.length === 0) throw new ImportError(`"${fileName}" contains no audio samples.`);
  const wav = new Blob([encodeWav16(samples, sampleRateHz)], { type: 'audio/wav' });
  return {
    wav,
    sampleRateHz,
    frames: samples.length,
    warnings: [],
    quality: signalQuality(samples, sampleRateHz),
  };
}

/** A WAV converted in the import worker, or an ImportError saying what is wrong with it. */
async function convertWavFile(file: Blob, fileName: string): Promise<ConvertedWav> {
  let r: ConvertReply;
  try {
    r = await convertInWorker(file, IMPORT_CHUNK_BYTES);
  } catch (e) {
    throw new ImportError(`Importing "${fileName}" stopped (${(e as Error).message}); try again.`);
  }
  if (r.ok) return r.converted;
  throw new ImportError(
    r.wavError
      ? `"${fileName}" is not a readable WAV file: ${r.message}`
      : `"${fileName}" could not be read (${r.message}); try importing it again.`,
  );
}

/** Converts any supported file to the stored WAV, or throws an ImportError that says what went wrong. */
export async function convertAudioFile(file: Blob, fileName: string): Promise<ConvertedWav> {
  const sniffed = sniffFormat(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  const isWav = sniffed === 'wav' || (sniffed === 'unknown' && formatFromName(fileName) === 'wav');
  return isWav ? convertWavFile(file, fileName) : convertWithBrowser(file, fileName, sniffed);
}

/** An imported recording plus what is suspicious about it (accepted, but the user should look before trusting it). */
export type ImportedRecording = RecordingMeta & { warnings: string[] };

const QUALITY_WARNINGS: Record<QualityIssue, string> = {
  silence: `it is silent (below ${QUALITY_LIMITS.silenceDbfs} dBFS): check that the stethoscope was connected`,
  clipping: 'it is clipped at full scale: record again with a lower input gain',
  'dc-offset': 'it has a DC offset (not centred on zero): the recorder or cable may be faulty',
  'too-short': `it is shorter than ${QUALITY_LIMITS.minDurationS} s: too short for rates and findings`,
  noisy: 'it is mostly broadband noise: check the chest-piece contact',
};

/** Signal-quality problems, then decoder work-arounds (NaN zeroed, partial frame…), phrased for the user. */
export function importWarnings(quality: SignalQuality, decoderWarnings: string[]): string[] {
  return [...quality.issues.map((i) => QUALITY_WARNINGS[i]), ...decoderWarnings];
}

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '') || fileName;
}

/** Full import: save original → convert → save WAV. A failed conversion removes the original again and throws. */
export async function importAudioFile(file: File, site: Site): Promise<ImportedRecording> {
  const meta: RecordingMeta = {
    id: crypto.randomUUID(),
    name: baseName(file.name),
    createdAtMs: Date.now(),
    durationSec: 0,
    sampleRateHz: 0,
    site,
    notes: '',
    source: 'import',
    status: 'importing',
    originalName: file.name,
    originalType: file.type,
  };
  try {
    await saveImportOriginal(meta, file);
  } catch (e) {
    throw new ImportError(storageErrorMessage(e));
  }
  return decodeAndStore(meta, file);
}

/** Converts a saved original and completes its import; on failure the half-made entry is removed. */
export async function decodeAndStore(meta: RecordingMeta, original: Blob): Promise<ImportedRecording> {
  try {
    const c = await convertAudioFile(original, meta.originalName ?? meta.name);
    const done = { ...meta, sampleRateHz: c.sampleRateHz, durationSec: c.frames / c.sampleRateHz };
    const saved = await completeImport(done, c.wav);
    return { ...saved, warnings: importWarnings(c.quality, c.warnings) };
  } catch (e) {
    await deleteRecording(meta.id).catch(() => undefined);
    throw e instanceof ImportError ? e : new ImportError(storageErrorMessage(e));
  }
}

/** Finishes an import interrupted by a reload (original saved, never decoded). */
export async function resumeImport(meta: RecordingMeta): Promise<ImportedRecording> {
  const original = await getFileBlob(meta.id, 'original');
  if (!original) {
    await deleteRecording(meta.id);
    throw new ImportError(
      `The interrupted import of "${meta.originalName ?? meta.name}" had no saved file; it was removed.`,
    );
  }
  return decodeAndStore(meta, original);
}
