// The recordings library: one button per recording (name, date, duration, site); selecting opens it in the viewer.
import { siteName } from '../core/clinical/sites';
import { useApp } from '../state/app-store';
import { ExamList } from './exam/ExamList';
import { formatDate, formatDuration } from './format';

export function Library() {
  const recordings = useApp((s) => s.recordings);
  const selectedId = useApp((s) => s.selectedId);
  const loaded = useApp((s) => s.libraryLoaded);
  const select = useApp((s) => s.select);
  return (
    <section className="card library" aria-labelledby="library-title">
      <h2 id="library-title">Recordings ({recordings.length})</h2>
      {!loaded && <p>Loading…</p>}
      {loaded && recordings.length === 0 && <p>No recordings yet. Record or import one.</p>}
      <ul className="library-list" data-testid="library">
        {recordings.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className={`library-item${r.id === selectedId ? ' selected' : ''}`}
              aria-current={r.id === selectedId ? 'true' : undefined}
              data-testid="library-item"
              data-duration-sec={r.durationSec.toFixed(3)}
              onClick={() => select(r.id)}
            >
              <span className="item-name">{r.name}</span>
              <span className="item-meta">
                {formatDate(r.createdAtMs)} ·{' '}
                <span data-testid="item-duration">{formatDuration(r.durationSec)}</span> · {siteName(r.site)}
                {r.recovered ? ' · recovered' : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <ExamList />
    </section>
  );
}
