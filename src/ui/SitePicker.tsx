// A labelled <select> of every auscultation site in the label schema, grouped heart / lung.
import { HEART_SITES, LUNG_SITES, type Site } from '../core/clinical/schema';
import { parseSite, siteName } from '../core/clinical/sites';

export function SitePicker(props: { id: string; label: string; value: Site; onChange(site: Site): void }) {
  return (
    <label className="field" htmlFor={props.id}>
      <span>{props.label}</span>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(parseSite(e.target.value) ?? 'unknown')}
      >
        <option value="unknown">{siteName('unknown')}</option>
        <optgroup label="Heart">
          {HEART_SITES.map((s) => (
            <option key={s} value={s}>
              {siteName(s)}
            </option>
          ))}
        </optgroup>
        <optgroup label="Lung">
          {LUNG_SITES.map((s) => (
            <option key={s} value={s}>
              {siteName(s)}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}
