import type { Page } from 'playwright-core';
import type { CodePurpose } from '../../shared/flow/stages.js';
import { askForEmailCode, enterUsername, expectStage, stageContainer } from './browser-preview.js';

/**
 * A self-service attempt that ends at the desk: a name, a code asked for by email (which, for an
 * unregistered or unknown name, never comes), then "Get a help ticket". Returns the ticket as shown.
 */
export async function getHelpTicket(page: Page, username: string, purpose: CodePurpose = 'reset'): Promise<string> {
  await enterUsername(page, username, purpose);
  await askForEmailCode(page);
  await page.getByRole('button', { name: 'Get a help ticket' }).click();
  await expectStage(page, 'ticket');
  return (await stageContainer(page, 'ticket').getByTestId('ticket-code').innerText()).trim();
}
