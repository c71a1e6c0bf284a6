import { useEffect, useRef } from 'react';
import { useIdleCountdown } from '../hooks/use-idle-countdown.js';
import { useWords } from '../i18n/use-words.js';
import { useFlow } from '../stores/bound-stores.js';
import { endWalkUpSession } from '../walk-up-wipe.js';
import { NumberInText } from './NumberInText.js';

/**
 * Walk-away protection: once a session holds anything of the person (a stage past the start, a
 * journey picked on the menu, a typed username or current password, a message about them), silence
 * for idleSeconds wipes it, after a final warning they can answer. The Done screen runs its own,
 * shorter countdown.
 */
export function IdleGuard({ idleSeconds }: { idleSeconds: number }) {
  const stage = useFlow((s) => s.view?.stage ?? null);
  // A "How this works" view left open counts too: the next person should find the menu.
  const hasChosen = useFlow((s) => s.choice !== null || s.helpFor !== null);
  const hasTyped = useFlow((s) => s.usernameDraft !== '' || s.currentPasswordDraft !== '');
  const hasError = useFlow((s) => s.error !== null);
  const reportActivity = useFlow((s) => s.reportActivity);
  const words = useWords();
  const holdsSomething = stage !== null && stage !== 'done' && (stage !== 'identify' || hasChosen || hasTyped || hasError);

  const { secondsLeft, stillHere } = useIdleCountdown({
    enabled: holdsSomething,
    idleSeconds,
    onExpire: () => void endWalkUpSession('timeout'),
    // Only once main holds a session: at the start screen there is nothing of the person in main.
    onActivity: stage !== null && stage !== 'identify' ? () => void reportActivity() : undefined,
  });

  const dialog = useRef<HTMLDialogElement>(null);
  const open = secondsLeft !== null;
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    // showModal makes the page behind inert and puts focus on the button, as a warning should.
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="idle-dialog"
      aria-labelledby="idle-heading"
      aria-describedby="idle-text"
      onCancel={(event) => {
        // Escape means "I am here" too; closing is left to the effect so state and dialog agree.
        event.preventDefault();
        stillHere();
      }}
    >
      <h2 id="idle-heading">{words.t('walkUp.idle.heading')}</h2>
      <p id="idle-text">
        <NumberInText words={words} id="walkUp.idle.text" name="seconds" value={secondsLeft ?? 0} className="idle-seconds" />
      </p>
      <button type="button" className="button button-primary" onClick={stillHere} autoFocus>
        {words.t('walkUp.idle.moreTime')}
      </button>
    </dialog>
  );
}
