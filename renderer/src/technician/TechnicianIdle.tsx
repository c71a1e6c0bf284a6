import { useIdleCountdown } from '../hooks/use-idle-countdown.js';
import { useTechnician } from '../stores/bound-stores.js';
import { useWords } from '../i18n/use-words.js';
import { idleNoticeWords } from '../technician-messages.js';

/**
 * The technician session's idle limit, shown and kept: any key or touch (the technician's or the
 * assisted person's) tells main, at most every few seconds, that someone is still at the kiosk. Main
 * ends the session by its own clock too; this only signs out on time when nobody answers.
 */
export function TechnicianIdle({ idleSeconds }: { idleSeconds: number }) {
  const words = useWords();
  const stillHere = useTechnician((s) => s.stillHere);
  const signOut = useTechnician((s) => s.signOut);
  const { secondsLeft } = useIdleCountdown({
    enabled: true,
    idleSeconds,
    onExpire: () => void signOut(),
    onActivity: () => void stillHere(),
  });
  return (
    <p className={secondsLeft === null ? 'technician-idle' : 'technician-idle technician-idle-warning'} data-testid="technician-idle">
      {secondsLeft === null ? idleNoticeWords(words, idleSeconds) : words.t('technician.idle.warning', { seconds: secondsLeft })}
    </p>
  );
}
