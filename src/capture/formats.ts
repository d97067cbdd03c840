// Recognises audio file formats from their first bytes (names and MIME types are often wrong).

export type AudioFormat = 'wav' | 'flac' | 'mp3' | 'ogg' | 'm4a' | 'unknown';
export const IMPORT_ACCEPT = '.wav,.flac,.mp3,.ogg,.oga,.opus,.m4a,.mp4,.aac,audio/*';

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

export function sniffFormat(bytes: Uint8Array): AudioFormat {
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return 'wav';
  if (ascii(bytes, 0, 4) === 'fLaC') return 'flac';
  if (ascii(bytes, 0, 4) === 'OggS') return 'ogg';
  if (ascii(bytes, 4, 4) === 'ftyp') return 'm4a';
  if (ascii(bytes, 0, 3) === 'ID3') return 'mp3';
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0) return 'mp3';
  return 'unknown';
}

/** The format the file name claims, used only to phrase error messages. */
export function formatFromName(name: string): AudioFormat {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const map: Record<string, AudioFormat> = {
    wav: 'wav',
    flac: 'flac',
    mp3: 'mp3',
    ogg: 'ogg',
    oga: 'ogg',
    opus: 'ogg',
    m4a: 'm4a',
    mp4: 'm4a',
    aac: 'm4a',
  };
  return map[ext] ?? 'unknown';
}
