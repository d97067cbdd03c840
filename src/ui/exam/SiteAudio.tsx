// A site's recording as a plain audio player (practice: listen without opening the recording, whose name and model
// outputs would give the case away).
import { useEffect, useState } from 'react';
import { recordingWavBlob } from '../../state/recordingFiles';

export function SiteAudio(props: { recordingId: string; label: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    let live = true;
    void recordingWavBlob(props.recordingId).then((blob) => {
      if (!blob || !live) return;
      made = URL.createObjectURL(blob); // the stored Blob: the player reads only what it plays
      setUrl(made);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [props.recordingId]);
  return url ? <audio controls src={url} aria-label={props.label} data-testid="exam-practice-audio" /> : null;
}
