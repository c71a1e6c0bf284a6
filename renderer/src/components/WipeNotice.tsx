import { useWords } from '../i18n/use-words.js';
import { useWipeNotice } from '../wipe-notice.js';

/**
 * The start screen's "cleared for your privacy" line after the kiosk cleared itself. The status
 * region is always there (empty otherwise), so a screen reader announces the line when it appears.
 */
export function WipeNotice() {
  const shown = useWipeNotice((s) => s.shown);
  const { t } = useWords();
  return (
    <div role="status" className="wipe-notice-region" data-testid="wipe-notice">
      {shown ? <p className="status wipe-notice">{t('walkUp.done.cleared')}</p> : null}
    </div>
  );
}
