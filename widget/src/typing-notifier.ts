/** Debounces the customer's keystrokes into "typing" true/false signals. */

/** Turns input events into at most one "typing: true" per burst and a "typing: false" after a pause or a send. */
export class TypingNotifier {
  private active = false;
  private lastSent = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private emit: (typing: boolean) => void;
  private idleMs: number;
  private refreshMs: number;
  private now: () => number;

  constructor(emit: (typing: boolean) => void, idleMs = 2500, refreshMs = 10_000, now: () => number = Date.now) {
    this.emit = emit;
    this.idleMs = idleMs;
    this.refreshMs = refreshMs;
    this.now = now;
  }

  /** Call on every keystroke that changes the draft. */
  input(): void {
    const t = this.now();
    // Long bursts re-announce themselves so a server-side typing timeout does not hide the indicator.
    if (!this.active || t - this.lastSent >= this.refreshMs) {
      this.active = true;
      this.lastSent = t;
      this.emit(true);
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.stop(), this.idleMs);
  }

  /** Call when the customer sends or clears the draft. */
  stop(): void {
    clearTimeout(this.timer);
    if (!this.active) return;
    this.active = false;
    this.emit(false);
  }
}
