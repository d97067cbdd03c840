// The recordings library in IndexedDB: metadata, PCM chunks written while recording, original and WAV files.
import type { RecordingMeta, RecordingPatch } from '../core/clinical/recording';
import { encodeWav16 } from '../core/audio/wav';
import { STORES, inTransaction, requestToPromise } from './db';
import { concatChunks } from '../core/audio/pcm';
import { blobSource, bytesSource, openWav, type WavReader } from '../core/audio/wavReader';

export type FileKind = 'wav' | 'original';

interface ChunkRow {
  recordingId: string;
  seq: number;
  samples: Float32Array;
}
interface FileRow {
  recordingId: string;
  kind: FileKind;
  /**
   * A WAV is stored as a Blob: IndexedDB keeps it on disk, so a range of it can be read without the rest (windowed
   * reads of long recordings). An imported original is the File itself (a Blob); originals and WAVs saved before are
   * bytes.
   */
  bytes: Uint8Array | Blob;
  type: string;
}

/** A WAV's bytes as a Blob, from a view of the same memory where it is not shared (the Blob copies it once). */
function wavBlob(bytes: Uint8Array): Blob {
  const { buffer, byteOffset, byteLength } = bytes;
  const part = buffer instanceof ArrayBuffer ? new Uint8Array(buffer, byteOffset, byteLength) : bytes.slice();
  return new Blob([part], { type: 'audio/wav' });
}

const { recordings: R, chunks: C, files: F } = STORES;

export async function listRecordings(): Promise<RecordingMeta[]> {
  const rows = await inTransaction([R], 'readonly', (tx) => requestToPromise(tx.objectStore(R).getAll()));
  return (rows as RecordingMeta[]).sort((a, b) => b.createdAtMs - a.createdAtMs);
}

export function putRecording(meta: RecordingMeta): Promise<void> {
  return inTransaction([R], 'readwrite', (tx) => void tx.objectStore(R).put(meta));
}

export async function updateRecording(id: string, patch: RecordingPatch): Promise<RecordingMeta> {
  return inTransaction([R], 'readwrite', async (tx) => {
    const store = tx.objectStore(R);
    const old = (await requestToPromise(store.get(id))) as RecordingMeta | undefined;
    if (!old) throw new Error(`Recording ${id} no longer exists.`);
    const next = { ...old, ...patch };
    store.put(next);
    return next;
  });
}

export function chunkRange(id: string): IDBKeyRange {
  return IDBKeyRange.bound([id, 0], [id, Number.MAX_SAFE_INTEGER]);
}

export function fileRange(id: string): IDBKeyRange {
  return IDBKeyRange.bound([id, ''], [id, '\uffff']);
}

export function deleteRecording(id: string): Promise<void> {
  return inTransaction([R, C, F], 'readwrite', (tx) => {
    tx.objectStore(R).delete(id);
    tx.objectStore(C).delete(chunkRange(id));
    tx.objectStore(F).delete(fileRange(id));
  });
}

/** Appends one PCM chunk of a recording in progress (the crash-safe part of recording). */
export function appendChunk(recordingId: string, seq: number, samples: Float32Array): Promise<void> {
  const row: ChunkRow = { recordingId, seq, samples };
  return inTransaction([C], 'readwrite', (tx) => void tx.objectStore(C).put(row));
}

export async function readChunks(id: string): Promise<Float32Array[]> {
  const rows = await inTransaction([C], 'readonly', (tx) =>
    requestToPromise(tx.objectStore(C).getAll(chunkRange(id))),
  );
  return (rows as ChunkRow[]).sort((a, b) => a.seq - b.seq).map((r) => r.samples);
}

/** Joins a recording's chunks into a 16-bit WAV, stores it, drops the chunks and marks it ready, in one transaction. */
export async function finalizeRecording(
  id: string,
  opts: { recovered?: boolean } = {},
): Promise<RecordingMeta> {
  const samples = concatChunks(await readChunks(id));
  return inTransaction([R, C, F], 'readwrite', async (tx) => {
    const meta = (await requestToPromise(tx.objectStore(R).get(id))) as RecordingMeta | undefined;
    if (!meta) throw new Error(`Recording ${id} no longer exists.`);
    const wav: FileRow = {
      recordingId: id,
      kind: 'wav',
      bytes: wavBlob(encodeWav16(samples, meta.sampleRateHz)),
      type: 'audio/wav',
    };
    const next: RecordingMeta = { ...meta, status: 'ready', durationSec: samples.length / meta.sampleRateHz };
    if (opts.recovered) next.recovered = true;
    tx.objectStore(F).put(wav);
    tx.objectStore(R).put(next);
    tx.objectStore(C).delete(chunkRange(id));
    return next;
  });
}

/**
 * Saves an imported file's original (with its metadata, status `importing`) before anything is decoded. Given the
 * File itself (a Blob), IndexedDB copies it byte for byte without the page reading it.
 */
export function saveImportOriginal(meta: RecordingMeta, original: Uint8Array | Blob): Promise<void> {
  const row: FileRow = {
    recordingId: meta.id,
    kind: 'original',
    bytes: original,
    type: meta.originalType ?? '',
  };
  return inTransaction([R, F], 'readwrite', (tx) => {
    tx.objectStore(R).put(meta);
    tx.objectStore(F).put(row);
  });
}

/**
 * Stores the decoded mono WAV next to the original and marks the import ready. A WAV built as a Blob from parts is
 * stored as it is (never joined into one buffer).
 */
export async function completeImport(meta: RecordingMeta, wav: Uint8Array | Blob): Promise<RecordingMeta> {
  const next: RecordingMeta = { ...meta, status: 'ready' };
  const bytes = wav instanceof Blob ? wav : wavBlob(wav);
  const row: FileRow = { recordingId: meta.id, kind: 'wav', bytes, type: 'audio/wav' };
  await inTransaction([R, F], 'readwrite', (tx) => {
    tx.objectStore(F).put(row);
    tx.objectStore(R).put(next);
  });
  return next;
}

async function fileRow(id: string, kind: FileKind): Promise<FileRow | null> {
  const row = await inTransaction([F], 'readonly', (tx) =>
    requestToPromise(tx.objectStore(F).get([id, kind])),
  );
  return (row as FileRow | undefined) ?? null;
}

export async function getFile(id: string, kind: FileKind): Promise<Uint8Array | null> {
  const row = await fileRow(id, kind);
  if (!row) return null;
  return row.bytes instanceof Blob ? new Uint8Array(await row.bytes.arrayBuffer()) : row.bytes;
}

/**
 * A recording's file as a Blob without reading it: a stored WAV's Blob stays on disk, so a media element or a range
 * read given it (or a URL of it) reads only what it plays. Bytes saved before are wrapped. Null when there is none.
 */
export async function getFileBlob(id: string, kind: FileKind): Promise<Blob | null> {
  const row = await fileRow(id, kind);
  if (!row) return null;
  return row.bytes instanceof Blob ? row.bytes : new Blob([row.bytes.slice()], { type: row.type });
}

/**
 * A saved recording's WAV opened for windowed reads (`read({ fromS, seconds })`): its header is parsed, and each read
 * decodes only the frames asked for. Null when the recording has no WAV (deleted, or an import not decoded yet).
 */
export async function openRecordingAudio(id: string): Promise<WavReader | null> {
  const row = await fileRow(id, 'wav');
  if (!row) return null;
  return openWav(row.bytes instanceof Blob ? blobSource(row.bytes) : bytesSource(row.bytes));
}
