// Quantization sensitivity: greedy agreement with fp32 of decoders quantized by many schemes (one part at a time,
// block sizes, zero points, mixed precision), to choose a q4 scheme by measurement. `tsx training/export/sweep.ts --help`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DecoderSpec } from '../../src/core/manifest/architecture';
import { exportModel } from './export';
import { fromCheckpoint } from './inputs';
import { buildDecoder } from './onnx/decoder';
import { parseScheme, schemeBits, usesGptq } from './onnx/scheme';
import { decoderHessians } from './hessians';
import { OrtModel } from './ort-model';
import { greedyAgreement, greedyReference, sampleBench } from './parity';
import { docCommand } from './report';

export interface SweepCase {
  name: string;
  scheme: string;
}

export interface SweepRow extends SweepCase {
  bitsPerWeight: number;
  decoderBytes: number;
  greedy: number;
  prefix: number;
}

const PARTS = ['attn.q', 'attn.k', 'attn.v', 'attn.o', 'mlp.gate', 'mlp.up', 'mlp.down'];

/** GPTQ variants (need calibration inputs): q4 and q8, block 16, 8-bit attention. */
export const GPTQ_CASES: SweepCase[] = [
  { name: 'q4 GPTQ', scheme: '*=4/32/gptq,lm_head=fp32' },
  { name: 'q4 GPTQ zero points', scheme: '*=4/32/asym/gptq,lm_head=fp32' },
  { name: 'q4 GPTQ block 16', scheme: '*=4/16/gptq,lm_head=fp32' },
  { name: 'q4 GPTQ, attention 8/32 GPTQ', scheme: '*=4/32/gptq,*.attn.*=8/32/gptq,lm_head=fp32' },
  { name: 'q8 GPTQ', scheme: '*=8/32/gptq,lm_head=fp32' },
];

/**
 * The default experiment: uniform schemes, one part (or layer) at 4 bits with the rest fp32, q4 with one part at 8
 * bits, and (with calibration inputs) the GPTQ variants.
 */
export function defaultCases(spec: Pick<DecoderSpec, 'numLayers'>, gptq = false): SweepCase[] {
  const q4 = '*=4/32,lm_head=fp32';
  const layers = Array.from({ length: spec.numLayers }, (_, i) => i);
  return [
    { name: 'q8 (8/32)', scheme: '*=8/32,lm_head=fp32' },
    { name: 'q4 (4/32)', scheme: q4 },
    { name: 'q4, LM head 4/32 too', scheme: '*=4/32' },
    { name: 'q4 block 16', scheme: '*=4/16,lm_head=fp32' },
    { name: 'q4 zero points', scheme: '*=4/32/asym,lm_head=fp32' },
    { name: 'q4 block 16 zero points', scheme: '*=4/16/asym,lm_head=fp32' },
    ...PARTS.map((p) => ({ name: `only ${p} 4/32`, scheme: `*.${p}=4/32` })),
    ...layers.map((i) => ({ name: `only layer ${i} 4/32`, scheme: `layers.${i}.*=4/32` })),
    ...PARTS.map((p) => ({ name: `q4, ${p} 8/32`, scheme: `${q4},*.${p}=8/32` })),
    { name: 'q4, attention 8/32', scheme: `${q4},*.attn.*=8/32` },
    { name: 'q4, MLP 8/32', scheme: `${q4},*.mlp.*=8/32` },
    ...(gptq ? GPTQ_CASES : []),
  ];
}

/** Agreement of every case with fp32 on `items` (decoders built in memory from the checkpoint weights). */
export async function runSweep(opts: {
  checkpoint: string;
  corpusDir: string;
  bench: string;
  items: number;
  cases?: SweepCase[];
  log?: (s: string) => void;
  /** Bench file + item count whose prompts and reference answers give GPTQ its layer inputs. */
  calibration?: { bench: string; items: number };
}): Promise<SweepRow[]> {
  const input = await fromCheckpoint(opts.checkpoint, 'sweep');
  const spec = input.architecture.decoder;
  const cases = opts.cases ?? defaultCases(spec, Boolean(opts.calibration));
  let hessians: ReadonlyMap<string, Float64Array> | undefined;
  if (cases.some((c) => usesGptq(parseScheme(c.scheme, spec)))) {
    if (!opts.calibration) throw new Error('GPTQ cases need --calibration <bench.jsonl>');
    const h = await decoderHessians(
      input,
      await sampleBench(opts.calibration.bench, opts.calibration.items),
      opts.corpusDir,
    );
    opts.log?.(`GPTQ calibration: ${h.items} items, ${h.tokens} tokens from ${opts.calibration.bench}`);
    hessians = h.hessians;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'auscult-sweep-'));
  try {
    await exportModel(input, dir, { dtypes: ['fp32'], defaultDtype: 'fp32', schemes: { q4: [], q8: [] } });
    const fp32 = await OrtModel.load(dir, 'fp32');
    const items = await sampleBench(opts.bench, opts.items);
    const { ref } = await greedyReference(fp32, { modelDir: dir, corpusDir: opts.corpusDir, items });
    await fp32.release();
    const rows: SweepRow[] = [];
    for (const c of cases) {
      const scheme = parseScheme(c.scheme, spec);
      const bytes = buildDecoder(spec, input.weights, scheme, { hessians });
      const m = await OrtModel.load(dir, 'fp32', bytes);
      const a = await greedyAgreement(m, ref);
      await m.release();
      const row = {
        ...c,
        bitsPerWeight: schemeBits(scheme, spec).bitsPerWeight,
        decoderBytes: bytes.length,
        ...a,
      };
      opts.log?.(
        `${row.name.padEnd(28)} ${row.scheme.padEnd(40)} ${row.bitsPerWeight.toFixed(2).padStart(6)} b/w  greedy ${(100 * row.greedy).toFixed(1)}%  prefix ${(100 * row.prefix).toFixed(1)}%`,
      );
      rows.push(row);
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function renderSweep(rows: SweepRow[], items: number, command: string): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  return [
    '# Quantization sensitivity',
    '',
    `Generated by \`${command}\`; do not edit by hand.`,
    '',
    `Greedy answers (≤ 48 tokens) of decoders quantized by each scheme, compared with fp32's on ${items} bench prompts. ` +
      'A scheme is a list of `<glob over weight names>=<fp32 | bits/block[/asym][/gptq|/gptq-act]>` rules, the last match winning; weights no rule matches stay fp32. ' +
      'Bits per weight count codes, fp32 scales and zero points over all decoder linear weights (LM head included).',
    '',
    '| case | scheme | bits/weight | decoder | identical answers | tokens before divergence |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | \`${r.scheme}\` | ${r.bitsPerWeight.toFixed(2)} | ${(r.decoderBytes / 1024).toFixed(0)} KiB | ${pct(r.greedy)} | ${pct(r.prefix)} |`,
    ),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values: a } = parseArgs({
    options: {
      checkpoint: { type: 'string' },
      corpus: { type: 'string' },
      bench: { type: 'string' },
      items: { type: 'string' },
      case: { type: 'string', multiple: true },
      out: { type: 'string' },
      calibration: { type: 'string' },
      'calibration-items': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (a.help || !a.checkpoint || !a.corpus || !a.bench)
    throw new Error(
      "usage: tsx training/export/sweep.ts --checkpoint <dir> --corpus <dir> --bench <split.jsonl> [--items 128] [--case 'name:<scheme>' ...] [--calibration <train.jsonl> [--calibration-items 128]] [--out report.md]",
    );
  const cases = a.case?.map((c) => ({
    name: c.slice(0, c.indexOf(':')),
    scheme: c.slice(c.indexOf(':') + 1),
  }));
  const items = Number(a.items ?? 128);
  const calibration = a.calibration
    ? { bench: a.calibration, items: Number(a['calibration-items'] ?? 128) }
    : undefined;
  const rows = await runSweep({
    checkpoint: a.checkpoint,
    corpusDir: a.corpus,
    bench: a.bench,
    items,
    cases,
    calibration,
    log: console.log,
  });
  if (a.out) {
    await writeFile(
      a.out,
      renderSweep(rows, items, `npx tsx training/export/sweep.ts ${docCommand(process.argv.slice(2))}`),
    );
    await writeFile(a.out.replace(/\.md$/, '') + '.json', `${JSON.stringify(rows, null, 2)}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'sweep.ts'))
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
