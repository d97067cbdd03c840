// The model's architecture as a typed object: training builds it, the exporter writes it, the manifest carries it.
// Checkpoint weight names and layouts are fixed here so training (tfjs) and export (ONNX) cannot drift apart.

/**
 * Audio encoder over one window of log-mel features [nMels, windowFrames] (see src/core/features).
 * 1. Normalisation (`norm`):
 *    - 'window' (default; older manifests): instance norm over the whole window, x = (x − mean) / sqrt(var + 1e-5),
 *      mean and var as means of per-mel means (gain invariance).
 *    - 'band': per-mel-band normalisation for channel invariance. First a floor `floorNepers` below the loudest band's
 *      mean (x = max(x, max_m mean_t x[m] − floorNepers); 0 = no floor), so bands a device or sample rate never
 *      captured sit at one constant. Then each band's own mean over time is removed (a fixed filter or device
 *      response is an additive constant per band in the log domain, so it cancels), and the window is divided by
 *      sqrt(var + 1e-5), var the mean over bands of each band's mean square (relative loudness across bands of the
 *      sound's modulation is kept). An empty band becomes exactly 0.
 * 2. Conv1d stack over time with mels as input channels; conv i: kernel `kernel`, stride 2,
 *    zero padding floor(kernel/2) on both sides, bias, then SiLU.  T -> floor((T - 1) / 2) + 1 per layer.
 * 3. Output: frames [T', channels[last]] in time order (T' = windowFrames / 2^layers).
 * Weights: `enc.conv{i}.weight` [kernel, Cin, Cout] (tfjs conv1d layout), `enc.conv{i}.bias` [Cout].
 */
export interface EncoderSpec {
  nMels: number;
  windowFrames: number;
  kernel: number;
  channels: number[];
  /** Input normalisation (above); absent = 'window'. */
  norm?: EncoderNorm;
  /** 'band' only: the floor in nepers below the loudest band's mean (0 or absent = no floor). */
  floorNepers?: number;
}

export const ENCODER_NORMS = ['window', 'band'] as const;
export type EncoderNorm = (typeof ENCODER_NORMS)[number];

/**
 * Projector: groups `framesPerToken` consecutive encoder frames (concatenated, time-major) into one vector,
 * then Linear -> SiLU -> Linear to the LM width: audioTokens = T' / framesPerToken, time-ordered.
 * Weights: `proj.fc1.weight` [framesPerToken*C, hidden], `proj.fc1.bias`, `proj.fc2.weight` [hidden, D], `proj.fc2.bias`.
 */
export interface ProjectorSpec {
  framesPerToken: number;
  hidden: number;
}

/**
 * Findings heads on the encoder: mean- and max-pool over frames (concatenated, [2C]) -> Linear -> sigmoid per
 * finding label in `labels` order. Weights: `heads.weight` [2C, labels.length], `heads.bias` [labels.length].
 * Calibration (temperature per label) lives in the manifest, not in the weights.
 */
export interface HeadsSpec {
  labels: string[];
}

/**
 * Llama-style decoder: RMSNorm (eps), rotary positions (theta, half-split rotation as in HF Llama), causal
 * multi-head attention (numKvHeads may be < numHeads: grouped-query), SwiGLU MLP, final RMSNorm, LM head.
 * All linear weights are [in, out] (y = x @ W), no biases.
 * Weights: `embed.weight` [vocab, D]; per layer i: `layers.{i}.attn_norm.weight` [D], `layers.{i}.attn.q.weight`
 * [D, H*hd], `.k.weight` / `.v.weight` [D, KV*hd], `.o.weight` [H*hd, D], `layers.{i}.mlp_norm.weight` [D],
 * `layers.{i}.mlp.gate.weight` / `.up.weight` [D, I], `.down.weight` [I, D]; `final_norm.weight` [D];
 * `lm_head.weight` [D, vocab] unless tieEmbeddings (then logits = h @ embed.weightᵀ).
 */
export interface DecoderSpec {
  vocabSize: number;
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  numKvHeads: number;
  headDim: number;
  intermediateSize: number;
  maxPositions: number;
  ropeTheta: number;
  rmsNormEps: number;
  tieEmbeddings: boolean;
}

export interface ModelArchitecture {
  encoder: EncoderSpec;
  projector: ProjectorSpec;
  heads: HeadsSpec;
  decoder: DecoderSpec;
}

/** Audio tokens one recording window becomes. */
export function audioTokensPerWindow(a: Pick<ModelArchitecture, 'encoder' | 'projector'>): number {
  const frames = a.encoder.channels.reduce((t) => Math.floor((t - 1) / 2) + 1, a.encoder.windowFrames);
  return Math.floor(frames / a.projector.framesPerToken);
}

/** Encoder frames after the stride-2 conv stack for one window (T' above). */
export function encoderFrames(e: EncoderSpec): number {
  return e.channels.reduce((t) => Math.floor((t - 1) / 2) + 1, e.windowFrames);
}
