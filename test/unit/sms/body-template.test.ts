import { describe, expect, it } from 'vitest';
import { placeholdersUsed, renderBody } from '../../../electron/core/sms/body-template.js';

const values = { to: '+447400123456', text: 'Code "123" \\ {from} & x=1\n}', from: 'ExampleUni' };

describe('filling a gateway body template', () => {
  it('JSON: every field is a JSON string holding exactly its filled value, so quotes and braces cannot add fields', () => {
    const { contentType, payload } = renderBody(
      { encoding: 'json', template: { to: '{to}', message: '{text}', sender: '{from}', note: 'to {to} from {from}' } },
      { ...values, text: '", "admin": true, "x": "' },
    );
    expect(contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(payload)).toEqual({
      to: '+447400123456',
      message: '", "admin": true, "x": "',
      sender: 'ExampleUni',
      note: 'to +447400123456 from ExampleUni',
    });
  });

  it('form: & = + and line breaks are percent-encoded, so the text cannot start another field', () => {
    const { contentType, payload } = renderBody({ encoding: 'form', template: { To: '{to}', Body: '{text}' } }, { ...values, text: 'a&admin=1+2\n' });
    expect(contentType).toBe('application/x-www-form-urlencoded; charset=utf-8');
    const fields = new URLSearchParams(payload);
    expect([...fields.keys()]).toEqual(['To', 'Body']);
    expect(fields.get('To')).toBe('+447400123456');
    expect(fields.get('Body')).toBe('a&admin=1+2\n');
  });

  it('fills placeholders in one pass: a placeholder inside the message text stays text', () => {
    const { payload } = renderBody({ encoding: 'json', template: { message: '{text}' } }, values);
    expect(JSON.parse(payload)).toEqual({ message: values.text });
  });

  it('lists the placeholders a template uses', () => {
    expect([...placeholdersUsed({ a: '{to}', b: 'x {text} {to}', c: 'plain' })].sort()).toEqual(['text', 'to']);
  });
});
