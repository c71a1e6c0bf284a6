/**
 * The three kiosk screens issue 12 is tried on: a portrait floor-stand, a full-HD landscape screen and a
 * common small laptop-size landscape screen. Browser tests that prove a screen works run at all three.
 */
export const kioskScreenSizes = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
  small: { width: 1366, height: 768 },
} as const;

export type KioskScreenSize = keyof typeof kioskScreenSizes;

export const kioskScreenSizeNames = Object.keys(kioskScreenSizes) as KioskScreenSize[];
