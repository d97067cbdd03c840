// Mixed-precision quantization schemes: which storage (fp32, or MatMulNBits bits/block, symmetric or with zero points)
// each decoder linear weight gets, as ordered glob rules over weight names such as `layers.0.attn.q` or `lm_head`.
import type { DecoderSpec } from '../../../src/core/manifest/architecture';
import type { QuantBits } from './quantize';

/** How one linear weight is stored: plain float MatMul, or block-quantized MatMulNBits (zero points when asymmetric). */
export type LinearMode =
  | { kind: 'fp32' }
  | {
      kind: 'nbits';
      bits: QuantBits;
      blockSize: number;
      asymmetric: boolean;
      /** GPTQ from calibration inputs (onnx/gptq.ts) instead of rounding; `actOrder`: most active inputs first. */
      gptq?: boolean;
      actOrder?: boolean;
    };

/** `pattern` is a glob over linear names (`*` matches any run of characters); the last matching rule wins. */
export interface QuantRule {
  pattern: string;
  mode: LinearMode;
}
export type QuantScheme = QuantRule[];

const ATTN = ['q', 'k', 'v', 'o'] as const;
const MLP = ['gate', 'up', 'down'] as const;

/** Every linear weight of the decoder, in graph order (the LM head last). */
export function linearNames(spec: Pick<DecoderSpec, 'numLayers'>): string[] {
  const names: string[] = [];
  for (let i = 0; i < spec.numLayers; i++) {
    for (const p of ATTN) names.push(`layers.${i}.attn.${p}`);
    for (const p of MLP) names.push(`layers.${i}.mlp.${p}`);
  }
  return [...names, 'lm_head'];
}

function globRegExp(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/** Whether any rule quantizes with GPTQ (the export then needs calibration inputs). */
export function usesGptq(scheme: QuantScheme): boolean {
  return scheme.some((r) => r.mode.kind === 'nbits' && r.mode.gptq === true);
}

/** The mode of one weight under a scheme (fp32 when no rule matches). */
export function modeFor(scheme: QuantScheme, name: string): LinearMode {
  let mode: LinearMode = { kind: 'fp32' };
  for (const r of scheme) if (globRegExp(r.pattern).test(name)) mode = r.mode;
  return mode;
}

function formatMode(m: LinearMode): string {
  return m.kind === 'fp32'
    ? 'fp32'
    : `${m.bits}/${m.blockSize}${m.asymmetric ? '/asym' : ''}${m.gptq ? (m.actOrder ? '/gptq-act' : '/gptq') : ''}`;
}

function parseMode(text: string, rule: string): LinearMode {
  if (text === 'fp32') return { kind: 'fp32' };
  const m = /^(4|8)\/(\d+)(\/asym)?(\/gptq(-act)?)?$/.exec(text);
  const block = Number(m?.[2]);
  if (!m || block < 16 || (block & (block - 1)) !== 0)
    throw new Error(
      `quantization rule '${rule}': mode must be fp32 or <4|8>/<block, a power of two ≥ 16>[/asym][/gptq|/gptq-act], e.g. 4/32, 8/32/asym or 4/32/gptq`,
    );
  const mode: LinearMode = {
    kind: 'nbits',
    bits: Number(m[1]) as QuantBits,
    blockSize: block,
    asymmetric: Boolean(m[3]),
  };
  if (!m[4]) return mode;
  return m[5] ? { ...mode, gptq: true, actOrder: true } : { ...mode, gptq: true };
}

/** `*=4/32,*.attn.v=8/32,lm_head=fp32` → rules; every pattern must match some weight of `spec` (typos fail loudly). */
export function parseScheme(text: string, spec?: Pick<DecoderSpec, 'numLayers'>): QuantScheme {
  const names = spec ? linearNames(spec) : undefined;
  return text
    .split(',')
    .filter(Boolean)
    .map((rule) => {
      const eq = rule.indexOf('=');
      if (eq <= 0) throw new Error(`quantization rule '${rule}' must be <glob>=<mode>, e.g. *.mlp.*=4/32`);
      const pattern = rule.slice(0, eq).trim();
      if (names && !names.some((n) => globRegExp(pattern).test(n)))
        throw new Error(
          `quantization rule '${rule}' matches no decoder weight (names: ${names.slice(0, 8).join(', ')}, …, lm_head)`,
        );
      return { pattern, mode: parseMode(rule.slice(eq + 1).trim(), rule) };
    });
}

export function formatScheme(scheme: QuantScheme): string {
  return scheme.map((r) => `${r.pattern}=${formatMode(r.mode)}`).join(',');
}

/** The plain scheme: every layer weight at `bits`/`blockSize`, the LM head fp32 unless `quantizeLmHead`. */
export function uniformScheme(bits: QuantBits, blockSize: number, quantizeLmHead: boolean): QuantScheme {
  const mode: LinearMode = { kind: 'nbits', bits, blockSize, asymmetric: false };
  return [
    { pattern: '*', mode },
    { pattern: 'lm_head', mode: quantizeLmHead ? mode : { kind: 'fp32' } },
  ];
}

/** Storage bits per weight of a scheme over a decoder (codes + fp32 scales + zero points), and the share kept fp32. */
export function schemeBits(
  scheme: QuantScheme,
  spec: DecoderSpec,
): { bitsPerWeight: number; fp32Share: number } {
  const { hiddenSize: D, numHeads: H, numKvHeads: KV, headDim: hd, intermediateSize: I, vocabSize: V } = spec;
  const shape: Record<string, [number, number]> = {
    q: [D, H * hd],
    k: [D, KV * hd],
    v: [D, KV * hd],
    o: [H * hd, D],
    gate: [D, I],
    up: [D, I],
    down: [I, D],
  };
  let bits = 0;
  let weights = 0;
  let fp32 = 0;
  for (const name of linearNames(spec)) {
    const [k, n] = name === 'lm_head' ? [D, V] : shape[name.split('.').pop() as string];
    const m = modeFor(scheme, name);
    weights += k * n;
    if (m.kind === 'fp32') {
      bits += 32 * k * n;
      fp32 += k * n;
      continue;
    }
    const blocks = n * Math.ceil(k / m.blockSize);
    bits += blocks * (m.blockSize * m.bits + 32 + (m.asymmetric ? m.bits : 0));
  }
  return { bitsPerWeight: bits / weights, fp32Share: fp32 / weights };
}
