import { describe, expect, it } from 'vitest';
import { catalogueOf } from '../../../shared/i18n/catalogues.js';
import type { Purpose } from '../../../shared/flow/stages.js';
import { howItWorksLeadIds, howItWorksSteps } from '../../../renderer/src/how-it-works-steps.js';

const journeys: Purpose[] = ['reset', 'unlock', 'change', 'register'];

describe('"How this works" for each journey', () => {
  it.each(journeys)('%s: three or four steps, each with a picture, a title and words from the help catalogue', (purpose) => {
    const steps = howItWorksSteps(purpose, ['email', 'sms']);
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps.length).toBeLessThanOrEqual(4);
    const english = catalogueOf('en');
    for (const step of steps) {
      expect(step.title.startsWith('help.')).toBe(true);
      expect(english[step.title]).toBeTruthy();
      expect(english[step.text]).toBeTruthy();
    }
    expect(english[howItWorksLeadIds[purpose]]).toBeTruthy();
  });

  it('follows the screens: reset ends with a new password, unlock with the account unlocked', () => {
    expect(howItWorksSteps('reset', ['email']).map((step) => step.picture)).toEqual(['person', 'envelope', 'keypad', 'key']);
    expect(howItWorksSteps('unlock', ['email']).at(-1)?.title).toBe('help.step.unlocked.title');
    expect(howItWorksSteps('change', ['email']).map((step) => step.title)[0]).toBe('help.step.signIn.title');
  });

  it('mentions the authenticator app only where the kiosk offers it', () => {
    expect(howItWorksSteps('reset', ['email', 'sms'])[1]?.text).toBe('help.step.getCode.text');
    expect(howItWorksSteps('reset', ['email', 'app'])[1]?.text).toBe('help.step.getCode.textWithApp');
  });
});
