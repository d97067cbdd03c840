// Byte-level BPE (GPT-2 style): byte↔unicode alphabet, the GPT-2 pre-tokenizer regex, a merge trainer and an
// encoder/decoder that match Hugging Face `tokenizers` (ByteLevel pre-tokenizer + BPE model + ByteLevel decoder).

/** GPT-2's pre-tokenization pattern, as used by HF's ByteLevel pre-tokenizer with use_regex=true. */
export const GPT2_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/** GPT-2's reversible map from the 256 byte values to printable unicode characters. */
export function bytesToUnicode(): string[] {
  const keep: number[] = [];
  for (let b = 33; b <= 126; b++) keep.push(b);
  for (let b = 161; b <= 172; b++) keep.push(b);
  for (let b = 174; b <= 255; b++) keep.push(b);
  const table: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    if (keep.includes(b)) table[b] = String.fromCharCode(b);
    else table[b] = String.fromCharCode(256 + extra++);
  }
  return table;
}

const BYTE_CHARS = bytesToUnicode();
const CHAR_BYTES = new Map(BYTE_CHARS.map((c, b) => [c, b]));
const utf8 = new TextEncoder();
const utf8d = new TextDecoder('utf-8', { fatal: false });

/** Splits text into pre-tokens and maps each to its byte-alphabet string. */
export function preTokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(GPT2_PATTERN)) {
    let s = '';
    for (const b of utf8.encode(m[0])) s += BYTE_CHARS[b];
    out.push(s);
  }
  return out;
}

/** Inverse of the byte alphabet: token strings back to text. */
export function byteLevelDecode(tokens: string[]): string {
  const bytes: number[] = [];
  for (const t of tokens) for (const ch of t) bytes.push(CHAR_BYTES.get(ch) ?? 63);
  return utf8d.decode(Uint8Array.from(bytes));
}

export interface BpeModel {
  /** token string → id (specials first, then the 256 byte characters, then merges in rank order). */
  vocab: Map<string, number>;
  /** Merges in rank order, each "left right". */
  merges: [string, string][];
}

/** Applies merges to one pre-token (lowest rank first), returning its token strings. */
export function bpeWord(word: string, ranks: Map<string, number>): string[] {
  let parts = Array.from(word);
  while (parts.length > 1) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i < parts.length - 1; i++) {
      const r = ranks.get(parts[i] + ' ' + parts[i + 1]);
      if (r !== undefined && r < bestRank) [best, bestRank] = [i, r];
    }
    if (best < 0) break;
    parts = mergeParts(parts, parts[best], parts[best + 1]);
  }
  return parts;
}

function countPairs(words: Map<string, { parts: string[]; n: number }>): Map<string, number> {
  const pairs = new Map<string, number>();
  for (const { parts, n } of words.values())
    for (let i = 0; i < parts.length - 1; i++) {
      const k = parts[i] + ' ' + parts[i + 1];
      pairs.set(k, (pairs.get(k) ?? 0) + n);
    }
  return pairs;
}

function bestPair(pairs: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestN = 1; // a pair seen once is not worth a token
  for (const [k, n] of pairs)
    if (n > bestN || (n === bestN && best !== undefined && k < best)) [best, bestN] = [k, n];
  return best;
}

/**
 * Trains merges on `texts` until the vocabulary (specials + 256 bytes + merges) reaches `vocabSize` or no
 * pair occurs twice. Ties break on the lexicographically smaller pair so training is deterministic.
 */
export function trainBpe(texts: Iterable<string>, vocabSize: number, specials: readonly string[]): BpeModel {
  const words = new Map<string, { parts: string[]; n: number }>();
  for (const t of texts)
    for (const w of preTokenize(t)) {
      const e = words.get(w);
      if (e) e.n++;
      else words.set(w, { parts: Array.from(w), n: 1 });
    }
  const vocab = new Map<string, number>();
  for (const s of specials) vocab.set(s, vocab.size);
  for (const c of BYTE_CHARS) vocab.set(c, vocab.size);
  const merges: [string, string][] = [];
  while (vocab.size < vocabSize) {
    const pair = bestPair(countPairs(words));
    if (!pair) break;
    const [a, b] = pair.split(' ');
    merges.push([a, b]);
    vocab.set(a + b, vocab.size);
    for (const w of words.values()) if (w.parts.length > 1) w.parts = mergeParts(w.parts, a, b);
  }
  return { vocab, merges };
}

/** Merges every left-to-right occurrence of the pair (a, b). */
function mergeParts(parts: string[], a: string, b: string): string[] {
  const next: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i < parts.length - 1 && parts[i] === a && parts[i + 1] === b) {
      next.push(a + b);
      i++;
    } else next.push(parts[i]);
  }
  return next;
}
