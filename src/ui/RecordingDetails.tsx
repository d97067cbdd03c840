// Edit a recording's name, site and notes; download its WAV; delete it (with Undo in a toast).
import { useState } from 'react';
import type { Site } from '../core/clinical/schema';
import type { RecordingMeta } from '../core/clinical/recording';
import { recordingWavBlob } from '../state/recordingFiles';
import { useApp } from '../state/app-store';
import { SitePicker } from './SitePicker';
import { wavFileName } from './format';

/** Downloads the stored WAV's Blob as it is: the page never reads the file into memory. */
async function downloadWav(meta: RecordingMeta): Promise<void> {
  const blob = await recordingWavBlob(meta.id);
  if (!blob) return;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = wavFileName(meta.name);
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Keyed by recording id by its parent, so the draft resets when another recording is selected. */
export function RecordingDetails({ meta }: { meta: RecordingMeta }) {
  const edit = useApp((s) => s.editRecording);
  const requestDelete = useApp((s) => s.requestDelete);
  const [name, setName] = useState(meta.name);
  const [site, setSite] = useState<Site>(meta.site);
  const [notes, setNotes] = useState(meta.notes);
  const dirty = name !== meta.name || site !== meta.site || notes !== meta.notes;
  return (
    <form
      className="details"
      aria-label="Recording details"
      onSubmit={(e) => {
        e.preventDefault();
        void edit(meta.id, { name: name.trim() || meta.name, site, notes });
      }}
    >
      <label className="field" htmlFor="rec-name">
        <span>Name</span>
        <input id="rec-name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <SitePicker id="rec-site" label="Site" value={site} onChange={setSite} />
      <label className="field" htmlFor="rec-notes">
        <span>Notes</span>
        <textarea id="rec-notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <div className="row">
        <button type="submit" className="primary" disabled={!dirty}>
          Save changes
        </button>
        <button type="button" className="secondary" onClick={() => void downloadWav(meta)}>
          Download WAV
        </button>
        <button type="button" className="danger" onClick={() => requestDelete(meta.id)}>
          Delete
        </button>
      </div>
    </form>
  );
}
