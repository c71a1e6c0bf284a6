import type { Purpose } from '../../../shared/flow/stages.js';
import { ActionBar } from '../components/ActionBar.js';
import { HowItWorksIcon } from '../components/HowItWorksIcons.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useLoadedInfo, useMessageContext } from '../hooks/use-message-context.js';
import { howItWorksLeadIds, howItWorksSteps } from '../how-it-works-steps.js';
import { journeyTitleIds } from '../messages.js';
import { useFlow } from '../stores/bound-stores.js';

/**
 * "How this works" for one journey: its steps in words and simple pictures (the service page's
 * clips, without video). Read-only help over main's start stage: "Back" returns to the menu and
 * "Start now" opens the journey's first screen, both the renderer's own choice.
 */
export function HowItWorksScreen({ purpose }: { purpose: Purpose }) {
  const info = useLoadedInfo();
  const { words, organisationName } = useMessageContext();
  const { t } = words;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const showHelp = useFlow((s) => s.showHelp);
  const choose = useFlow((s) => s.choose);
  const steps = howItWorksSteps(purpose, info.proofMethods);

  return (
    <section className="stage how-it-works" data-testid="stage-identify" data-screen="help" data-journey={purpose}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {t('help.heading', { journey: t(journeyTitleIds[purpose]) })}
      </h1>
      <p className="lead">{t(howItWorksLeadIds[purpose])}</p>
      <ol className="how-steps" aria-label={t('help.steps')}>
        {steps.map((step) => (
          <li key={step.title} className="how-step" data-step={step.picture}>
            <HowItWorksIcon picture={step.picture} />
            <div className="how-step-words">
              <h2 className="how-step-title">{t(step.title)}</h2>
              <p>{t(step.text, { organisation: organisationName })}</p>
            </div>
          </li>
        ))}
      </ol>
      <ActionBar startOver={false}>
        <button type="button" className="button button-primary" data-action="start" onClick={() => choose(purpose)}>
          {t('help.start')}
        </button>
        <button type="button" className="button button-secondary" data-action="back" onClick={() => showHelp(null)}>
          {t('help.back')}
        </button>
      </ActionBar>
    </section>
  );
}
