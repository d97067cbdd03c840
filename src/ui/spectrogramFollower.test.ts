// The spectrogram follower over requests the test answers by hand: the window follows the playhead out of it, a burst
// of seeks asks once, never more than one request is in flight, a stale result is dropped, and a failure is reported
// once without being asked again in a loop.
import { describe, expect, it } from 'vitest';
import { createFollower, windowAround, type TimeWindow } from './spectrogramFollower';

const DEBOUNCE_MS = 5;
const settle = () => new Promise((r) => setTimeout(r, DEBOUNCE_MS * 4));

/** A follower whose requests wait until the test answers them; it counts how many were in flight at once. */
function follower(durationS = 600) {
  const asked: { w: TimeWindow; answer(v: string): void; refuse(e: Error): void }[] = [];
  const shown: string[] = [];
  const failed: string[] = [];
  let open = 0;
  let mostOpen = 0;
  const f = createFollower<string>({
    fetch: (w) =>
      new Promise<string>((resolve, reject) => {
        mostOpen = Math.max(mostOpen, ++open);
        const done = () => void open--;
        asked.push({ w, answer: (v) => (done(), resolve(v)), refuse: (e) => (done(), reject(e)) });
      }),
    show: (v, w) => shown.push(`${v}@${w.fromS}`),
    fail: (e, w) => failed.push(`${(e as Error).message}@${w.fromS}`),
    durationS,
    debounceMs: DEBOUNCE_MS,
  });
  return { f, asked, shown, failed, mostOpen: () => mostOpen };
}

describe('windowAround', () => {
  it('starts a second before the playhead, inside the recording', () => {
    expect(windowAround(0, 600)).toEqual({ fromS: 0, seconds: 10 });
    expect(windowAround(123.45, 600)).toEqual({ fromS: 122.4, seconds: 10 });
    expect(windowAround(599, 600)).toEqual({ fromS: 590, seconds: 10 });
  });
});

describe('createFollower', () => {
  it('asks for the window around the playhead once, and again only when the playhead leaves it', async () => {
    const { f, asked, shown } = follower();
    f.at(0);
    f.at(3);
    await settle();
    expect(asked.map((a) => a.w)).toEqual([{ fromS: 0, seconds: 10 }]);
    asked[0].answer('a');
    await settle();
    for (const t of [4, 8, 9.9]) f.at(t); // playback inside the window
    await settle();
    expect(asked).toHaveLength(1);
    f.at(10); // playback reaches its end
    await settle();
    expect(asked.map((a) => a.w.fromS)).toEqual([0, 9]);
    asked[1].answer('b');
    await settle();
    expect(shown).toEqual(['a@0', 'b@9']);
  });

  it('keeps one request in flight, drops the stale result and asks for the latest window after it', async () => {
    const { f, asked, shown, mostOpen } = follower();
    f.at(0);
    await settle();
    f.at(100); // seeks while the first is computed
    await settle();
    f.at(200);
    f.at(300);
    await settle();
    expect(asked).toHaveLength(1);
    asked[0].answer('stale');
    await settle();
    expect(shown).toEqual([]); // the window at 0 is no longer wanted
    expect(asked.map((a) => a.w.fromS)).toEqual([0, 299]);
    asked[1].answer('latest');
    await settle();
    expect(shown).toEqual(['latest@299']);
    expect(mostOpen()).toBe(1);
  });

  it('reports a failure of the wanted window once and asks again only for another window', async () => {
    const { f, asked, failed } = follower();
    f.at(50);
    await settle();
    asked[0].refuse(new Error('bad-audio'));
    await settle();
    f.at(52);
    await settle();
    expect(failed).toEqual(['bad-audio@49']);
    expect(asked).toHaveLength(1);
    f.at(70);
    await settle();
    expect(asked).toHaveLength(2);
  });

  it('shows nothing after it is disposed', async () => {
    const { f, asked, shown } = follower();
    f.at(0);
    await settle();
    f.dispose();
    asked[0].answer('late');
    f.at(100);
    await settle();
    expect(shown).toEqual([]);
    expect(asked).toHaveLength(1);
  });
});
