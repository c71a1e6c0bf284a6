/** Every table the migrations create, sorted: what a fresh database must hold in either dialect. */
export const allTables = [
  'accounts',
  'audit_anchors',
  'audit_chain_heads',
  'audit_log',
  'authenticators',
  'challenges',
  'contact_methods',
  'history_derivations',
  'history_salts',
  'key_checks',
  'outbox',
  'password_changes',
  'password_history',
  'schema_migrations',
  'throttle_blocks',
  'throttle_events',
];
