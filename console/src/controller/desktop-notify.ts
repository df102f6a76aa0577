/**
 * Desktop notifications and the notification sound: the browser's Notification API (permission asked only from a click
 * in the top bar, never on load) and a short tone from the Web Audio API. Which of them the user wants is the server's
 * profile (`notificationPrefs`), loaded after sign-in and after the Profile page saves; the top bar's sound toggle saves there too.
 */
import { DEFAULT_NOTIFICATION_PREFS, type NotificationPrefs } from "../../../src/contracts/profile.ts";
import { getProfile, savePrefs } from "../api/profile-endpoints.ts";

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

/** The kinds of notification the user can turn off in their profile. */
export type NotifyKind = "assigned" | "mentions";

let prefs: NotificationPrefs = { ...DEFAULT_NOTIFICATION_PREFS };
const listeners = new Set<(prefs: NotificationPrefs) => void>();

/** The notification preferences the console follows now (the server's, once loaded). */
export function notifyPrefs(): NotificationPrefs {
  return prefs;
}

/** Adopts preferences the server answered with and tells the subscribers (the top bar). */
export function setNotifyPrefs(next: NotificationPrefs): void {
  prefs = { ...next };
  for (const listener of listeners) listener(prefs);
}

/** Calls `listener` whenever the preferences change; returns the unsubscribe function. */
export function onNotifyPrefs(listener: (prefs: NotificationPrefs) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reads the signed-in user's preferences from the server; on failure the ones in force stay. */
export async function loadNotifyPrefs(): Promise<void> {
  try {
    setNotifyPrefs((await getProfile()).notificationPrefs);
  } catch {
    // Offline or signed out: the next sign-in loads them again.
  }
}

/** Saves the sound preference on the server (PATCH notificationPrefs.sound) and adopts what it answers. */
export async function saveSoundPref(on: boolean): Promise<void> {
  setNotifyPrefs((await savePrefs({ sound: on })).notificationPrefs);
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

/**
 * Shows a desktop notification (when permitted) and plays the sound (when chosen), only if the user's preference for
 * this kind is on; a click focuses the console and runs `onOpen`. Returns whether the kind is wanted.
 */
export function notifyDesktop(kind: NotifyKind, title: string, body: string, tag: string, onOpen: () => void): boolean {
  if (!prefs[kind]) return false;
  if (prefs.sound) playTone();
  if (notifyPermission() !== "granted") return true;
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
  return true;
}
