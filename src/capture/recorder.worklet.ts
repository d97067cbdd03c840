// AudioWorklet processor: copies the microphone's first channel to the main thread in short blocks with their peak.
// Runs in the AudioWorkletGlobalScope, whose types are not in TypeScript's DOM lib, hence the declarations below.

declare abstract class AudioWorkletProcessor {
  readonly port: MessagePort;
  abstract process(
    inputs: Float32Array[][],
    outputs: Float32Array[][],
    parameters: Record<string, Float32Array>,
  ): boolean;
}
declare function registerProcessor(
  name: string,
  ctor: new (options: { processorOptions?: RecorderOptions }) => AudioWorkletProcessor,
): void;

/** Message from the worklet: one block of mono PCM at the context's native rate. */
export interface WorkletBlock {
  samples: Float32Array;
  peak: number;
}

/** `processorOptions` of the node: the block length, in frames (recorder.ts derives it from a duration). */
export interface RecorderOptions {
  blockFrames: number;
}

class RecorderProcessor extends AudioWorkletProcessor {
  private block: Float32Array;
  private filled = 0;
  private peak = 0;
  private stopped = false;

  constructor(options: { processorOptions?: RecorderOptions }) {
    super();
    this.block = new Float32Array(Math.max(128, options.processorOptions?.blockFrames ?? 4096));
    this.port.onmessage = (e: MessageEvent) => {
      if (e.data === 'flush') {
        this.send();
        this.stopped = true;
        this.port.postMessage('flushed');
      }
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    if (this.stopped) return false;
    if (!channel) return true;
    for (let i = 0; i < channel.length; i++) {
      const v = channel[i];
      this.block[this.filled++] = v;
      const a = v < 0 ? -v : v;
      if (a > this.peak) this.peak = a;
      if (this.filled === this.block.length) this.send();
    }
    return true;
  }

  private send(): void {
    if (this.filled === 0) return;
    const msg: WorkletBlock = { samples: this.block.slice(0, this.filled), peak: this.peak };
    this.port.postMessage(msg, [msg.samples.buffer]);
    this.filled = 0;
    this.peak = 0;
  }
}

registerProcessor('auscult-recorder', RecorderProcessor);
