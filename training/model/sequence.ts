// Turns instruction/response pairs into padded token batches: ids, next-token targets, response-only loss
// weights, and the selection that scatters each recording's audio tokens onto its <|audio|> positions.
import {
  AUDIO_TOKEN_ID,
  formatPrompt,
  SPECIAL_TOKENS,
  type PromptRecording,
} from '../../src/core/tasks/prompt';
import type { Tokenizer } from '../tokenizer/tokenizer';

const PAD_ID = SPECIAL_TOKENS.indexOf('<pad>');
const EOS_ID = SPECIAL_TOKENS.indexOf('</s>');

export interface Example {
  instruction: string;
  recordings: PromptRecording[];
  /** Reference answer (without </s>); undefined for generation prompts. */
  response?: string;
}

export interface Encoded {
  ids: number[];
  /** Number of prompt tokens (incl. BOS); the loss covers ids[promptLen..]. */
  promptLen: number;
  nRecordings: number;
}

/** Prompt ids (BOS + formatPrompt) followed by response ids + </s>, truncated to maxLen (response cut first). */
export function encodeExample(tok: Tokenizer, ex: Example, audioTokens: number, maxLen: number): Encoded {
  const prompt = tok.encode(
    formatPrompt({
      instruction: ex.instruction,
      recordings: ex.recordings,
      audioTokensPerRecording: audioTokens,
    }),
  );
  if (prompt.length >= maxLen)
    throw new Error(`prompt of ${prompt.length} tokens does not fit maxSeqLen ${maxLen}`);
  const resp =
    ex.response === undefined ? [] : [...tok.encode(ex.response.trim(), { addBos: false }), EOS_ID];
  return {
    ids: [...prompt, ...resp].slice(0, maxLen),
    promptLen: prompt.length,
    nRecordings: ex.recordings.length,
  };
}

export interface SeqBatch {
  B: number;
  S: number;
  ids: Int32Array;
  targets: Int32Array;
  weights: Float32Array;
  /** 1 where the input id is <|audio|> (its text embedding is replaced). */
  isAudio: Float32Array;
  /** [B, S, maxRec·audioTokens]: position s takes audio token j of its example. */
  audioSel: Float32Array;
  /** [B, maxRec]: index of each example's recordings in the batch's recording list (0 = unused slot). */
  recIndex: Int32Array;
  maxRec: number;
}

/**
 * Packs encoded examples; `recStart[b]` is the index of example b's first recording in the batch's
 * recordings (its recordings are consecutive). S is the longest sequence.
 */
export function packBatch(enc: Encoded[], recStart: number[], audioTokens: number): SeqBatch {
  const B = enc.length;
  const S = Math.max(...enc.map((e) => e.ids.length));
  const maxRec = Math.max(1, ...enc.map((e) => e.nRecordings));
  const A = maxRec * audioTokens;
  const b0 = {
    ids: new Int32Array(B * S).fill(PAD_ID),
    targets: new Int32Array(B * S),
    weights: new Float32Array(B * S),
  };
  const isAudio = new Float32Array(B * S);
  const audioSel = new Float32Array(B * S * A);
  const recIndex = new Int32Array(B * maxRec);
  enc.forEach((e, b) => {
    let j = 0;
    for (let s = 0; s < e.ids.length; s++) {
      const id = e.ids[s];
      b0.ids[b * S + s] = id;
      if (s + 1 < e.ids.length) {
        b0.targets[b * S + s] = e.ids[s + 1];
        if (s + 1 >= e.promptLen) b0.weights[b * S + s] = 1;
      }
      if (id === AUDIO_TOKEN_ID) {
        if (j >= e.nRecordings * audioTokens)
          throw new Error('more <|audio|> tokens than recordings × audioTokens');
        isAudio[b * S + s] = 1;
        audioSel[(b * S + s) * A + j++] = 1;
      }
    }
    if (j !== e.nRecordings * audioTokens)
      throw new Error(`expected ${e.nRecordings * audioTokens} audio tokens, found ${j}`);
    for (let r = 0; r < e.nRecordings; r++) recIndex[b * maxRec + r] = recStart[b] + r;
  });
  return { B, S, ...b0, isAudio, audioSel, recIndex, maxRec };
}
