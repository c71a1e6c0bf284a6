import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Preview } from '../../tools/preview/host.js';
import { getHelpTicket } from '../support/browser-help-ticket.js';
import {
  alertText,
  askForEmailCode,
  backToStart,
  demoMessageCount,
  enterUsername,
  expectStage,
  mainStage,
  readCodeFromDemoInbox,
  stageContainer,
  startBrowserPreview,
  startScreen,
  submitCode,
  wrongCodeFor,
} from '../support/browser-preview.js';
import { lookUpTicket, recordIdCheck, signInAsDemoTechnician } from '../support/browser-technician.js';

/** The screen's markup with what must differ between two tickets (the code, the minute) blanked out. */
async function ticketScreenShape(page: Page, ticket: string): Promise<{ html: string; text: string }> {
  const stage = stageContainer(page, 'ticket');
  const blank = (value: string) => value.split(ticket).join('<ticket>').replace(/\d{1,2}:\d{2}( [AP]M)?/g, '<time>');
  return { html: blank(await stage.evaluate((element: { outerHTML: string }) => element.outerHTML)), text: blank(await stage.innerText()) };
}

describe('"Get a help ticket" is the same for every name typed', () => {
  let preview: Preview;
  /** The unknown name's ticket from the first test, looked up by the technician in the second. */
  let unknownNamesTicket: string | null = null;

  beforeAll(async () => {
    preview = await startBrowserPreview();
  });
  afterAll(async () => {
    await preview?.close();
  });
  beforeEach(async () => {
    await backToStart(preview);
  });

  it('offers the ticket in the same words for an unknown name and a registered one, and shows tickets that look alike', { timeout: 90_000 }, async () => {
    const { page } = preview;
    const offers: string[] = [];
    const shapes: Array<{ html: string; text: string }> = [];
    const tickets: string[] = [];
    for (const username of ['nobody.here.at.all', 'amira.khan']) {
      await enterUsername(page, username);
      offers.push(await page.getByTestId('help-ticket-offer').innerText());
      await askForEmailCode(page);
      offers.push(await page.getByTestId('help-ticket-offer').innerText());
      await backToStart(preview);

      const ticket = await getHelpTicket(page, username);
      tickets.push(ticket);
      shapes.push(await ticketScreenShape(page, ticket));
      expect(await mainStage(preview)).toBe('ticket');
      await page.getByRole('button', { name: 'Finish' }).click();
      await startScreen(page).waitFor();
      await expect.poll(() => mainStage(preview)).toBe('identify');
      await backToStart(preview);
    }
    expect(offers[0]).toBe(offers[2]);
    expect(offers[1]).toBe(offers[3]);
    expect(offers[1]).toContain('Get a help ticket');
    // Two different tickets, each grouped for reading out, on screens that differ in nothing else.
    unknownNamesTicket = tickets[0] ?? null;
    expect(tickets[0]).not.toBe(tickets[1]);
    for (const ticket of tickets) expect(ticket).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{3} [34679ACDEFGHJKMNPQRTUVWXY]{3}$/);
    expect(shapes[0]).toEqual(shapes[1]);
    expect(shapes[0]?.text).toContain('Your help ticket');
    expect(shapes[0]?.text).not.toContain('nobody.here.at.all');
    expect(shapes[1]?.text).not.toContain('amira.khan');
  });

  it('offers a ticket to someone blocked after wrong codes; the technician sees the block on it and clears it', { timeout: 90_000 }, async () => {
    const { page, kiosk } = preview;
    const tries = Math.min(kiosk.config.codes.maxTriesPerCode, kiosk.config.throttle.failedProofs.limit);
    await enterUsername(page, 'ben.okafor');
    const before = await demoMessageCount(page);
    await askForEmailCode(page);
    const code = await readCodeFromDemoInbox(page, before, kiosk.config.codes.length);
    for (let attempt = 1; attempt <= tries; attempt += 1) {
      await submitCode(page, wrongCodeFor(code));
      if (attempt < tries) await expect.poll(() => alertText(page, 'code_sent')).toContain('That code is not right.');
    }
    // The last wrong code ends the journey in the blocked screen, which still offers the ticket.
    await expectStage(page, 'blocked');
    const offer = stageContainer(page, 'blocked').getByTestId('help-ticket-offer');
    expect(await offer.getAttribute('data-reason')).toBe('blocked');
    expect(await offer.innerText()).toContain('You cannot try again here for now.');

    await offer.getByRole('button', { name: 'Get a help ticket' }).click();
    await expectStage(page, 'ticket');
    const ticket = (await page.getByTestId('ticket-code').innerText()).trim();
    await page.getByRole('button', { name: 'Finish' }).click();
    await startScreen(page).waitFor();

    await signInAsDemoTechnician(page);
    // The unknown name's ticket (first test): what was typed, and that no account has that name.
    if (unknownNamesTicket !== null) {
      await lookUpTicket(page, unknownNamesTicket);
      expect(await page.getByTestId('technician-ticket').innerText()).toContain('nobody.here.at.all');
      expect(await page.getByTestId('technician-console').innerText()).toContain('No account has the name typed on this ticket.');
      expect(await page.getByTestId('technician-person').count()).toBe(0);
    }
    await lookUpTicket(page, ticket);
    await page.locator('[data-testid="technician-ticket"][data-ticket="' + ticket.replace(' ', '') + '"]').waitFor();
    const events = page.getByTestId('ticket-events').getByRole('listitem');
    // Each refused code with its reason: wrong, or typed while already blocked.
    expect(await events.filter({ hasText: /Typed a wrong code by email|Typed a code by email while blocked/ }).count()).toBe(tries);
    expect(await events.filter({ hasText: 'Typed a wrong code by email' }).count()).toBeGreaterThan(0);
    const person = page.getByTestId('technician-person');
    expect(await person.innerText()).toMatch(/Codes refused after too many wrong codes, until /);
    await recordIdCheck(page);
    await page.getByRole('button', { name: 'Clear blocks' }).click();
    await expect.poll(() => page.getByTestId('technician-last-action').innerText()).toMatch(/blocks? (was|were) cleared\. The person has been sent a notice\./);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await startScreen(page).waitFor();
  });
});
