// Web Locks mark recordings that a tab is still writing, so another tab's startup recovery leaves them alone.

export function recordingLockName(id: string): string {
  return `auscult-recording-${id}`;
}

/** Holds the recording's lock until the returned release function is called (no-op where Web Locks are missing). */
export async function holdRecordingLock(id: string): Promise<() => void> {
  if (!navigator.locks) return () => undefined;
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await new Promise<void>((acquired) => {
    void navigator.locks.request(recordingLockName(id), () => {
      acquired();
      return held;
    });
  });
  return release;
}

/** Names of recording locks currently held by any tab of this origin. */
export async function heldRecordingLocks(): Promise<Set<string>> {
  if (!navigator.locks) return new Set();
  const snapshot = await navigator.locks.query();
  return new Set((snapshot.held ?? []).map((l) => l.name ?? ''));
}
