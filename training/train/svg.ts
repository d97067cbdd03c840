// Training curves as SVG small multiples: one panel per column with its own y axis, tick labels, a title and the
// last value, sharing the step axis — readable where the text-free PNG is not.
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];

export interface CurveColumn {
  name: string;
  points: [number, number][];
}

/** Every named column of a curves CSV (first column = step) with its finite cells; a missing column has no points. */
export function csvColumns(csv: string, only?: string[]): CurveColumn[] {
  const [head, ...rows] = csv.trim().split('\n');
  const cols = head.split(',');
  const cells = rows.map((r) => r.split(','));
  return (only ?? cols.slice(1)).map((name) => {
    const j = cols.indexOf(name);
    const points = cells
      .filter((v) => j >= 0 && v[j] !== '' && v[j] !== undefined)
      .map((v): [number, number] => [Number(v[0]), Number(v[j])])
      .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    return { name, points };
  });
}

/** The columns of a curves CSV that have at least one point. */
export const curveColumns = (csv: string, only?: string[]): CurveColumn[] =>
  csvColumns(csv, only).filter((c) => c.points.length);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) =>
  Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);

function panel(c: CurveColumn, i: number, top: number, x0: number, x1: number, w: number, h: number): string {
  const [l, r, t, b] = [64, 16, top + 22, top + h - 22];
  const ys = c.points.map((p) => p[1]);
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const px = (x: number) => l + ((x - x0) / (x1 - x0 || 1)) * (w - l - r);
  const py = (y: number) => b - ((y - y0) / (y1 - y0 || 1)) * (b - t);
  const color = COLORS[i % COLORS.length];
  const pts = c.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
  const last = c.points[c.points.length - 1];
  const ticks = [y0, (y0 + y1) / 2, y1]
    .map(
      (v) =>
        `<text x="${l - 6}" y="${py(v) + 4}" text-anchor="end">${fmt(v)}</text><line x1="${l}" x2="${w - r}" y1="${py(v)}" y2="${py(v)}" stroke="#e5e5e5"/>`,
    )
    .join('');
  return (
    `<g><text x="${l}" y="${top + 15}" font-weight="bold" fill="${color}">${esc(c.name)}</text>` +
    `<text x="${w - r}" y="${top + 15}" text-anchor="end">last ${fmt(last[1])} at step ${last[0]}</text>${ticks}` +
    `<line x1="${l}" x2="${l}" y1="${t}" y2="${b}" stroke="#777"/><line x1="${l}" x2="${w - r}" y1="${b}" y2="${b}" stroke="#777"/>` +
    `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${pts}"/></g>`
  );
}

/** The chosen columns of a curves CSV as an SVG document (x: training step). */
export function svgChartFromCsv(
  csv: string,
  only?: string[],
  title = 'training curves',
  w = 720,
  panelH = 170,
): string {
  const cols = curveColumns(csv, only);
  const xs = cols.flatMap((c) => c.points.map((p) => p[0]));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const h = 40 + cols.length * panelH + 30;
  const panels = cols.map((c, i) => panel(c, i, 40 + i * panelH, x0, x1, w, panelH)).join('');
  const axis = cols.length
    ? `<text x="${w / 2}" y="${h - 8}" text-anchor="middle">step (${x0}–${x1})</text>`
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="12">` +
    `<rect width="100%" height="100%" fill="#fff"/><text x="${w / 2}" y="24" text-anchor="middle" font-size="15">${esc(title)}</text>` +
    `${panels}${axis}</svg>\n`
  );
}
