import type { PolicyRuleCode } from '../../../../shared/policy/rule-codes.js';
import type { PieceKind } from './piece.js';

/** The rule code that names each kind of piece over IPC; the words are the renderer's. */
export const ruleCodeOfKind: Readonly<Record<PieceKind, PolicyRuleCode>> = {
  sequence: 'built_on_sequence',
  word: 'built_on_word',
  personal: 'built_on_name',
  year: 'plus_year',
  date: 'plus_date',
  digits: 'plus_number',
  repeat: 'plus_repeat',
};
