// `npm run synth -- --condition aortic-stenosis --out x.wav [--seed 1 --duration 10 --rate 4000 --site AV ...]`:
// renders one synthesized recording (or --all into a folder) as 16-bit WAV plus its labels as JSON beside it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeWav16 } from '../../src/core/audio/wav';
import { parseCli, runCli, UsageError, type CliValues } from '../cli/args';
import { renderSynthDoc } from './doc';
import type { Site } from '../../src/core/clinical/schema';
import {
  DEVICES,
  SYNTH_CONDITIONS,
  isSynthCondition,
  synthesizeCondition,
  type DeviceName,
  type NuisanceOptions,
  type SynthCondition,
} from '../../src/core/synth';

const USAGE = `usage: npm run synth -- --condition <name> --out <file.wav> [--seed 1] [--duration 10] [--rate 4000] [--site AV]
  [--device ${DEVICES.join('|')}] [--snr <dB>] [--friction <bursts/s>] [--handling <n>] [--heart-under-lung=<dB>]
  [--gain=<dB>] [--clip <0..1 of the peak>]   (negative numbers need the --key=value form)
  npm run synth -- --all <dir> [same options]   one WAV + labels per condition
  npm run synth -- --list                       print the condition names
  npm run synth -- --doc docs/synth.md          regenerate the synthesizer documentation`;

const OPTIONS = {
  condition: { type: 'string' },
  out: { type: 'string' },
  all: { type: 'string' },
  list: { type: 'boolean' },
  doc: { type: 'string' },
  seed: { type: 'string', default: '1' },
  duration: { type: 'string', default: '10' },
  rate: { type: 'string', default: '4000' },
  site: { type: 'string' },
  device: { type: 'string' },
  snr: { type: 'string' },
  friction: { type: 'string' },
  handling: { type: 'string' },
  'heart-under-lung': { type: 'string' },
  gain: { type: 'string' },
  clip: { type: 'string' },
} as const;

type Values = CliValues<typeof OPTIONS>;

function num(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`--${name} must be a number in [${min}, ${max}], got '${v}'`);
  return n;
}

function nuisancesOf(a: Values): NuisanceOptions | undefined {
  if (a.device !== undefined && !(DEVICES as string[]).includes(a.device))
    throw new Error(`--device must be one of ${DEVICES.join(', ')}`);
  const o: NuisanceOptions = {
    device: a.device as DeviceName | undefined,
    ambientSnrDb: num(a.snr, 'snr', -20, 80),
    frictionPerS: num(a.friction, 'friction', 0, 10),
    handlingBumps: num(a.handling, 'handling', 0, 100),
    heartUnderLungDb: num(a['heart-under-lung'], 'heart-under-lung', -60, 20),
    gainDb: num(a.gain, 'gain', -60, 40),
    clipLevel: num(a.clip, 'clip', 0.01, 1),
  };
  return Object.values(o).some((v) => v !== undefined) ? o : undefined;
}

function render(condition: SynthCondition, file: string, a: Values): void {
  const r = synthesizeCondition(condition, {
    seed: num(a.seed, 'seed', 0, 2 ** 32 - 1) ?? 1,
    durationS: num(a.duration, 'duration', 0.5, 600) ?? 10,
    sampleRateHz: num(a.rate, 'rate', 1000, 96000) ?? 4000,
    site: a.site as Site | undefined,
    nuisances: nuisancesOf(a),
  });
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, encodeWav16(r.samples, r.sampleRateHz));
  const json = file.replace(/\.wav$/i, '') + '.json';
  writeFileSync(json, JSON.stringify({ condition, ...r.labels, nuisances: r.nuisances }, null, 1) + '\n');
  const f = r.labels.findings.join(', ');
  console.log(`${file}: ${condition} at ${r.labels.site}, ${r.labels.events.length} events, findings: ${f}`);
}

function main(): void {
  const { values: a } = parseCli(process.argv.slice(2), { usage: USAGE, options: OPTIONS });
  if (a.list) return console.log(SYNTH_CONDITIONS.join('\n'));
  if (a.doc !== undefined) return writeFileSync(a.doc, renderSynthDoc());
  if (a.all !== undefined) {
    for (const c of SYNTH_CONDITIONS) render(c, path.join(a.all, `${c}.wav`), a);
    return;
  }
  if (!a.condition || !a.out) throw new UsageError('--condition and --out are required', USAGE);
  if (!isSynthCondition(a.condition))
    throw new Error(`unknown condition '${a.condition}'; run with --list to see them`);
  render(a.condition, a.out, a);
}

runCli(main);
