// The one prompt format shared by training, export, evaluation and the app: special tokens, audio placeholders,
// and the user/assistant framing. Change PROMPT_TEMPLATE_VERSION whenever the produced text changes.
import type { Domain, Site } from '../clinical/schema';

export const AUDIO_TOKEN = '<|audio|>';
export const BOS_TOKEN = '<s>';
export const EOS_TOKEN = '</s>';
/** Ids 0..6 in exactly this order in every Auscult tokenizer. */
export const SPECIAL_TOKENS = [
  '<unk>',
  '<s>',
  '</s>',
  '<pad>',
  '<|audio|>',
  '<|user|>',
  '<|assistant|>',
] as const;
export type SpecialToken = (typeof SPECIAL_TOKENS)[number];
export const AUDIO_TOKEN_ID = SPECIAL_TOKENS.indexOf(AUDIO_TOKEN);
export const PROMPT_TEMPLATE_VERSION = 'auscult-prompt-v1';

export interface PromptRecording {
  domain: Domain;
  site: Site;
}
export interface PromptInput {
  instruction: string;
  recordings: PromptRecording[];
  audioTokensPerRecording: number;
}

/**
 * Builds the text the model is conditioned on. BOS is NOT part of the text: the tokenizer's post-processor
 * (or the caller encoding without it) prepends `<s>`. The answer follows the returned text and ends with `</s>`.
 *
 *   <|user|>
 *   Recording 1 (heart, AV): <|audio|><|audio|>…
 *   Recording 2 (heart, MV): <|audio|>…
 *   Is this heart sound normal?
 *   <|assistant|>
 */
export function formatPrompt(input: PromptInput): string {
  const n = input.audioTokensPerRecording;
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`audioTokensPerRecording must be a positive integer, got ${n}`);
  const lines = input.recordings.map(
    (r, i) => `Recording ${i + 1} (${r.domain}, ${r.site}): ${AUDIO_TOKEN.repeat(n)}`,
  );
  return `<|user|>\n${[...lines, input.instruction.trim()].join('\n')}\n<|assistant|>\n`;
}

/** Full training text for one pair: prompt + answer + end of sequence. */
export function formatExample(input: PromptInput, response: string): string {
  return `${formatPrompt(input)}${response.trim()}${EOS_TOKEN}`;
}

/** Number of audio placeholders in a prompt (must equal the encoder's audio tokens × recordings). */
export function countAudioTokens(text: string): number {
  return text.split(AUDIO_TOKEN).length - 1;
}

/** The prompt of a bench item (or any question about labeled recordings): instruction plus each recording's domain and site. */
export function itemPrompt(
  item: { instruction: string; labels: { domain: Domain; site: Site }[] },
  audioTokensPerRecording: number,
): string {
  const recordings = item.labels.map((l) => ({ domain: l.domain, site: l.site }));
  return formatPrompt({ instruction: item.instruction, recordings, audioTokensPerRecording });
}
