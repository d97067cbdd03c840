// The one JSONL reader and writer: rows round-trip; blank lines and CRLF line ends are tolerated.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonl, writeJsonl } from './jsonl';

describe('readJsonl', () => {
  it('reads back what writeJsonl wrote', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'jsonl-')), 'rows.jsonl');
    const rows = [{ id: 'a', n: 1 }, { id: 'b', text: 'line\nbreak' }, []];
    await writeJsonl(file, rows);
    expect(await readJsonl(file)).toEqual(rows);
  });

  it('skips blank lines and accepts CRLF', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'jsonl-')), 'crlf.jsonl');
    await writeFile(file, '{"a":1}\r\n\r\n  \n{"a":2}\r\n');
    expect(await readJsonl(file)).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
