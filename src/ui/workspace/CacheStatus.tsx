// Whether the loaded model can start offline: its files audited in the model cache (sha256 against the manifest)
// and whether the browser granted persistent storage.
import { useEffect, useState } from 'react';
import type { ManifestFile } from '../../core/manifest/manifest';
import { auditCachedModel, keepModelCache, type CacheAudit } from '../../state/modelCache';
import { formatBytes } from './format';

export function CacheStatus(props: { modelUrl: string; files: ManifestFile[] }) {
  const [audit, setAudit] = useState<CacheAudit | null>(null);
  const [persistent, setPersistent] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void keepModelCache().then((p) => live && setPersistent(p));
    void auditCachedModel(props.modelUrl, props.files).then((a) => live && setAudit(a));
    return () => {
      live = false;
    };
  }, [props.modelUrl, props.files]);
  if (!audit) return null;
  return (
    <p className="muted" data-testid="cache-status" data-offline-ready={audit.offlineReady}>
      {audit.offlineReady
        ? `Model cached for offline use (${formatBytes(audit.verifiedBytes)}, verified).`
        : `${formatBytes(audit.verifiedBytes)} of ${formatBytes(audit.totalBytes)} cached; the rest downloads on the next load.`}
      {persistent === false &&
        ' Storage is not persistent: the browser may evict the model when space runs low.'}
    </p>
  );
}
