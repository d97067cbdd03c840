// A one-line progress bar on stderr: redrawn in place on a terminal (at most every 200 ms), one line per
// 5% in a log file, with elapsed time and an estimate of the time left.
export function progressBar(
  stream: NodeJS.WriteStream = process.stderr,
): (done: number, total: number, label: string) => void {
  const started = performance.now();
  let lastDraw = 0;
  let lastStep = -1;
  return (done, total, label) => {
    const now = performance.now();
    const step = Math.floor((20 * done) / Math.max(1, total));
    const due = stream.isTTY ? now - lastDraw >= 200 || done === total : step !== lastStep;
    if (!due) return;
    lastDraw = now;
    lastStep = step;
    const frac = total > 0 ? done / total : 1;
    const bar = '#'.repeat(Math.round(frac * 30)).padEnd(30, '.');
    const elapsedS = (now - started) / 1000;
    const leftS = done > 0 ? (elapsedS / done) * (total - done) : 0;
    const line = `[${bar}] ${done}/${total} ${label.padEnd(13)} ${elapsedS.toFixed(0)} s elapsed, ~${leftS.toFixed(0)} s left`;
    if (stream.isTTY) stream.write(`\r${line}${done === total ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };
}
