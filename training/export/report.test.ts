// The generated export report states sizes from the manifest and the measured parity, and says when nothing was measured.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../../src/core/manifest/manifest';
import { docCommand, portableArgs, portablePath, renderExportReport, shellCommand } from './report';

const MODEL = path.resolve(import.meta.dirname, '../../models/tiny-random');

describe('renderExportReport', () => {
  it('lists every file and the measured parity', async () => {
    const m = validateManifest(JSON.parse(await readFile(path.join(MODEL, 'manifest.json'), 'utf8')));
    const parity = {
      items: 8,
      maxAbsLogitDiff: 2.5e-5,
      maxAbsLogit: 12,
      greedyAgreement: { q4: 0.875 },
      prefixAgreement: { q4: 0.99 },
      maxNewTokens: 48,
      nearTieShare: 0.25,
      disagreementsNearTie: { q4: 1 },
    };
    const md = renderExportReport(m, parity, 'npm run export -- --random tiny');
    for (const f of m.files) expect(md).toContain(`\`${f.path}\``);
    expect(md).toContain('2.50e-5');
    expect(md).toContain("q4 greedy answers (≤ 48 tokens) identical to fp32's: 87.5%");
    expect(md).toContain('Not calibrated');
    expect(md).toContain('100.0% of its disagreements are on near-tie prompts');
    expect(md).toContain(
      '25.0% of the prompts have an fp32 answer step whose two best logits are within 0.5',
    );
    expect(md).toContain(`scheme \`${m.quantization.q4?.scheme}\``);
    expect(md).toContain('| murmur | systolic-murmur, diastolic-murmur, continuous-murmur | heart |');
    expect(renderExportReport(m, null, 'x')).toContain('Not measured in this export');
    const split = {
      ...parity,
      maxAbsLogitDiffByPosition: { audio: 1.5e-4, text: 7.3e-5 },
      audioTokens: { maxAbs: 80, maxAbsDiff: 2e-4 },
    };
    const md2 = renderExportReport(m, split, 'x');
    expect(md2).toContain('at text positions (every position holding a text token');
    expect(md2).toContain(': 7.30e-5; at audio-token positions: 1.50e-4.');
    expect(md2).toContain('reach |x| = 80.0 in tfjs and differ by up to 2.00e-4 (2.5e-6 of that)');
  });

  it('writes absolute paths without this machine layout: repo-relative, ~/ under home, else <first own folder>', () => {
    const at = { root: '/work/main', home: '/root' };
    expect(portablePath('/work/main/models/auscult-v1', at)).toBe('models/auscult-v1');
    expect(portablePath('/work/main', at)).toBe('.');
    expect(portablePath('/root/corpus', at)).toBe('~/corpus');
    expect(portablePath('/work/corpus2', at)).toBe('<corpus2>');
    expect(portablePath('/work/runs14/qat', at)).toBe('<runs14>/qat');
    expect(portablePath('/tmp/x/sweep.md', at)).toBe('<tmp>/x/sweep.md');
    expect(portablePath('/home/me/runs', { root: '/home/me/src/auscult', home: '/home/me' })).toBe('~/runs');
    const argv = [
      '--checkpoint',
      '/work/runs14/qat',
      '--out',
      'models/auscult-v1',
      '--parity=/work/bench2/test.jsonl',
      '--run',
      'v2=/work/runs4',
      '--case',
      'q4:*=4/32,lm_head=fp32',
      '--corpus',
      '~/corpus',
      '--url',
      'http://127.0.0.1:4173/x',
    ];
    const out = portableArgs(argv, at);
    expect(out).toEqual([
      '--checkpoint',
      '<runs14>/qat',
      '--out',
      'models/auscult-v1',
      '--parity=<bench2>/test.jsonl',
      '--run',
      'v2=<runs4>',
      '--case',
      'q4:*=4/32,lm_head=fp32',
      '--corpus',
      '~/corpus',
      '--url',
      'http://127.0.0.1:4173/x',
    ]);
    // as docs quote it: placeholders unquoted, arguments that needed quotes still quoted
    const line = docCommand([...argv, '--case', 'a b:*=4/32', '--out', '/work/scratch/my sweep.md'], at);
    expect(line).toBe(
      `--checkpoint <runs14>/qat --out models/auscult-v1 --parity=<bench2>/test.jsonl --run v2=<runs4> --case 'q4:*=4/32,lm_head=fp32' --corpus ~/corpus --url http://127.0.0.1:4173/x --case 'a b:*=4/32' --out '<scratch>/my sweep.md'`,
    );
    expect(line).not.toMatch(/\/work\/|\/root\//);
  });

  it('quotes arguments a shell would expand', () => {
    expect(shellCommand(['--q4-scheme', '*=4/32,lm_head=fp32', '--out', 'models/x', "it's"])).toBe(
      `--q4-scheme '*=4/32,lm_head=fp32' --out models/x 'it'\\''s'`,
    );
  });
});
