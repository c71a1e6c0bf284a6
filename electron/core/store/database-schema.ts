import type { Generated } from 'kysely';

/**
 * The kiosk's tables as Kysely sees them, for SQLite and PostgreSQL alike. Times are ISO-8601 UTC
 * strings (`Date#toISOString`) in both dialects, so comparisons are plain string comparisons and a
 * row reads the same whichever database holds it; flags are 0/1 integers for the same reason.
 */
export interface Database {
  schema_migrations: { version: number; name: string; applied_at: string };
  accounts: AccountsTable;
  password_history: PasswordHistoryTable;
  contact_methods: ContactMethodsTable;
  challenges: ChallengesTable;
  throttle_events: ThrottleEventsTable;
  throttle_blocks: ThrottleBlocksTable;
  audit_log: AuditLogTable;
  audit_chain_heads: AuditChainHeadsTable;
  audit_anchors: AuditAnchorsTable;
  outbox: OutboxTable;
  password_changes: PasswordChangesTable;
  key_checks: KeyChecksTable;
  authenticators: AuthenticatorsTable;
  technicians: TechniciansTable;
  help_tickets: HelpTicketsTable;
}

export interface AccountsTable {
  id: Generated<number>;
  username: string;
  /** NFC + lower case of `username`: the one lookup key, case-insensitive the same way in both dialects. */
  username_key: string;
  first_name: string;
  last_name: string;
  status: 'active' | 'disabled';
  locked: number;
  locked_at: string | null;
  password_hash: string;
  password_changed_at: string;
  /** 'kiosk': the embedded directory's own account; 'directory': a shadow of an LDAP / AD person (migration 006). */
  source: Generated<'kiosk' | 'directory'>;
}

export interface PasswordHistoryTable {
  id: Generated<number>;
  account_id: number;
  password_hash: string;
  set_at: string;
  retired_at: string;
}

export interface ContactMethodsTable {
  id: Generated<number>;
  account_id: number;
  kind: 'email' | 'phone';
  value: string;
  verified_at: string | null;
  /** 'directory': listed by the LDAP / AD directory and kept in step with it (migration 006). */
  source: Generated<'kiosk' | 'directory'>;
}

export interface ChallengesTable {
  id: string;
  /** null until the background delivery finds a registered account behind the typed name (often never). */
  account_id: number | null;
  /** The keyed pseudonym of the name as typed, never the typed text itself. */
  username_key: string;
  purpose: string;
  method: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  failed_tries: number;
  max_tries: number;
  consumed_at: string | null;
}

export interface ThrottleEventsTable {
  id: Generated<number>;
  scope: string;
  subject: string;
  at: string;
}

export interface ThrottleBlocksTable {
  scope: string;
  subject: string;
  blocked_at: string;
  blocked_until: string;
  cause_event_id: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  kiosk_id: string;
  event: string;
  /** The account's own username when the typed name resolved to one; otherwise null. */
  username: string | null;
  /** Keyed pseudonym of the name as typed, so the desk can correlate attempts without the text. */
  name_key: string | null;
  outcome: 'ok' | 'refused' | 'failed';
  actor: string | null;
  detail: string;
  /** Position in this kiosk's chain (1, 2, ...); 0 for rows written before the chain existed. */
  seq: number;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadsTable {
  kiosk_id: string;
  seq: number;
  hash: string;
}

/** Where a kiosk's chain continues after older records were exported and pruned. */
export interface AuditAnchorsTable {
  kiosk_id: string;
  seq: number;
  hash: string;
  pruned_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  channel: 'email' | 'sms';
  recipient: string;
  /** JSON of the template's non-secret inputs; nothing in the outbox is ever a code or password. */
  payload: string;
  /** The language the notice is written in (a Language code); null on rows queued before it was kept. */
  language: string | null;
  created_at: string;
  next_attempt_at: string;
  attempts: number;
  claimed_by: string | null;
  claimed_until: string | null;
  sent_at: string | null;
  gave_up_at: string | null;
  last_error: string | null;
}

export interface PasswordChangesTable {
  id: Generated<number>;
  account_id: number;
  username: string;
  name_key: string;
  kiosk_id: string;
  purpose: string;
  /** 'pending' from before the directory write until its bookkeeping is done or it is known not to have happened. */
  state: 'pending' | 'completed' | 'abandoned';
  started_at: string;
  finished_at: string | null;
  was_locked: number;
}

/** A keyed fingerprint per derived key, so a kiosk started with the wrong deployment key is refused. */
export interface KeyChecksTable {
  purpose: string;
  check_value: string;
  created_at: string;
}

/** One authenticator app per account; the secret only as ciphertext (see migrations/004-authenticators.ts). */
export interface AuthenticatorsTable {
  id: Generated<number>;
  account_id: number;
  /** base64 of AES-256-GCM ciphertext followed by its 16-byte tag. */
  secret_ciphertext: string;
  /** base64 of the 12-byte nonce, fresh for every secret. */
  nonce: string;
  added_at: string;
  /** The newest TOTP time step accepted; a code for this step or an earlier one is refused. */
  last_step: number | null;
}

/** Technician accounts of the kiosk (see migrations/005-technicians-and-tickets.ts). */
export interface TechniciansTable {
  id: Generated<number>;
  username: string;
  username_key: string;
  display_name: string;
  role: 'technician';
  /** argon2id PHC string. */
  password_hash: string;
  /** The authenticator secret as AES-256-GCM ciphertext + tag (base64), bound to the technician. */
  totp_ciphertext: string;
  totp_nonce: string;
  totp_last_step: number | null;
  status: 'active' | 'disabled';
  created_at: string;
  disabled_at: string | null;
}

/** Help tickets from the walk-up screens, deleted once expired. */
export interface HelpTicketsTable {
  code: string;
  kiosk_id: string;
  typed_name: string;
  purpose: 'reset' | 'unlock';
  /** JSON array of TicketEvent. */
  tried: string;
  created_at: string;
  expires_at: string;
}
