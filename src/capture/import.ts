// Imports audio files: the original bytes are stored first, then decoded (WAV by our own decoder for precise errors,
// other formats by the browser) and kept as a mono 16-bit WAV next to the original.
import type { Site } from '../core/clinical/schema';
import { decodeWav, encodeWav16 } from '../core/audio/wav';
import { QUALITY_LIMITS, signalQuality, type QualityIssue } from '../core/analysis/quality';
import { completeImport, deleteRecording, getFile, saveImportOriginal } from '../storage/recordings';
import type { RecordingMeta } from '../core/clinical/recording';
import { storageErrorMessage } from '../storage/errors';
import { mixToMono } from '../core/audio/pcm';
import { formatFromName, sniffFormat } from './formats';

export class ImportError extends Error {
  override name = 'ImportError';
}

export interface DecodedAudio {
  samples: Float32Array;
  sampleRateHz: number;
  warnings: string[];
}

/** Rate the browser decoder resamples compressed formats to (it does not report the file's own rate). */
const BROWSER_DECODE_RATE_HZ = 48_000;

async function decodeWithBrowser(bytes: Uint8Array): Promise<DecodedAudio> {
  const ctx = new OfflineAudioContext(1, 1, BROWSER_DECODE_RATE_HZ);
  const copy = bytes.slice().buffer; // decodeAudioData detaches its argument
  const buf = await ctx.decodeAudioData(copy);
  const channels = Array.from({ length: buf.numberOfChannels }, (_, i) => buf.getChannelData(i));
  return { samples: mixToMono(channels), sampleRateHz: buf.sampleRate, warnings: [] };
}

/** Decodes any supported file to mono PCM, or throws an ImportError that says what went wrong. */
export async function decodeAudioFile(bytes: Uint8Array, fileName: string): Promise<DecodedAudio> {
  const sniffed = sniffFormat(bytes);
  let decoded: DecodedAudio;
  if (sniffed === 'wav' || (sniffed === 'unknown' && formatFromName(fileName) === 'wav')) {
    try {
      const w = decodeWav(bytes);
      decoded = { samples: w.samples, sampleRateHz: w.sampleRateHz, warnings: w.warnings };
    } catch (e) {
      throw new ImportError(
        `"${fileName}" is not a readable WAV file: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  } else {
    try {
      decoded = await decodeWithBrowser(bytes);
    } catch {
      const kind =
        sniffed === 'unknown'
          ? 'not a recognised audio format'
          : `${sniffed.toUpperCase()} that this browser cannot decode`;
      throw new ImportError(
        `"${fileName}" could not be imported: it is ${kind}. Supported: WAV, FLAC, MP3, OGG, M4A; converting to WAV always works.`,
      );
    }
  }
  if (decoded.samples.length === 0) throw new ImportError(`"${fileName}" contains no audio samples.`);
  return decoded;
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

/** Decoder work-arounds (NaN zeroed, partial frame…) and signal-quality problems, phrased for the user. */
export function importWarnings(d: DecodedAudio): string[] {
  const q = signalQuality(d.samples, d.sampleRateHz);
  return [...q.issues.map((i) => QUALITY_WARNINGS[i]), ...d.warnings];
}

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '') || fileName;
}

/** Full import: save original → decode → save WAV. A failed decode removes the original again and throws. */
export async function importAudioFile(file: File, site: Site): Promise<ImportedRecording> {
  const bytes = new Uint8Array(await file.arrayBuffer());
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
    await saveImportOriginal(meta, bytes);
  } catch (e) {
    throw new ImportError(storageErrorMessage(e));
  }
  return decodeAndStore(meta, bytes);
}

/** Decodes a stored original and completes its import; on failure the half-made entry is removed. */
export async function decodeAndStore(meta: RecordingMeta, bytes: Uint8Array): Promise<ImportedRecording> {
  try {
    const d = await decodeAudioFile(bytes, meta.originalName ?? meta.name);
    const done = { ...meta, sampleRateHz: d.sampleRateHz, durationSec: d.samples.length / d.sampleRateHz };
    const saved = await completeImport(done, encodeWav16(d.samples, d.sampleRateHz));
    return { ...saved, warnings: importWarnings(d) };
  } catch (e) {
    await deleteRecording(meta.id).catch(() => undefined);
    throw e instanceof ImportError ? e : new ImportError(storageErrorMessage(e));
  }
}

/** Finishes an import interrupted by a reload (original saved, never decoded). */
export async function resumeImport(meta: RecordingMeta): Promise<ImportedRecording> {
  const bytes = await getFile(meta.id, 'original');
  if (!bytes) {
    await deleteRecording(meta.id);
    throw new ImportError(
      `The interrupted import of "${meta.originalName ?? meta.name}" had no saved file; it was removed.`,
    );
  }
  return decodeAndStore(meta, bytes);
}
