// `npm run export -- --checkpoint <dir> --out models/<id>` (a trained checkpoint) or `--random tiny|default --out <dir>`
// (random weights for fast tests): writes the ONNX model folder with its manifest.json.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PART_DTYPES, type ModelManifest, type PartDtype } from '../../src/core/manifest/manifest';
import { parseCli, runCli, UsageError, type CliValues } from '../cli/args';
import { calibrateFindings, scoreSplit, type ScoredRecording } from './calibrate';
import { fitFrameThresholds } from './frame-thresholds';
import {
  DEFAULT_EXPORT_OPTIONS,
  exportModel,
  updateManifest,
  type ExportInput,
  type ExportOptions,
  type QuantDtype,
} from './export';
import { fromCheckpoint, fromRandom, trainedQ4Scheme } from './inputs';
import { decoderHessians } from './hessians';
import { parseScheme, uniformScheme, usesGptq } from './onnx/scheme';
import { measureParity, sampleBench, type ParityResult } from './parity';
import { docCommand, renderExportReport } from './report';

const USAGE = `usage: npm run export -- (--checkpoint <dir> | --random tiny|default) --out models/<id> [flags]
  [--id <id>] [--dtypes fp32,q4,q8] [--default-dtype q4|q8|fp32|auto] [--block-size 32] [--quantize-lm-head] [--seed 1]
  [--q4-scheme '*=4/32,*.attn.*=8/32,lm_head=fp32'] [--q8-scheme ...]   per-weight storage: <glob>=fp32|<4|8>/<block>[/asym][/gptq],
                                                              last match wins (overrides --block-size/--quantize-lm-head)
  [--corpus <dir> --gptq-calibration <bench.jsonl> [--gptq-items 128]]  layer inputs for /gptq rules (use a train split)
  [--corpus <dir> --calibrate [--calibration-split val]]    fit findings temperatures, measure ECE
  [--corpus <dir> --parity <bench.jsonl> [--parity-items 64]] ONNX vs tfjs logits, q4/q8 vs fp32 greedy
  [--report docs/export.md]                                   write the generated report`;

const OPTIONS = {
  checkpoint: { type: 'string' },
  random: { type: 'string' },
  out: { type: 'string' },
  id: { type: 'string' },
  dtypes: { type: 'string' },
  'default-dtype': { type: 'string' },
  'block-size': { type: 'string' },
  'quantize-lm-head': { type: 'boolean' },
  'q4-scheme': { type: 'string' },
  'q8-scheme': { type: 'string' },
  seed: { type: 'string' },
  corpus: { type: 'string' },
  calibrate: { type: 'boolean' },
  'calibration-split': { type: 'string' },
  'gptq-calibration': { type: 'string' },
  'gptq-items': { type: 'string' },
  parity: { type: 'string' },
  'parity-items': { type: 'string' },
  report: { type: 'string' },
} as const;

type Args = CliValues<typeof OPTIONS>;

function exportOptions(a: Args, numLayers: number, trainedQ4?: string): ExportOptions {
  const dtypes = (a.dtypes?.split(',') ?? DEFAULT_EXPORT_OPTIONS.dtypes) as PartDtype[];
  for (const d of dtypes)
    if (!PART_DTYPES.includes(d))
      throw new Error(`--dtypes: unknown dtype '${d}' (known: ${PART_DTYPES.join(', ')})`);
  const blockSize = Number(a['block-size'] ?? 32);
  if (![16, 32, 64, 128].includes(blockSize))
    throw new Error(`--block-size must be 16, 32, 64 or 128, got ${a['block-size']}`);
  const wanted = a['default-dtype'] === 'auto' ? undefined : a['default-dtype'];
  if (a['default-dtype'] === 'auto' && !a.parity)
    throw new Error('--default-dtype auto chooses by measured parity: add --parity <bench.jsonl>');
  const defaultDtype = (wanted ?? (dtypes.includes('q4') ? 'q4' : dtypes[0])) as PartDtype;
  const lmHead = a['quantize-lm-head'] ?? false;
  const scheme = (d: QuantDtype, bits: 4 | 8) => {
    const text = a[`${d}-scheme`] ?? (d === 'q4' ? trainedQ4 : undefined);
    return text ? parseScheme(text, { numLayers }) : uniformScheme(bits, blockSize, lmHead);
  };
  return { dtypes, defaultDtype, schemes: { q4: scheme('q4', 4), q8: scheme('q8', 8) } };
}

async function main(): Promise<void> {
  const { values: a } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: OPTIONS,
    required: ['out'],
  });
  if (Boolean(a.checkpoint) === Boolean(a.random))
    throw new UsageError('give either --checkpoint or --random', USAGE);
  const id = a.id ?? path.basename(path.resolve(a.out));
  const input = a.checkpoint
    ? await fromCheckpoint(a.checkpoint, id)
    : fromRandom(a.random as string, id, Number(a.seed ?? 1));
  const started = Date.now();
  const trainedQ4 = trainedQ4Scheme(input);
  if (trainedQ4 && a['q4-scheme'] && a['q4-scheme'] !== trainedQ4)
    console.warn(
      `warning: the checkpoint was trained for q4 scheme ${trainedQ4}; --q4-scheme ${a['q4-scheme']} will not reproduce its weights`,
    );
  const opts = exportOptions(a, input.architecture.decoder.numLayers, trainedQ4);
  if (opts.dtypes.some((d) => d !== 'fp32' && usesGptq(opts.schemes[d])))
    opts.gptq = await gptqInputs(a, input);
  const manifest = await exportModel(input, a.out, opts);
  for (const f of manifest.files)
    console.log(`${f.path.padEnd(44)} ${(f.bytes / 1024).toFixed(1).padStart(9)} KiB`);
  const total = manifest.files.reduce((s, f) => s + f.bytes, 0);
  console.log(
    `${manifest.id}: ${manifest.files.length} files, ${(total / 1048576).toFixed(2)} MiB → ${a.out} (${Date.now() - started} ms)`,
  );
  await checks(a, input, manifest);
}

const MIN_AGREEMENT = 0.95;

/** Layer-input statistics for GPTQ rules from every k-th item (prompt + reference answer) of a bench file. */
async function gptqInputs(a: Args, input: ExportInput): Promise<ExportOptions['gptq']> {
  if (!a['gptq-calibration'] || !a.corpus)
    throw new UsageError('a /gptq scheme needs --corpus <dir> --gptq-calibration <bench.jsonl>', USAGE);
  const items = await sampleBench(a['gptq-calibration'], Number(a['gptq-items'] ?? 128));
  const started = Date.now();
  const h = await decoderHessians(input, items, a.corpus);
  console.log(
    `GPTQ calibration: ${h.items} items, ${h.tokens} tokens from ${a['gptq-calibration']} (${Date.now() - started} ms)`,
  );
  return {
    hessians: h.hessians,
    calibration: { source: path.basename(a['gptq-calibration']), items: h.items, tokens: h.tokens },
  };
}

/** Records each quantized decoder's measured greedy agreement in its manifest quantization entry. */
function withParity(m: ModelManifest, p: ParityResult): ModelManifest {
  const quantization = { ...m.quantization };
  for (const d of Object.keys(quantization) as QuantDtype[]) {
    const info = quantization[d];
    const greedy = p.greedyAgreement[d];
    if (!info || greedy === undefined) continue;
    quantization[d] = {
      ...info,
      parity: {
        items: p.items,
        maxNewTokens: p.maxNewTokens,
        greedyAgreement: greedy,
        prefixAgreement: p.prefixAgreement[d] ?? 0,
      },
    };
  }
  return { ...m, quantization };
}

/** The smallest decoder variant whose greedy answers match fp32's often enough (fp32 itself otherwise). */
function chooseDefaultDtype(m: ModelManifest, p: ParityResult): PartDtype {
  const size = (d: PartDtype): number =>
    m.files.find((f) => f.path === m.parts.decoder_model_merged[d])?.bytes ?? Infinity;
  const ok = (Object.keys(m.parts.decoder_model_merged) as PartDtype[]).filter(
    (d) => d === 'fp32' || (p.greedyAgreement[d] ?? 0) >= MIN_AGREEMENT,
  );
  return ok.sort((x, y) => size(x) - size(y))[0] ?? 'fp32';
}

/** Fits the frame-event thresholds on the scored split's annotated recordings and records them in the manifest. */
async function frameThresholds(
  dir: string,
  m: ModelManifest,
  scored: ScoredRecording[],
  split: string,
): Promise<ModelManifest> {
  const recs = scored.flatMap((r) => (r.frames ? [r.frames] : []));
  if (recs.length === 0) {
    console.warn(`frame-event thresholds: no ${split} recording has event annotations; left at the defaults`);
    return m;
  }
  const frameEvents = fitFrameThresholds(m.frameEvents!, recs, split);
  const fit = frameEvents.thresholdFit;
  frameEvents.channels.forEach((c, i) => {
    const x = fit.method === 'max-f1' ? fit.channels[i] : null;
    console.log(
      `frame events ${c.name}: threshold ${c.threshold} on ${split} (${recs.length} annotated recordings${x ? `, ${x.frames} frames, ${x.positives} positive): F1 ${x.f1.toFixed(3)}, precision ${x.precision.toFixed(3)}, recall ${x.recall.toFixed(3)}` : ')'}`,
    );
  });
  return updateManifest(dir, (old) => ({ ...old, frameEvents }));
}

/** Optional measurements after the export: calibration, parity, and the generated report. */
async function checks(a: Args, input: ExportInput, exported: ModelManifest): Promise<void> {
  let manifest = exported;
  if ((a.calibrate || a.parity) && !a.corpus)
    throw new UsageError('--calibrate and --parity need --corpus', USAGE);
  if (a.calibrate) {
    const fitted = manifest.findings.method === 'temperature' ? manifest.findings.temperature : undefined; // from training
    const split = a['calibration-split'] ?? 'val';
    const scored = await scoreSplit(a.out as string, manifest, a.corpus as string, split);
    const findings = await calibrateFindings(
      a.out as string,
      manifest,
      a.corpus as string,
      split,
      fitted,
      scored,
    );
    manifest = await updateManifest(a.out as string, (m) => ({
      ...m,
      findings: { ...m.findings, ...findings },
    }));
    const f = (x: number | null | undefined): string => (x == null ? 'n/a' : x.toFixed(4));
    const origin = fitted ? 'temperatures from the checkpoint' : 'temperatures fitted here';
    console.log(
      `findings calibration on ${findings.split} (${findings.recordings} recordings, ${origin}): ECE ${f(findings.eceUncalibrated)} → ${f(findings.ece)}`,
    );
    if (manifest.frameEvents) manifest = await frameThresholds(a.out as string, manifest, scored, split);
  }
  let parity: ParityResult | null = null;
  if (a.parity) {
    const items = await sampleBench(a.parity, Number(a['parity-items'] ?? 64));
    parity = await measureParity({
      modelDir: a.out as string,
      corpusDir: a.corpus as string,
      items,
      weights: a.checkpoint ? input.weights : undefined,
    });
    const pos = parity.maxAbsLogitDiffByPosition;
    console.log(
      `parity on ${parity.items} items: max|Δlogits| ${parity.maxAbsLogitDiff?.toExponential(2) ?? 'n/a'}${pos ? ` (text positions ${pos.text.toExponential(2)}, audio-token positions ${pos.audio.toExponential(2)})` : ''}, greedy agreement ${JSON.stringify(parity.greedyAgreement)}, tokens before divergence ${JSON.stringify(parity.prefixAgreement)}, near-tie prompts ${parity.nearTieShare?.toFixed(3)}, disagreements on near ties ${JSON.stringify(parity.disagreementsNearTie)}`,
    );
    manifest = await updateManifest(a.out as string, (m) => withParity(m, parity as ParityResult));
    if (a['default-dtype'] === 'auto') {
      const defaultDtype = chooseDefaultDtype(manifest, parity);
      manifest = await updateManifest(a.out as string, (m) => ({ ...m, defaultDtype }));
      console.log(
        `default dtype: ${defaultDtype} (smallest decoder whose greedy answers match fp32 on ≥ ${100 * MIN_AGREEMENT}% of items)`,
      );
    }
  }
  if (a.report) {
    await mkdir(path.dirname(path.resolve(a.report)), { recursive: true });
    await writeFile(
      a.report,
      `${renderExportReport(manifest, parity, `npm run export -- ${docCommand(process.argv.slice(2))}`)}\n`,
    );
    console.log(`report: ${a.report}`);
  }
}

runCli(main);
