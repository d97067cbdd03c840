// Saves bytes the app made (an exam zip, a FHIR bundle) as a file the user downloads.
export function downloadBytes(name: string, bytes: Uint8Array | string, type: string): void {
  const part: BlobPart = typeof bytes === 'string' ? bytes : (bytes.slice().buffer as ArrayBuffer);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a label the user typed: letters, digits, dot and dash kept, the rest as underscores. */
export function fileSafe(label: string): string {
  return label.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'exam';
}
