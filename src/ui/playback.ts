// Routes an <audio> element through a Web Audio biquad chain for the stethoscope filter modes (bell, diaphragm, wide).
import { filterBiquads, type FilterMode } from '../core/audio/filters';

export class FilteredPlayback {
  private ctx: AudioContext | null = null;
  private source: MediaElementAudioSourceNode | null = null;
  private nodes: BiquadFilterNode[] = [];
  private mode: FilterMode;

  constructor(
    private readonly media: HTMLMediaElement,
    mode: FilterMode,
  ) {
    this.mode = mode;
  }

  /** Must run from a user gesture (play), since browsers only start AudioContexts then. */
  async ensureStarted(): Promise<void> {
    if (!this.ctx) {
      this.ctx = new AudioContext();
      this.source = this.ctx.createMediaElementSource(this.media);
      this.connect();
    }
    if (this.ctx.state === 'suspended') await this.ctx.resume();
  }

  setMode(mode: FilterMode): void {
    this.mode = mode;
    if (this.ctx) this.connect();
  }

  private connect(): void {
    const ctx = this.ctx;
    const source = this.source;
    if (!ctx || !source) return;
    source.disconnect();
    this.nodes.forEach((n) => n.disconnect());
    this.nodes = filterBiquads(this.mode).map((spec) => {
      const node = ctx.createBiquadFilter();
      node.type = spec.type;
      node.frequency.value = spec.frequencyHz;
      node.Q.value = spec.Q;
      return node;
    });
    let tail: AudioNode = source;
    for (const n of this.nodes) tail = tail.connect(n);
    tail.connect(ctx.destination);
  }

  dispose(): void {
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
    this.source = null;
    this.nodes = [];
  }
}
