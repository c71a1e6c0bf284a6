import type { MessageId } from '../../../shared/i18n/catalogues.js';
import type { Translator } from '../../../shared/i18n/translator.js';

/**
 * A whole sentence from the catalogue with its number shown in bold (a countdown). The sentence is
 * formatted as one message, so each language keeps its own word order and plural; the number is then
 * found in it, written as that language writes numbers, and wrapped.
 */
export function NumberInText(props: { words: Translator; id: MessageId; name: string; value: number; className: string }) {
  const text = props.words.t(props.id, { [props.name]: props.value });
  const number = new Intl.NumberFormat(props.words.language).format(props.value);
  const at = text.indexOf(number);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <strong className={props.className}>{number}</strong>
      {text.slice(at + number.length)}
    </>
  );
}
