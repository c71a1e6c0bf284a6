import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.js';
import { valueOf } from '../../support/core-kiosk.js';
import { useTestKiosks } from '../../support/kiosk-lifecycle.js';
import { codeSentTo, messagesAfter, registerAs, stageOf } from '../../support/registration.js';

const kiosks = useTestKiosks();

describe('registration in the language the person chose', () => {
  it('sends the new address its code, and every address the notice of the change, in that language', async () => {
    const t = await kiosks.start({});
    valueOf(await t.call('session:setLanguage', { language: 'es' }));
    await registerAs(t, 'amira.khan');
    const since = t.kiosk.demoOutbox!.messages().length;
    const words = createTranslator('es');
    const organisation = t.kiosk.config.branding.organisationName;

    stageOf(await t.call('method:addEmail', { email: 'amira.new@personal.example', confirmation: 'amira.new@personal.example' }), 'method_code');
    const code = await codeSentTo(t, 'amira.new@personal.example');
    const [codeMail] = await messagesAfter(t, since);
    expect(codeMail).toMatchObject({ channel: 'email', subject: words.t('notifications.code.register.subject', { organisation }) });
    expect(codeMail!.text).toContain(words.t('notifications.code.register.asked', { organisation }));

    stageOf(await t.call('method:confirm', { code }), 'method_review');
    stageOf(await t.call('method:save', {}), 'methods');
    const notices = (await messagesAfter(t, since)).filter((message) => message.subject === words.t('notifications.method.method_added.subject', { organisation }));
    expect(notices.map((message) => message.to).sort()).toEqual(['amira.khan@homemail.example', 'amira.new@personal.example']);
    for (const notice of notices) {
      expect(notice.text).toContain(words.t('notifications.method.added.email', { masked: 'a•••w@p•••.example', username: 'amira.khan' }));
      expect(notice.text).toContain(words.t('notifications.method.who'));
    }
  });
});
