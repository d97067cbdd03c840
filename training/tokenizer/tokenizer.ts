// Auscult's tokenizer: byte-level BPE with the shared special tokens (ids 0..6), saved in Hugging Face
// tokenizer.json form so transformers.js in the app encodes exactly as training did.
import { BOS_TOKEN, EOS_TOKEN, SPECIAL_TOKENS } from '../../src/core/tasks/prompt';
import { bpeWord, byteLevelDecode, preTokenize, trainBpe, type BpeModel } from './bpe';

const BOS_ID = SPECIAL_TOKENS.indexOf(BOS_TOKEN);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SPECIAL_RE = new RegExp(
  `(${[...SPECIAL_TOKENS]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')})`,
);

export class Tokenizer {
  readonly vocab: Map<string, number>;
  readonly merges: [string, string][];
  private readonly ranks: Map<string, number>;
  private readonly idToToken: string[];
  private readonly cache = new Map<string, number[]>();

  constructor(model: BpeModel) {
    this.vocab = model.vocab;
    this.merges = model.merges;
    this.ranks = new Map(model.merges.map(([a, b], i) => [`${a} ${b}`, i]));
    this.idToToken = [];
    for (const [t, id] of model.vocab) this.idToToken[id] = t;
    SPECIAL_TOKENS.forEach((s, i) => {
      if (model.vocab.get(s) !== i) throw new Error(`special token ${s} must have id ${i}`);
    });
  }

  get vocabSize(): number {
    return this.idToToken.length;
  }

  /** Encodes text; special tokens in the text become their ids. `addBos` mirrors the post-processor (default true). */
  encode(text: string, opts: { addBos?: boolean } = {}): number[] {
    const ids: number[] = opts.addBos === false ? [] : [BOS_ID];
    for (const piece of text.split(SPECIAL_RE)) {
      if (!piece) continue;
      const special = SPECIAL_TOKENS.indexOf(piece as (typeof SPECIAL_TOKENS)[number]);
      if (special >= 0) ids.push(special);
      else for (const w of preTokenize(piece)) ids.push(...this.encodeWord(w));
    }
    return ids;
  }

  private encodeWord(w: string): number[] {
    let ids = this.cache.get(w);
    if (!ids) {
      ids = bpeWord(w, this.ranks).map((t) => this.vocab.get(t)!);
      if (this.cache.size < 100_000) this.cache.set(w, ids);
    }
    return ids;
  }

  /** Decodes ids; special tokens are dropped when `skipSpecial` (default false). */
  decode(ids: number[], opts: { skipSpecial?: boolean } = {}): string {
    let out = '';
    let run: string[] = [];
    for (const id of ids) {
      const t = this.idToToken[id] ?? '';
      if (id < SPECIAL_TOKENS.length) {
        out += byteLevelDecode(run);
        run = [];
        if (!opts.skipSpecial) out += t;
      } else run.push(t);
    }
    return out + byteLevelDecode(run);
  }

  /** The HF `tokenizer.json` object. */
  toHF(): Record<string, unknown> {
    return {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: SPECIAL_TOKENS.map((content, id) => ({
        id,
        content,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      })),
      normalizer: null,
      pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
      post_processor: {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: BOS_TOKEN, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
        pair: [
          { SpecialToken: { id: BOS_TOKEN, type_id: 0 } },
          { Sequence: { id: 'A', type_id: 0 } },
          { Sequence: { id: 'B', type_id: 1 } },
        ],
        special_tokens: { [BOS_TOKEN]: { id: BOS_TOKEN, ids: [BOS_ID], tokens: [BOS_TOKEN] } },
      },
      decoder: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
      model: {
        type: 'BPE',
        dropout: null,
        unk_token: null,
        continuing_subword_prefix: null,
        end_of_word_suffix: null,
        fuse_unk: false,
        byte_fallback: false,
        ignore_merges: false,
        vocab: Object.fromEntries(this.vocab),
        merges: this.merges,
      },
    };
  }

  toJSON(): string {
    return JSON.stringify(this.toHF());
  }

  static fromJSON(json: string): Tokenizer {
    const hf = JSON.parse(json) as {
      model: { vocab: Record<string, number>; merges: ([string, string] | string)[] };
    };
    const merges = hf.model.merges.map((m) =>
      typeof m === 'string' ? (m.split(' ') as [string, string]) : m,
    );
    return new Tokenizer({ vocab: new Map(Object.entries(hf.model.vocab)), merges });
  }
}

/** `tokenizer_config.json` for transformers.js / HF. */
export function tokenizerConfig(maxLength: number): Record<string, unknown> {
  return {
    tokenizer_class: 'PreTrainedTokenizerFast',
    bos_token: BOS_TOKEN,
    eos_token: EOS_TOKEN,
    pad_token: '<pad>',
    unk_token: '<unk>',
    add_bos_token: true,
    add_eos_token: false,
    clean_up_tokenization_spaces: false,
    model_max_length: maxLength,
  };
}

/** Trains a tokenizer on texts (special tokens inside them are not split into merges). */
export function trainTokenizer(texts: Iterable<string>, vocabSize: number): Tokenizer {
  const plain = function* () {
    for (const t of texts)
      for (const p of t.split(SPECIAL_RE)) if (!SPECIAL_TOKENS.includes(p as never)) yield p;
  };
  return new Tokenizer(trainBpe(plain(), vocabSize, SPECIAL_TOKENS));
}
