import type { KioskConfig } from '../../shared/config/config-schema.js';
import type { Language } from '../../shared/i18n/languages.js';
import { createAuditRetention } from './audit/audit-retention.js';
import { createAuthenticators } from './authenticator/authenticators.js';
import { createAuditTrail, recordAlone, type AuditTrail } from './audit/audit-trail.js';
import { createBackgroundTasks } from './background-tasks.js';
import { createCodeIssuer } from './codes/code-issuer.js';
import { effectivePolicy } from './config/effective-policy.js';
import type { HealthVerdict } from './delivery/channel-health.js';
import { createCodeDelivery } from './delivery/code-delivery.js';
import type { DeliveryChannels } from './delivery/delivery-channel.js';
import { createEmailChannel } from './delivery/email-channel.js';
import { describeFailureSummary } from './delivery/failure-summary.js';
import { createTextChannel } from './delivery/text-channel.js';
import { auditedDirectory } from './directory/audited-directory.js';
import { createStoreDirectory } from './directory/sqlite-directory.js';
import { createKioskJourneys } from './journeys/kiosk-journeys.js';
import { createPasswordSignIn } from './journeys/password-sign-in.js';
import { createMethodProof } from './journeys/registration/method-proof.js';
import { createMethodSaver } from './journeys/registration/save-change.js';
import { createAccountUnlocker } from './journeys/unlock-account.js';
import type { DerivedKeys } from './keys/derived-keys.js';
import type { NamePseudonym } from './keys/name-pseudonym.js';
import { createMaintenance } from './maintenance/maintenance.js';
import { createOutboxWorker } from './notifications/outbox-worker.js';
import type { Clock, Directory, EmailSender, GuessabilityChecker, PasswordHasher, RandomSource, SmsProvider } from './ports.js';
import { createAppProof } from './proofs/app-proof.js';
import { createCodeProof } from './proofs/code-proof.js';
import { createCoolingOff } from './proofs/cooling-off.js';
import { createProofThrottle } from './proofs/proof-throttle.js';
import { createPasswordHistory } from './history/password-history.js';
import { createPasswordChanger } from './reset/password-change.js';
import { createPasswordJudge } from './reset/password-judge.js';
import type { Store } from './store/store.js';
import { createThrottle } from './throttle/throttle.js';
import { createTechnicianAccess } from './technician/technician-access.js';
import { technicianAccountsFor } from './technician/technician-accounts.js';
import { createTechnicianCases } from './technician/technician-cases.js';
import { createTechnicianSession } from './technician/technician-session.js';
import { createHelpTicketStep } from './tickets/help-ticket-step.js';
import { withAssistedActor } from './technician/assisted-audit.js';
import type { AssistFinished, AssistMark } from './session/assist-mark.js';

export interface ServiceDeps {
  config: KioskConfig;
  store: Store;
  keys: DerivedKeys;
  pseudonym: NamePseudonym;
  hasher: PasswordHasher;
  clock: Clock;
  random: RandomSource;
  guessability: GuessabilityChecker;
  email: EmailSender;
  /** Text messages, when the configuration offers them. */
  sms: SmsProvider | null;
  log: (line: string) => void;
  onSessionEnded?: () => void;
  /** Tests wrap the audit trail to make a write fail half-way; everything else uses the real one. */
  wrapAudit?: (audit: AuditTrail) => AuditTrail;
  /** The configured directory (kiosk.ts opens it); the embedded one over the store when absent. */
  directory?: Directory;
  /**
   * Why this machine cannot keep authenticator secrets safely (the KeyProtector's refusal), or null.
   * Absent: null (plain Node, where the 0600 key file is the protection).
   */
  secretsRefusal?: string | null;
}

/**
 * Every service of the kiosk, wired once: the composition root (kiosk.ts) and the tests that need to
 * reach inside (a failing write, a counted argon2 call) build the very same graph.
 */
export function createKioskServices(deps: ServiceDeps) {
  const { config, store, keys, pseudonym, hasher, clock, random, guessability, email, log } = deps;
  const background = createBackgroundTasks(log);
  const realAudit = createAuditTrail({ kioskId: config.kiosk.id, clock, chainKey: keys.auditChain, pseudonym });
  // While a technician's person-only step runs, the person's own rows name the technician (assisted-audit.ts).
  let assistedNow: () => AssistMark | null = () => null;
  // Codes and notices are written in the walk-up session's language; the session is made further down.
  let sessionLanguage: () => Language = () => config.languages.default;
  const language = () => sessionLanguage();
  const audit = withAssistedActor(deps.wrapAudit?.(realAudit) ?? realAudit, () => assistedNow());
  const throttle = createThrottle({ clock, rules: config.throttle });
  const codes = createCodeIssuer({ random, clock, hmacKey: keys.codeHmac, settings: config.codes });
  const authenticators = createAuthenticators({
    clock,
    random,
    key: keys.authenticatorSecrets,
    issuer: config.branding.organisationName,
    refusal: deps.secretsRefusal ?? null,
    log,
  });
  // Whichever directory it is, each time it cannot be used leaves one audit record.
  const directory = auditedDirectory(deps.directory ?? createStoreDirectory(store, hasher, clock, config.lockout), { store, audit, log });
  const healthLog = (channel: string) => (verdict: HealthVerdict) =>
    log(verdict.up ? `${channel} delivery is working` : `${channel} delivery is down (${describeFailureSummary(verdict.failure)}); probing again in ${verdict.retryAfterSeconds} s`);
  const emailChannel = createEmailChannel({ email, config, clock, onHealthChange: healthLog('email') });
  const channels: DeliveryChannels = { email: emailChannel };
  const textChannel = deps.sms === null ? null : createTextChannel({ sms: deps.sms, config, clock, onHealthChange: healthLog('text message') });
  if (textChannel !== null) channels.sms = textChannel;
  const delivery = createCodeDelivery({ store, directory, codes, throttle, audit, channels, background, log });
  const outbox = createOutboxWorker({
    store,
    email,
    emailHealth: emailChannel.health,
    sms: deps.sms === null || textChannel === null ? null : { provider: deps.sms, health: textChannel.health },
    audit,
    clock,
    config,
    log,
  });
  const onNoticesQueued = () => background.start('notice outbox', async () => void (await outbox.runOnce()));
  // Every password set is kept in the kiosk's history, and the reuse check costs one argon2 derivation.
  const history = createPasswordHistory({ store, directory, clock, params: config.hashing, hasher });
  const changer = createPasswordChanger({ store, directory, audit, throttle, pseudonym, clock, config, log, onNoticesQueued, history, textNotices: deps.sms !== null, language });
  // Wrong codes by email, text or app, while registering or proving who one is, count toward the same limits.
  const proofThrottle = createProofThrottle({ throttle, audit, pseudonym, kioskId: config.kiosk.id });
  const registration = {
    store,
    proof: createMethodProof({ store, codes, throttle, audit, pseudonym, config, channels, background, log, proofThrottle, language }),
    save: createMethodSaver({
      store,
      audit,
      authenticators,
      clock,
      kiosk: config.kiosk,
      requiredMethods: config.registration.requiredMethods,
      textNotices: deps.sms !== null,
      onNoticesQueued,
      language,
    }),
    authenticators,
    config,
    texts: textChannel !== null,
  };
  const unlocker = createAccountUnlocker({ store, directory, audit, throttle, pseudonym, clock, kiosk: config.kiosk, textNotices: deps.sms !== null, log, onNoticesQueued, language });
  const technicianAccounts = technicianAccountsFor({ config, store, keys, audit, hasher, clock, random });
  // Technician mode: one technician session beside the walk-up one; when it ends, so does any
  // person-only step it started (technicianLeft), and the page goes back to the public start.
  let technicianLeft: () => Promise<void> = async () => undefined;
  const technicianSession = createTechnicianSession({
    clock,
    idleSeconds: config.technician.idleSeconds,
    idDocuments: config.technician.idDocuments,
    record: recordAlone({ store, audit }),
    stillActive: (signedIn) => technicianAccounts.isActive(signedIn.username),
    onEnded: async () => {
      await technicianLeft();
      deps.onSessionEnded?.();
    },
  });
  // Technician mode hears when an assisted step ends; the cases (over the walk-up session) come after it.
  let assistFinished: AssistFinished = () => undefined;
  const judge = createPasswordJudge({ rules: effectivePolicy(config), guessability, directory, hasher, history });
  const journeys = createKioskJourneys({
    store,
    directory,
    codes,
    proof: createCodeProof({ store, codes, throttle, audit, delivery, pseudonym, proofThrottle, config, language }),
    appProof: createAppProof({ store, authenticators, throttle, proofThrottle, audit, pseudonym }),
    proofThrottle,
    coolingOff: createCoolingOff({ store, clock, days: config.registration.coolingOffDays }),
    delivery,
    changer,
    unlocker,
    signIn: createPasswordSignIn({
      store,
      directory,
      hasher,
      throttle,
      audit,
      kioskId: config.kiosk.id,
      onProvenPassword: (accountId, password) => history.learnCurrent(accountId, judge.candidate(password)),
      log,
    }),
    audit,
    clock,
    judge,
    config,
    registration,
    ...(deps.onSessionEnded === undefined ? {} : { onSessionEnded: deps.onSessionEnded }),
    // The person typing at the technician's side keeps the technician session alive too.
    assist: { onAssistFinished: (mark, outcome) => assistFinished(mark, outcome), onAssistedActivity: () => technicianSession.touch() },
  });
  assistedNow = () => journeys.session.assisted();
  sessionLanguage = () => journeys.session.language();
  const cases = createTechnicianCases({
    session: technicianSession,
    store,
    directory,
    audit,
    pseudonym,
    throttle,
    throttleRules: config.throttle,
    authenticators,
    unlocker,
    walkUp: journeys.session,
    register: journeys.register,
    offerMethods: journeys.offerMethods,
    clock,
    kiosk: config.kiosk,
    idDocuments: config.technician.idDocuments,
    textNotices: deps.sms !== null,
    onNoticesQueued,
    log,
  });
  technicianLeft = () => cases.technicianLeft();
  assistFinished = cases.assistFinished;
  const access = createTechnicianAccess({
    session: technicianSession,
    accounts: technicianAccounts,
    store,
    throttle,
    audit,
    pseudonym,
    hasher,
    kioskId: config.kiosk.id,
    adminPinHash: config.kiosk.adminPinHash,
    assistProgress: () => cases.assistProgress(),
  });
  const technician = { session: technicianSession, access, cases, accounts: technicianAccounts };
  const tickets = createHelpTicketStep({
    store,
    session: journeys.session,
    audit,
    pseudonym,
    clock,
    random,
    kioskId: config.kiosk.id,
    ticketMinutes: config.technician.ticketMinutes,
  });

  const retention = createAuditRetention({ store, kioskId: config.kiosk.id, clock, retentionDays: config.audit.retentionDays, exportDir: config.audit.exportDir });
  const maintenance = createMaintenance({ store, throttle, changer, retention, clock });

  return {
    background,
    audit,
    throttle,
    codes,
    authenticators,
    directory,
    delivery,
    outbox,
    changer,
    judge,
    journeys,
    technician,
    tickets,
    retention,
    maintenance,
    emailHealth: emailChannel.health,
  };
}

export type KioskServices = ReturnType<typeof createKioskServices>;
