import { expect, it } from 'vitest';
import { findAutoLinkableText, findUrls } from '../../../electron/core/mail/templates.js';
import { fail } from '../../../shared/ipc/result.js';
import { describeEachBackend } from '../../support/backends.js';
import { valueOf, type TestKiosk } from '../../support/core-kiosk.js';
import { dumpStore, rowsOf } from '../../support/database-dump.js';
import { useTestKiosks } from '../../support/kiosk-lifecycle.js';
import { createRecordingEmailSender } from '../../support/recording-email.js';
import { codeSentTo, messagesAfter, registerAs, stageOf } from '../../support/registration.js';

const kiosks = useTestKiosks();
const blockedDomains = (t: Parameters<NonNullable<Parameters<typeof kiosks.start>[0]>['configure'] & object>[0]) => ({
  ...t,
  registration: { ...t.registration, blockedEmailDomains: ['northfield.example'] },
});

interface ContactRow {
  id: number;
  account_id: number;
  kind: string;
  value: string;
  verified_at: string | null;
}
const contactsOf = async (t: TestKiosk, username: string) => {
  const account = await t.kiosk.store.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return (await rowsOf<ContactRow>(t.kiosk.store, 'contact_methods')).filter((row) => Number(row.account_id) === Number(account.id));
};
const auditOf = (t: TestKiosk) => rowsOf<{ event: string; outcome: string; detail: string; username: string | null }>(t.kiosk.store, 'audit_log');

describeEachBackend('registration: a personal email proven by a code', (backend) => {
  it('adds an address once its code is typed; the old and the new address both hear of it', async () => {
    const t = await kiosks.start({ backend });
    await registerAs(t, 'amira.khan');
    const since = t.kiosk.demoOutbox!.messages().length;
    const code = stageOf(await t.call('method:addEmail', { email: 'Amira.New@Personal.example', confirmation: 'amira.new@personal.example' }), 'method_code');
    expect(code).toEqual({ stage: 'method_code', purpose: 'register', kind: 'email', masked: 'A•••w@p•••.example', delivery: 'pending', codeLength: 8, expiresInSeconds: 600 });

    const sent = await codeSentTo(t, 'Amira.New@personal.example');
    const [message] = await messagesAfter(t, since);
    expect(message).toMatchObject({ channel: 'email', to: 'Amira.New@personal.example', subject: 'Confirm this email address for your Northfield University account' });
    expect(findUrls(message!.text)).toEqual([]);

    // A wrong code counts (tries left: the code's and the account's), a right one leads to the review.
    expect(await t.call('method:confirm', { code: sent === '00000000' ? '11111111' : '00000000' })).toEqual(fail('CODE_WRONG', { triesLeft: 4 }));
    const review = stageOf(await t.call('method:confirm', { code: sent }), 'method_review');
    expect(review).toEqual({ stage: 'method_review', purpose: 'register', change: { action: 'add', kind: 'email', masked: 'A•••w@p•••.example' } });
    // Nothing is saved before "Save".
    expect((await contactsOf(t, 'amira.khan')).map((row) => row.value)).toEqual(['amira.khan@homemail.example', 'amira.k@home.example']);

    const methods = stageOf(await t.call('method:save', {}), 'methods');
    expect(methods.saved).toEqual({ change: { action: 'add', kind: 'email', masked: 'A•••w@p•••.example' }, notice: 'queued' });
    expect(methods.methods.map((method) => method.masked)).toEqual(['a•••n@h•••.example', 'A•••w@p•••.example']);
    const rows = await contactsOf(t, 'amira.khan');
    expect(rows.find((row) => row.value === 'Amira.New@personal.example')).toMatchObject({ kind: 'email', verified_at: t.clock.now().toISOString() });

    // The notice goes to the address on record before (the defence against a takeover) and the new one; never the unverified one.
    const notices = (await messagesAfter(t, since)).filter((m) => m.subject.startsWith('A way to reset'));
    expect(notices.map((m) => m.to).sort()).toEqual(['Amira.New@personal.example', 'amira.khan@homemail.example']);
    for (const notice of notices) {
      expect(notice.subject).toBe('A way to reset your Northfield University password was added');
      expect(notice.text).toContain('A personal email address (A•••w@p•••.example) was added to the account amira.khan');
      expect(notice.text).toContain(t.kiosk.config.kiosk.location);
      expect(notice.text).toContain('Monday, March 2, 2026');
      expect(notice.text).toContain('If this was not you, contact the IT Service Desk');
      expect(notice.text).not.toContain('personal.example');
      expect(findUrls(notice.text)).toEqual([]);
    }

    const audit = await auditOf(t);
    const added = audit.find((row) => row.event === 'register.method_added')!;
    expect(added).toMatchObject({ outcome: 'ok', username: 'amira.khan' });
    expect(JSON.parse(added.detail)).toEqual({ kind: 'email', noticesQueued: 2 });
    expect(JSON.stringify(audit)).not.toContain('personal.example');
    expect(JSON.stringify(audit)).not.toContain(sent);
    // The outbox keeps only the masked value.
    expect(JSON.stringify(await rowsOf<{ payload: string }>(t.kiosk.store, 'outbox').then((r) => r.map((row) => row.payload)))).not.toContain('Amira.New');
  });

  it('refuses in words: typings that differ, a non-address, a blocked domain or its subdomain, an address already on the account; nothing changes', async () => {
    const t = await kiosks.start({ backend, configure: blockedDomains });
    await registerAs(t, 'ben.okafor');
    const before = await dumpStore(t.kiosk.store);
    const add = (email: string, confirmation = email) => t.call('method:addEmail', { email, confirmation });
    expect(await add('ben@personal.example', 'ben@personel.example')).toEqual(fail('EMAILS_DIFFER'));
    expect(await add('ben at personal.example')).toEqual(fail('EMAIL_INVALID'));
    expect(await add('ben@localhost')).toEqual(fail('EMAIL_INVALID'));
    expect(await add('ben.okafor@northfield.example')).toEqual(fail('EMAIL_DOMAIN_BLOCKED'));
    expect(await add('ben.okafor@staff.Northfield.example')).toEqual(fail('EMAIL_DOMAIN_BLOCKED'));
    expect(await add('Ben.Okafor@HomeMail.example')).toEqual(fail('METHOD_ALREADY_REGISTERED'));
    expect(await t.call('method:addEmail', { email: 'x@personal.example', confirmation: 'x@personal.example', replaces: 'email:999' })).toEqual(fail('BAD_INPUT'));
    expect(await dumpStore(t.kiosk.store)).toBe(before);
    expect(valueOf(await t.call('session:get', {})).stage).toBe('methods');
  });

  it('replaces an address: the replaced one is told, and stops being a method', async () => {
    const t = await kiosks.start({ backend });
    const { methods } = await registerAs(t, 'ben.okafor');
    const old = methods.find((method) => method.masked === 'b•••r@m•••.example')!;
    const since = t.kiosk.demoOutbox!.messages().length;
    valueOf(await t.call('method:addEmail', { email: 'ben@newhome.example', confirmation: 'ben@newhome.example', replaces: old.id }));
    const review = stageOf(await t.call('method:confirm', { code: await codeSentTo(t, 'ben@newhome.example') }), 'method_review');
    expect(review.change).toEqual({ action: 'replace', kind: 'email', masked: 'b•••n@n•••.example', replacesMasked: 'b•••r@m•••.example' });
    const saved = stageOf(await t.call('method:save', {}), 'methods');
    expect(saved.methods.map((method) => method.masked)).toEqual(['b•••r@h•••.example', 'b•••n@n•••.example', '+44 •••• ••• 123']);
    expect((await contactsOf(t, 'ben.okafor')).map((row) => row.value)).toEqual(['ben.okafor@homemail.example', 'ben@newhome.example', '+447700900123']);
    const notices = (await messagesAfter(t, since)).filter((m) => m.channel === 'sms' || m.subject.startsWith('A way to reset'));
    expect(notices.map((m) => m.to).sort()).toEqual(['+447700900123', 'ben.okafor@homemail.example', 'ben.okafor@mail.example', 'ben@newhome.example']);
    const toOld = notices.find((m) => m.to === 'ben.okafor@mail.example')!;
    expect(toOld.subject).toBe('A way to reset your Northfield University password was changed');
    expect(toOld.text).toContain('The personal email address b•••r@m•••.example of the account ben.okafor was replaced by b•••n@n•••.example.');
    const text = notices.find((m) => m.channel === 'sms')!;
    expect(text.text).toMatch(/^Northfield University: an email address was changed on your account at a kiosk on Mar 2, \d{1,2}:00 [AP]M\. Not you\? Call the IT Service Desk on 01632 960 321\.$/);
    expect(findAutoLinkableText(text.text)).toEqual([]);
  });

  it('sends a new code on request (the old one stops working) and counts sends in the account\u2019s send limit', async () => {
    const t = await kiosks.start({ backend, configure: (config) => ({ ...config, throttle: { ...config.throttle, emailSends: { limit: 2, windowMinutes: 10, blockMinutes: 60 } } }) });
    await registerAs(t, 'grace.nowak');
    valueOf(await t.call('method:addEmail', { email: 'grace@personal.example', confirmation: 'grace@personal.example' }));
    const first = await codeSentTo(t, 'grace@personal.example');
    stageOf(await t.call('method:resendCode', {}), 'method_code');
    const second = await codeSentTo(t, 'grace@personal.example');
    expect(await t.call('method:resendCode', {})).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    // The screen now waits for the newest code: the first is just a wrong one.
    if (first !== second) expect(await t.call('method:confirm', { code: first })).toEqual(fail('CODE_WRONG', { triesLeft: 4 }));
    stageOf(await t.call('method:confirm', { code: second }), 'method_review');
  });

  it('counts wrong codes in the account\u2019s failed-proof limit, shared with reset', async () => {
    const t = await kiosks.start({ backend });
    await registerAs(t, 'amira.khan');
    valueOf(await t.call('method:addEmail', { email: 'amira@personal.example', confirmation: 'amira@personal.example' }));
    const right = await codeSentTo(t, 'amira@personal.example');
    const wrong = right === '00000000' ? '11111111' : '00000000';
    for (let left = 4; left >= 1; left -= 1) expect(await t.call('method:confirm', { code: wrong })).toEqual(fail('CODE_WRONG', { triesLeft: left }));
    expect(await t.call('method:confirm', { code: wrong })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    // The session ends in the blocked stage: the right code is not even looked at.
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'blocked', purpose: 'register' });
    expect(await t.call('method:confirm', { code: right })).toEqual(fail('WRONG_STAGE'));
    // The same person cannot go round the block by resetting instead.
    valueOf(await t.call('session:startOver', {}));
    valueOf(await t.call('journey:begin', { purpose: 'reset', username: 'amira.khan' }));
    expect(await t.call('code:choose', { method: 'email' })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
  });

  it('says so when the code cannot be sent: a refused address, or the relay down (then nothing is counted, and new requests are refused at once)', async () => {
    const mail = createRecordingEmailSender();
    const t = await kiosks.start({ backend, email: mail.sender });
    await registerAs(t, 'amira.khan');
    mail.refuseRecipient('nobody@personal.example');
    stageOf(await t.call('method:addEmail', { email: 'nobody@personal.example', confirmation: 'nobody@personal.example' }), 'method_code');
    await t.kiosk.settled();
    // Signed in, and the address is the one they typed: saying it failed reveals nothing.
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'method_code', delivery: 'failed' });
    const failed = (await auditOf(t)).find((row) => row.event === 'register.code_send_failed')!;
    expect(JSON.parse(failed.detail)).toEqual({ kind: 'email', errorClass: 'recipient_rejected', replyCode: 550 });
    valueOf(await t.call('method:cancel', {}));

    mail.setRelayDown(true);
    // Past the age at which the last good probe is trusted.
    t.clock.advance({ seconds: t.kiosk.config.delivery.probeMaxAgeSeconds + 1 });
    const throttleEvents = (await rowsOf(t.kiosk.store, 'throttle_events')).length;
    stageOf(await t.call('method:addEmail', { email: 'amira@personal.example', confirmation: 'amira@personal.example' }), 'method_code');
    await t.kiosk.settled();
    expect(valueOf(await t.call('session:get', {}))).toMatchObject({ stage: 'method_code', delivery: 'failed' });
    expect((await rowsOf(t.kiosk.store, 'throttle_events')).length).toBe(throttleEvents);
    valueOf(await t.call('method:cancel', {}));
    expect(await t.call('method:addEmail', { email: 'amira@personal.example', confirmation: 'amira@personal.example' })).toMatchObject({
      ok: false,
      error: { code: 'DELIVERY_UNAVAILABLE' },
    });
    expect(mail.sent.map((message) => message.to)).toEqual([]);
  });

  it('drops a change on "Cancel": back to the list, no method added', async () => {
    const t = await kiosks.start({ backend });
    await registerAs(t, 'amira.khan');
    const contacts = await contactsOf(t, 'amira.khan');
    valueOf(await t.call('method:addEmail', { email: 'amira@personal.example', confirmation: 'amira@personal.example' }));
    const code = await codeSentTo(t, 'amira@personal.example');
    stageOf(await t.call('method:confirm', { code }), 'method_review');
    const back = stageOf(await t.call('method:cancel', {}), 'methods');
    expect(back.saved).toBeNull();
    expect(back.methods.map((method) => method.masked)).toEqual(['a•••n@h•••.example']);
    expect(await contactsOf(t, 'amira.khan')).toEqual(contacts);
    expect(await t.call('method:save', {})).toEqual(fail('WRONG_STAGE'));
  });
});

describeEachBackend('registration: a mobile number proven by a text code', (backend) => {
  it('parses the number as texts do, sends the code by text, and saves it in E.164', async () => {
    const t = await kiosks.start({ backend });
    await registerAs(t, 'grace.nowak');
    const before = await dumpStore(t.kiosk.store);
    for (const phone of ['12', '07700 900123', '+44 20 7946 0000', 'not a number', '07400 123456 ext. 12']) {
      expect(await t.call('method:addPhone', { phone }), phone).toEqual(fail('PHONE_INVALID'));
    }
    expect(await dumpStore(t.kiosk.store)).toBe(before);

    const view = stageOf(await t.call('method:addPhone', { phone: '07400 123456' }), 'method_code');
    expect(view).toMatchObject({ kind: 'phone', masked: '+44 •••• ••• 456', delivery: 'pending' });
    const code = await codeSentTo(t, '+447400123456');
    expect(t.kiosk.demoOutbox!.messages().at(-1)!.text).toMatch(/^Northfield University mobile number code: \d{8}\n/);
    stageOf(await t.call('method:confirm', { code }), 'method_review');
    const since = t.kiosk.demoOutbox!.messages().length;
    const saved = stageOf(await t.call('method:save', {}), 'methods');
    expect(saved.methods).toEqual([{ id: expect.stringMatching(/^phone:\d+$/), kind: 'phone', masked: '+44 •••• ••• 456', addedAt: t.clock.now().toISOString() }]);
    expect((await contactsOf(t, 'grace.nowak')).map((row) => row.value)).toEqual(['+447400123456']);
    // Her only address is the new mobile: it is told by text.
    const [notice] = await messagesAfter(t, since);
    expect(notice).toMatchObject({ channel: 'sms', to: '+447400123456' });
        expect(notice!.text).toBe('Northfield University: a mobile number ending in 456 was added to your account at a kiosk on Mar 2, 9:00 AM. Not you? Call the IT Service Desk on 01632 960 321.');

    // The same number again is already registered.
    expect(await t.call('method:addPhone', { phone: '+44 7400 123456' })).toEqual(fail('METHOD_ALREADY_REGISTERED'));
  });

  it('removes a method after review, telling the removed address too; never below the required number', async () => {
    const t = await kiosks.start({ backend, configure: (config) => ({ ...config, registration: { ...config.registration, requiredMethods: 2 } }) });
    const { methods } = await registerAs(t, 'ben.okafor');
    const phone = methods.find((method) => method.kind === 'phone')!;
    const review = stageOf(await t.call('method:remove', { id: phone.id }), 'method_review');
    expect(review.change).toEqual({ action: 'remove', kind: 'phone', masked: '+44 •••• ••• 123' });
    const since = t.kiosk.demoOutbox!.messages().length;
    const saved = stageOf(await t.call('method:save', {}), 'methods');
    expect(saved.saved).toEqual({ change: { action: 'remove', kind: 'phone', masked: '+44 •••• ••• 123' }, notice: 'queued' });
    expect(saved.methods.map((method) => method.kind)).toEqual(['email', 'email']);
    const notices = await messagesAfter(t, since);
    expect(notices.map((m) => m.to).sort()).toEqual(['+447700900123', 'ben.okafor@homemail.example', 'ben.okafor@mail.example']);
    expect(notices.find((m) => m.channel === 'sms')!.text).toContain('a mobile number ending in 123 was removed from your account');
    expect(JSON.parse((await auditOf(t)).find((row) => row.event === 'register.method_removed')!.detail)).toEqual({ kind: 'phone', noticesQueued: 3 });

    // Two left, two required: neither can go.
    const before = await dumpStore(t.kiosk.store);
    for (const method of saved.methods) expect(await t.call('method:remove', { id: method.id })).toEqual(fail('METHODS_REQUIRED'));
    // Another account's method is not this person's to remove.
    const erinPhone = (await contactsOf(t, 'erin.walsh'))[0]!;
    expect(await t.call('method:remove', { id: `phone:${erinPhone.id}` })).toEqual(fail('BAD_INPUT'));
    expect(await dumpStore(t.kiosk.store)).toBe(before);
  });
});
