// Streaming JSONL read/write for corpora, benches and eval outputs.
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

export async function readJsonl<T>(file: string): Promise<T[]> {
  const out: T[] = [];
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) out.push(JSON.parse(line) as T);
  return out;
}

export async function writeJsonl(file: string, rows: unknown[]): Promise<void> {
  const ws = createWriteStream(file);
  for (const r of rows) {
    if (!ws.write(JSON.stringify(r) + '\n')) await new Promise<void>((res) => ws.once('drain', () => res()));
  }
  await new Promise<void>((res, rej) => ws.end((err?: Error | null) => (err ? rej(err) : res())));
}
