/**
 * Desktop notifications and the notification sound: the browser's Notification API (permission asked only from a click
 * in the top bar, never on load) and a short tone from the Web Audio API; the sound preference is kept in localStorage.
 */

const SOUND_KEY = "switchboard.notify.sound";
const TONE_HZ = 880;
const TONE_SECONDS = 0.18;

/** Where desktop notifications stand in this browser. */
export type NotifyPermission = "granted" | "denied" | "default" | "unsupported";

/** The browser's current permission for desktop notifications. */
export function notifyPermission(): NotifyPermission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** Asks the browser for permission (call from a click: browsers ignore requests without a user gesture). */
export async function askNotifyPermission(): Promise<NotifyPermission> {
  if (typeof Notification === "undefined") return "unsupported";
  return Notification.requestPermission();
}

/** Whether the user wants the notification sound. */
export function soundEnabled(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === "1";
  } catch {
    return false;
  }
}

/** Saves the sound preference. */
export function setSoundEnabled(on: boolean): void {
  try {
    localStorage.setItem(SOUND_KEY, on ? "1" : "0");
  } catch {
    // Private browsing without storage: the choice lasts for this page only.
  }
}

function playTone(): void {
  const Context = window.AudioContext;
  if (!Context) return;
  const audio = new Context();
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = TONE_HZ;
  gain.gain.setValueAtTime(0.15, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + TONE_SECONDS);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start();
  oscillator.stop(audio.currentTime + TONE_SECONDS);
  oscillator.onended = () => void audio.close();
}

/** Shows a desktop notification (when permitted) and plays the sound (when chosen); a click focuses the console and runs `onOpen`. */
export function notifyDesktop(title: string, body: string, tag: string, onOpen: () => void): void {
  if (soundEnabled()) playTone();
  if (notifyPermission() !== "granted") return;
  try {
    const shown = new Notification(title, { body, tag });
    shown.onclick = () => {
      window.focus();
      onOpen();
      shown.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker: the toast in the console still tells.
  }
}
