import type { ReactNode } from 'react';
import type { StepPicture } from '../how-it-works-steps.js';

/** Simple line pictures, one idea each; decorative, since every step says the same in words. */
const drawings: Record<StepPicture, ReactNode> = {
  person: (
    <>
      <circle cx="32" cy="22" r="10" />
      <path d="M14 54c2-11 9-17 18-17s16 6 18 17" />
    </>
  ),
  envelope: (
    <>
      <rect x="8" y="16" width="48" height="32" rx="4" />
      <path d="M9 18l23 17 23-17" />
    </>
  ),
  keypad: (
    <>
      <rect x="6" y="20" width="52" height="24" rx="5" />
      <circle cx="18" cy="32" r="2.5" className="how-icon-fill" />
      <circle cx="27" cy="32" r="2.5" className="how-icon-fill" />
      <circle cx="36" cy="32" r="2.5" className="how-icon-fill" />
      <path d="M44 26v12" />
    </>
  ),
  key: (
    <>
      <circle cx="20" cy="32" r="10" />
      <path d="M30 32h26M48 32v8M56 32v6" />
    </>
  ),
  unlocked: (
    <>
      <rect x="14" y="30" width="36" height="26" rx="4" />
      <path d="M22 30v-9a10 10 0 0 1 19-4" />
      <path d="M32 40v6" />
    </>
  ),
  signIn: (
    <>
      <rect x="14" y="30" width="36" height="26" rx="4" />
      <path d="M22 30v-8a10 10 0 0 1 20 0v8" />
      <path d="M32 40v6" />
    </>
  ),
  tick: (
    <>
      <circle cx="32" cy="32" r="24" />
      <path d="M21 33l8 8 15-17" />
    </>
  ),
  phone: (
    <>
      <rect x="20" y="6" width="24" height="52" rx="5" />
      <path d="M28 50h8" />
    </>
  ),
  shield: (
    <>
      <path d="M32 6l22 8v16c0 14-9 23-22 28C19 53 10 44 10 30V14z" />
      <path d="M22 32l7 7 13-14" />
    </>
  ),
};

export function HowItWorksIcon({ picture }: { picture: StepPicture }) {
  return (
    <svg className="how-icon" viewBox="0 0 64 64" aria-hidden="true" focusable="false" data-picture={picture}>
      {drawings[picture]}
    </svg>
  );
}
