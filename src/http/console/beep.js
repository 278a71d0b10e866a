/**
 * A short two-tone beep made with WebAudio (no sound file). Browsers start audio only after the
 * person has clicked or typed, so `unlockAudio` runs on the first gesture (signing in is one).
 */
let context = null;
let muted = localStorage.getItem('ww.muted') === '1';

export function unlockAudio() {
  if (!window.AudioContext) return;
  context ??= new AudioContext();
  if (context.state === 'suspended') context.resume().catch(() => undefined);
}

export function isMuted() {
  return muted;
}

export function setMuted(value) {
  muted = value;
  localStorage.setItem('ww.muted', value ? '1' : '0');
}

/** Whether a beep would be heard now: not muted, and the browser has let audio start. */
export function audioReady() {
  return !muted && context?.state === 'running';
}

export function beep() {
  if (muted || !context || context.state !== 'running') return;
  const start = context.currentTime + 0.01;
  const gain = context.createGain();
  gain.connect(context.destination);
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
  gain.gain.setValueAtTime(0.25, start + 0.34);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.4);
  const tone = context.createOscillator();
  tone.type = 'square';
  tone.frequency.setValueAtTime(988, start);
  tone.frequency.setValueAtTime(740, start + 0.2);
  tone.connect(gain);
  tone.start(start);
  tone.stop(start + 0.42);
}
