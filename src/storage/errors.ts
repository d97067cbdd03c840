// Turns storage failures into plain sentences for the user (quota, private mode, blocked database).

/** True when the browser refused to store more data. */
export function isQuotaError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const name = (e as { name?: unknown }).name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

export function storageErrorMessage(e: unknown): string {
  if (isQuotaError(e))
    return 'Storage is full: this recording could not be saved. Delete old recordings or free space on the device; recordings already saved are kept.';
  const detail = e instanceof Error ? e.message : String(e);
  return `Could not save to this browser's storage (${detail}). Recordings already saved are kept.`;
}
