import arCommon from './catalogues/ar/common.json' with { type: 'json' };
import arHelp from './catalogues/ar/help.json' with { type: 'json' };
import arNotifications from './catalogues/ar/notifications.json' with { type: 'json' };
import arRegistration from './catalogues/ar/registration.json' with { type: 'json' };
import arTechnician from './catalogues/ar/technician.json' with { type: 'json' };
import arWalkUp from './catalogues/ar/walk-up.json' with { type: 'json' };
import enCommon from './catalogues/en/common.json' with { type: 'json' };
import enHelp from './catalogues/en/help.json' with { type: 'json' };
import enNotifications from './catalogues/en/notifications.json' with { type: 'json' };
import enRegistration from './catalogues/en/registration.json' with { type: 'json' };
import enTechnician from './catalogues/en/technician.json' with { type: 'json' };
import enWalkUp from './catalogues/en/walk-up.json' with { type: 'json' };
import esCommon from './catalogues/es/common.json' with { type: 'json' };
import esHelp from './catalogues/es/help.json' with { type: 'json' };
import esNotifications from './catalogues/es/notifications.json' with { type: 'json' };
import esRegistration from './catalogues/es/registration.json' with { type: 'json' };
import esTechnician from './catalogues/es/technician.json' with { type: 'json' };
import esWalkUp from './catalogues/es/walk-up.json' with { type: 'json' };
import frCommon from './catalogues/fr/common.json' with { type: 'json' };
import frHelp from './catalogues/fr/help.json' with { type: 'json' };
import frNotifications from './catalogues/fr/notifications.json' with { type: 'json' };
import frRegistration from './catalogues/fr/registration.json' with { type: 'json' };
import frTechnician from './catalogues/fr/technician.json' with { type: 'json' };
import frWalkUp from './catalogues/fr/walk-up.json' with { type: 'json' };
import type { Language } from './languages.js';

/**
 * The message catalogues: flat JSON files of ICU MessageFormat strings (FormatJS's own format), one
 * file per namespace and language under catalogues/<language>/<namespace>.json. Every id starts with
 * its namespace ("walkUp.", "registration.", "technician.", "notifications.", "common.", "help."), so files
 * can be owned and translated apart without two ever claiming one id.
 */
type English = typeof enCommon & typeof enWalkUp & typeof enRegistration & typeof enTechnician & typeof enNotifications & typeof enHelp;

/** Every message id English has: a call with any other id does not compile. */
export type MessageId = keyof English;

export type Catalogue = Readonly<Record<string, string>>;

export const namespaces = ['common', 'walk-up', 'registration', 'technician', 'notifications', 'help'] as const;
export type Namespace = (typeof namespaces)[number];

/** The id prefix each namespace's file must use. */
export const namespacePrefixes: Record<Namespace, string> = {
  common: 'common.',
  'walk-up': 'walkUp.',
  registration: 'registration.',
  technician: 'technician.',
  notifications: 'notifications.',
  help: 'help.',
};

/** Per language and namespace, as the files hold them (the catalogue tests read these). */
export const catalogueFiles: Record<Language, Record<Namespace, Catalogue>> = {
  en: { common: enCommon, 'walk-up': enWalkUp, registration: enRegistration, technician: enTechnician, notifications: enNotifications, help: enHelp },
  fr: { common: frCommon, 'walk-up': frWalkUp, registration: frRegistration, technician: frTechnician, notifications: frNotifications, help: frHelp },
  es: { common: esCommon, 'walk-up': esWalkUp, registration: esRegistration, technician: esTechnician, notifications: esNotifications, help: esHelp },
  ar: { common: arCommon, 'walk-up': arWalkUp, registration: arRegistration, technician: arTechnician, notifications: arNotifications, help: arHelp },
};

export function catalogueOf(language: Language): Catalogue {
  return Object.assign({}, ...Object.values(catalogueFiles[language])) as Catalogue;
}
