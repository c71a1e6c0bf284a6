/**
 * The demo's fictional people. README, browser tests and the seed all read this one list, so the
 * passwords printed for a presenter are the ones the demo database really holds. Every password
 * follows the campus policy (12-20 letters and digits, upper, lower and digit, no name in it).
 */
export interface DemoAccount {
  username: string;
  firstName: string;
  lastName: string;
  password: string;
  /** Passwords this person used before, oldest first: reuse of these is refused too. */
  earlierPasswords: string[];
  emails: { address: string; verified: boolean }[];
  phones: { number: string; verified: boolean }[];
  locked: boolean;
  description: string;
}

export const demoAccounts: readonly DemoAccount[] = [
  {
    username: 'amira.khan',
    firstName: 'Amira',
    lastName: 'Khan',
    password: 'Wq3nVb8zHt5kLp',
    earlierPasswords: ['Rj6tYe2mXc9vGd'],
    emails: [
      { address: 'amira.khan@homemail.example', verified: true },
      { address: 'amira.k@home.example', verified: false },
    ],
    phones: [],
    locked: false,
    description: 'Registered for reset by email (one verified address; an unverified one that never receives mail).',
  },
  {
    username: 'ben.okafor',
    firstName: 'Ben',
    lastName: 'Okafor',
    password: 'Lp9xRm4cYd7sQw',
    earlierPasswords: [],
    emails: [
      { address: 'ben.okafor@homemail.example', verified: true },
      { address: 'ben.okafor@mail.example', verified: true },
    ],
    phones: [{ number: '+447700900123', verified: true }],
    locked: false,
    description: 'Registered with two verified email addresses and a verified mobile number.',
  },
  {
    username: 'chloe.martin',
    firstName: 'Chloe',
    lastName: 'Martin',
    password: 'Fz6hTk2wNq8jBm',
    earlierPasswords: [],
    emails: [],
    phones: [],
    locked: false,
    description: 'Not registered: sees the same screens as everyone, but no code ever arrives.',
  },
  {
    username: 'dev.patel',
    firstName: 'Dev',
    lastName: 'Patel',
    password: 'Gm5rXv3bPc9yTs',
    earlierPasswords: [],
    emails: [{ address: 'dev.patel@homemail.example', verified: true }],
    phones: [],
    locked: true,
    description: 'Locked out after too many sign-in attempts: "Account locked?" unlocks it by email; a reset by email also unlocks it.',
  },
  {
    username: 'erin.walsh',
    firstName: 'Erin',
    lastName: 'Walsh',
    password: 'Hv4mTq8zRn2cWx',
    earlierPasswords: [],
    emails: [],
    phones: [{ number: '+447700900456', verified: true }],
    locked: false,
    description: 'Registered with a mobile number only: reset or unlock by text message.',
  },
  {
    username: 'farid.haddad',
    firstName: 'Farid',
    lastName: 'Haddad',
    password: 'Kp7wXs3nDq9vTb',
    earlierPasswords: [],
    emails: [],
    phones: [{ number: '+447700900789', verified: true }],
    locked: true,
    description: 'Locked out, registered with a mobile number only: "Account locked?" unlocks it by text.',
  },
  {
    username: 'grace.nowak',
    firstName: 'Grace',
    lastName: 'Nowak',
    password: 'Tc8vPw3qLm6rZy',
    earlierPasswords: [],
    emails: [],
    phones: [],
    locked: false,
    description: 'Knows her password but has no methods yet: "Set up password reset and sign-in methods" registers an email, a mobile and an app, which then reset her password.',
  },
];
