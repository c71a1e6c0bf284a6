import type { Page } from 'playwright-core';

/**
 * The check behind "every word on the screen comes from a catalogue". The page must run in the
 * marked pseudo-language (`markCatalogueWords(page)` before it loads): every catalogue message is
 * then shown wrapped in ⟦ ⟧, so any text outside the marks was written somewhere else.
 *
 * Exempt, with their whole content:
 * - `[data-config-text]`: the organisation's and department's names and the Service Desk details,
 *   shown bare from the configuration;
 * - `[data-value-text]`: values that are not words at all (a help ticket's code, the languages each
 *   in its own name, the demo inbox's copies of sent messages).
 * Everything else, screen-reader-only text included, must be inside marks; values such as a desk's
 * name are allowed only inside a marked message (interpolated). Closed dialogs and other elements
 * that are not rendered are skipped.
 */
export const exemptSelector = '[data-config-text], [data-value-text]';

/** The attributes that are read out or shown, and so must be marked too. */
export const wordAttributes = ['aria-label', 'placeholder', 'title', 'alt'] as const;

/** Call before the page (re)loads: the translator reads the flag once, when it is first made. */
export async function markCatalogueWords(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (globalThis as unknown as { kioskMarkCatalogueWords: boolean }).kioskMarkCatalogueWords = true;
  });
}

/**
 * Every piece of text on the page that is outside ⟦ ⟧, each with where it is (tag, test id, class),
 * e.g. `p.lead: "Choose one."` or `button[aria-label]: "Close"`. Empty when every word is marked.
 * `alsoSkip`: a selector for parts another walk checks (e.g. the technician's door on a walk-up walk).
 */
export async function unmarkedTexts(page: Page, options: { alsoSkip?: string } = {}): Promise<string[]> {
  const exempt = options.alsoSkip === undefined ? exemptSelector : `${exemptSelector}, ${options.alsoSkip}`;
  return page.evaluate(
    ({ exempt, attributes }) => {
      // Runs in the page; the test tsconfig has no DOM types, so name just what is used.
      interface Node {
        nodeType: number;
        nodeValue: string | null;
        parentElement: Element | null;
      }
      interface Element extends Node {
        tagName: string;
        className: unknown;
        closest(selector: string): Element | null;
        getAttribute(name: string): string | null;
        checkVisibility(options?: object): boolean;
        querySelectorAll(selector: string): ArrayLike<Element>;
      }
      interface Walker {
        nextNode(): Node | null;
      }
      const { document } = globalThis as unknown as {
        document: { body: Element; createTreeWalker(root: Element, show: number): Walker };
      };
      const showText = 4;
      const found: string[] = [];
      const where = (element: Element) => {
        const testId = element.closest('[data-testid]')?.getAttribute('data-testid');
        const className = typeof element.className === 'string' && element.className !== '' ? `.${element.className.split(' ')[0]}` : '';
        return `${testId === undefined || testId === null ? '' : `[${testId}] `}${element.tagName.toLowerCase()}${className}`;
      };
      const shown = (element: Element) => element.checkVisibility({ visibilityProperty: true });

      // Text: one stream in document order, so a message split by an element (a bold number) still counts as marked.
      let depth = 0;
      const walker = document.createTreeWalker(document.body, showText);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent === null || parent.closest(exempt) !== null || parent.closest('script, style, template') !== null || !shown(parent)) continue;
        let outside = '';
        for (const character of node.nodeValue ?? '') {
          if (character === '⟦') depth += 1;
          else if (character === '⟧') depth = Math.max(0, depth - 1);
          else if (depth === 0) outside += character;
        }
        if (outside.trim() !== '') found.push(`${where(parent)}: "${outside.trim()}"`);
      }

      // Attributes: each must be one whole marked message (or empty, as a decorative image's alt is).
      const selector = attributes.map((name) => `[${name}]`).join(', ');
      const elements = document.body.querySelectorAll(selector);
      for (let index = 0; index < elements.length; index += 1) {
        const element = elements[index];
        if (element === undefined || element.closest(exempt) !== null || !shown(element)) continue;
        for (const name of attributes) {
          const value = element.getAttribute(name)?.trim();
          if (value === undefined || value === '') continue;
          if (!(value.startsWith('⟦') && value.endsWith('⟧'))) found.push(`${where(element)}[${name}]: "${value}"`);
        }
      }
      return found;
    },
    { exempt, attributes: [...wordAttributes] },
  );
}

/** Strips the marks, for assertions on what a person reads (`plainWords(await el.innerText())`). */
export function plainWords(text: string): string {
  return text.replace(/[⟦⟧]/g, '');
}
