// SVG curves: one titled panel per column with a polyline of every finite point, escaped names, tick labels.
import { describe, expect, it } from 'vitest';
import { curveColumns, svgChartFromCsv } from './svg';

const CSV = 'step,loss,valAccuracy,odd<name>\n10,5,,1\n20,4,0.5,2\n30,3.5,,3\n40,3,0.75,x\n';

describe('svg curves', () => {
  it('keeps finite cells per column', () => {
    const cols = curveColumns(CSV, ['loss', 'valAccuracy', 'missing']);
    expect(cols.map((c) => [c.name, c.points.length])).toEqual([
      ['loss', 4],
      ['valAccuracy', 2],
    ]);
  });

  it('draws a titled panel per column with all its points and the last value', () => {
    const svg = svgChartFromCsv(CSV, undefined, 'sft');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const lines = [...svg.matchAll(/points="([^"]*)"/g)].map((m) => m[1].split(' ').length);
    expect(lines).toEqual([4, 2, 3]);
    expect(svg).toContain('>loss</text>');
    expect(svg).toContain('odd&lt;name&gt;');
    expect(svg).toContain('last 0.750 at step 40');
    expect(svg).toContain('step (10–40)');
  });
});
