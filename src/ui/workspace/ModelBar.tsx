// The model's state in one line: which backend runs and why, load progress by phase with sizes, backend choice,
// and an error with what to do about it.
import { useApp } from '../../state/app-store';
import type { BackendChoice } from '../../inference/protocol';
import { CacheStatus } from './CacheStatus';
import { formatBytes } from './format';

const PHASE_TEXT = { download: 'Downloading', compile: 'Preparing', warmup: 'Warming up' } as const;

export function ModelBar() {
  const model = useApp((s) => s.model);
  const setBackendChoice = useApp((s) => s.setBackendChoice);
  const loadModel = useApp((s) => s.loadModel);
  const p = model.progress;
  return (
    <div className="model-bar" data-testid="model-status" data-status={model.status}>
      <div className="row">
        {model.backend ? (
          <span
            className="badge"
            data-testid="backend-badge"
            data-backend={model.backend}
            data-gpu-submits={model.gpuSubmits ?? 0}
            title={model.backendReason ?? ''}
          >
            {model.backend === 'webgpu' ? 'WebGPU' : 'WASM'}
          </span>
        ) : (
          <span className="badge badge--muted">Model not loaded</span>
        )}
        {model.modelId && (
          <span className="muted">
            {model.modelId} · {model.dtype}
            {model.loadMs !== null && ` · loaded in ${(model.loadMs / 1000).toFixed(1)} s`}
            {model.backend === 'webgpu' && ` · ${model.gpuSubmits ?? 0} GPU submissions`}
          </span>
        )}
        <label className="field field--inline" htmlFor="backend-choice">
          <span>Backend</span>
          <select
            id="backend-choice"
            value={model.backendChoice}
            onChange={(e) => setBackendChoice(parseChoice(e.target.value))}
          >
            <option value="auto">Automatic (WebGPU if available)</option>
            <option value="webgpu">WebGPU</option>
            <option value="wasm">WASM</option>
          </select>
        </label>
        {(model.status === 'idle' || model.status === 'error') && (
          <button type="button" className="secondary" onClick={() => void loadModel()}>
            Load model
          </button>
        )}
      </div>
      {model.backendReason && (
        <p className="muted" data-testid="backend-reason">
          {model.backendReason}
        </p>
      )}
      {model.status === 'ready' && model.files && (
        <CacheStatus modelUrl={model.modelUrl} files={model.files} />
      )}
      {model.status === 'loading' && (
        <div role="status" aria-live="polite" className="model-bar__progress">
          {p ? `${PHASE_TEXT[p.phase]}${p.file ? ` ${p.file}` : ''}: ` : 'Starting the model worker…'}
          {p &&
            (p.phase === 'download'
              ? `${formatBytes(p.loaded)} of ${formatBytes(p.total)}`
              : `${p.loaded}/${p.total}`)}
          {p && <progress max={p.total || 1} value={p.loaded} />}
        </div>
      )}
      {model.status === 'crashed' && (
        <p role="status" className="warning">
          The model worker stopped; it restarts on the next question ({model.restarts} restart
          {model.restarts === 1 ? '' : 's'} so far).
        </p>
      )}
      {model.error && model.status === 'error' && (
        <div role="alert" className="error" data-testid="model-error" data-error={model.error.name}>
          <strong>{model.error.message}</strong>
          <p>{model.error.advice}</p>
        </div>
      )}
    </div>
  );
}

function parseChoice(v: string): BackendChoice {
  return v === 'webgpu' || v === 'wasm' ? v : 'auto';
}
