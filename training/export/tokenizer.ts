// Tokenizer files for exported models: the checkpoint's tokenizer.json as-is, or (random models) a merge-free
// byte-level tokenizer built with training/tokenizer so both share one implementation.
import { SPECIAL_TOKENS } from '../../src/core/tasks/prompt';
import { bytesToUnicode } from '../tokenizer/bpe';
import { Tokenizer } from '../tokenizer/tokenizer';

/** Specials (ids 0..6) then the 256 byte symbols; no merges. */
export function byteLevelTokenizer(): Tokenizer {
  const vocab = new Map<string, number>(SPECIAL_TOKENS.map((t, i) => [t, i]));
  bytesToUnicode().forEach((c) => vocab.set(c, vocab.size));
  return new Tokenizer({ vocab, merges: [] });
}

/** Vocabulary size of a tokenizer.json (largest id in the model vocab or added tokens, plus one). */
export function tokenizerJsonVocabSize(json: string): number {
  const tok = JSON.parse(json) as {
    model: { vocab: Record<string, number> };
    added_tokens?: { id: number }[];
  };
  const ids = [...Object.values(tok.model.vocab), ...(tok.added_tokens ?? []).map((t) => t.id)];
  return Math.max(...ids) + 1;
}
