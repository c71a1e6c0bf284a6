import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { catalogueFiles, namespacePrefixes, namespaces } from '../../../shared/i18n/catalogues.js';
import { languageCodes, sourceLanguage } from '../../../shared/i18n/languages.js';

/** The names a message expects to be given ({count}, {until, time, short}, <b>..</b>), sorted. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

const sorted = (set: Set<string>) => [...set].sort();

describe('message catalogues', () => {
  const english = catalogueFiles[sourceLanguage];

  it.each(namespaces)('every id in %s files starts with the namespace prefix, in every language', (namespace) => {
    for (const language of languageCodes) {
      const wrong = Object.keys(catalogueFiles[language][namespace]).filter((id) => !id.startsWith(namespacePrefixes[namespace]));
      expect(wrong, `${language}/${namespace}.json`).toEqual([]);
    }
  });

  it.each(languageCodes.filter((language) => language !== sourceLanguage))('%s has every key English has, and no other', (language) => {
    for (const namespace of namespaces) {
      const own = Object.keys(catalogueFiles[language][namespace]).sort();
      const source = Object.keys(english[namespace]).sort();
      expect({ namespace, missing: source.filter((id) => !own.includes(id)) }).toEqual({ namespace, missing: [] });
      expect({ namespace, extra: own.filter((id) => !source.includes(id)) }).toEqual({ namespace, extra: [] });
    }
  });

  it.each(languageCodes)('every %s message parses as ICU MessageFormat and takes the same values as English', (language) => {
    for (const namespace of namespaces) {
      for (const [id, message] of Object.entries(catalogueFiles[language][namespace])) {
        const own = sorted(argumentsOf(parse(message)));
        const source = english[namespace][id];
        if (source === undefined) continue;
        expect({ id, values: own }).toEqual({ id, values: sorted(argumentsOf(parse(source))) });
        expect(message.trim(), `${language} ${id} is empty`).not.toBe('');
      }
    }
  });
});
