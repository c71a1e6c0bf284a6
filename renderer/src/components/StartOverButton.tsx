import { endWalkUpSession } from '../walk-up-wipe.js';

export function StartOverButton() {
  return (
    <button type="button" className="button button-quiet start-over" onClick={() => void endWalkUpSession()}>
      Start over
    </button>
  );
}
