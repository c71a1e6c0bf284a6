import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../tools/preview/host.js';
import { requireBuiltRenderer, startScreen } from '../support/browser-preview.js';

describe('startPreview with a config file instead of the demo', () => {
  let folder: string;
  let preview: Preview;

  beforeAll(async () => {
    requireBuiltRenderer();
    folder = await mkdtemp(path.join(os.tmpdir(), 'preview-config-file-'));
    const file = path.join(folder, 'kiosk.yaml');
    // No data/ folder yet: the core creates the database's folder on first start.
    // Demo mail (nothing leaves the machine), but this file's own organisation and a relative database path.
    await writeFile(
      file,
      [
        'demo: true',
        'kiosk: { id: front-desk-2, idleSeconds: 90 }',
        'branding:',
        '  organisationName: Eastbrook College',
        '  departmentName: Digital Services',
        '  serviceDesk: { name: Help Point }',
        'store: { path: data/kiosk.db }',
        'mail: { from: "Digital Services <digital@eastbrook.example>" }',
      ].join('\n'),
    );
    preview = await startPreview({ configPath: file, headless: true });
  });
  afterAll(async () => {
    await preview?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('runs the kiosk from that file: its branding in the page, its database beside the file', async () => {
    const { page, kiosk } = preview;
    await startScreen(page).waitFor();
    expect(await page.getByRole('banner').innerText()).toContain('Eastbrook College');
    expect(await page.getByTestId('stage-identify').innerText()).toContain(
      'Digital Services will never email you a link to change your password.',
    );
    expect(kiosk.config.kiosk.id).toBe('front-desk-2');
    expect(kiosk.config.store).toEqual({ kind: 'sqlite', path: path.join(folder, 'data', 'kiosk.db') });
    const info = await page.evaluate(() => (globalThis as unknown as { kiosk: { info(): Promise<unknown> } }).kiosk.info());
    expect(info).toMatchObject({ ok: true, value: { organisationName: 'Eastbrook College', idleSeconds: 90, kioskId: 'front-desk-2' } });
  });
});
