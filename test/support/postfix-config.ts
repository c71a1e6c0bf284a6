/**
 * The text of a throwaway Postfix + Dovecot pair's configuration files, for test/support/postfix-server.ts.
 * Pure: paths, ports and ids come in, file contents go out, so the settings can be read in one place.
 */

export interface PostfixLayout {
  /** Everything of one instance lives under this temp folder. */
  root: string;
  configDir: string;
  queueDir: string;
  dataDir: string;
  mailDir: string;
  dovecotDir: string;
}

export interface PostfixSettings {
  layout: PostfixLayout;
  serverName: string;
  domain: string;
  /** STARTTLS + AUTH. */
  submissionPort: number;
  /** Implicit TLS + AUTH. */
  submissionsPort: number;
  /** Owner of delivered Maildirs (virtual(8) refuses root and system ids). */
  mailUid: number;
  mailGid: number;
}

export function layoutUnder(root: string): PostfixLayout {
  return {
    root,
    configDir: `${root}/etc`,
    queueDir: `${root}/queue`,
    dataDir: `${root}/data`,
    mailDir: `${root}/mail`,
    dovecotDir: `${root}/dovecot`,
  };
}

export function mainCf(settings: PostfixSettings): string {
  const { layout, serverName, domain, mailUid, mailGid } = settings;
  const etc = layout.configDir;
  return `# A test instance, started by test/support/postfix-server.ts and removed after the test.
compatibility_level = 3.6
queue_directory = ${layout.queueDir}
data_directory = ${layout.dataDir}
# Not /etc/postfix: nothing of the system's Postfix is read. Its dynamicmaps.cf there is not needed,
# because texthash and static tables are built in.
meta_directory = ${layout.configDir}
mail_owner = postfix
setgid_group = postdrop
myhostname = ${serverName}
mydomain = ${domain}
myorigin = $mydomain
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
biff = no
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
smtpd_banner = $myhostname ESMTP
# Postfix logs through postlogd to this file: there is no syslog daemon on a CI machine.
maillog_file = ${layout.root}/maillog
maillog_file_prefixes = ${layout.root}

# Nothing leaves the machine: any address outside the test domain bounces inside Postfix.
relayhost =
default_transport = error:5.7.1 test server delivers nothing outside ${domain}
relay_transport = error:5.7.1 test server delivers nothing outside ${domain}

# Every address of the test domain is a Maildir; any other address in it is refused at RCPT TO
# (550 5.1.1, smtpd_reject_unlisted_recipient). texthash: tables need no postmap run.
virtual_mailbox_domains = ${domain}
virtual_mailbox_base = ${layout.mailDir}
virtual_mailbox_maps = texthash:${etc}/mailboxes
virtual_uid_maps = static:${mailUid}
virtual_gid_maps = static:${mailGid}

smtpd_tls_chain_files = ${etc}/key.pem, ${etc}/cert.pem
smtpd_tls_security_level = none
smtpd_sasl_type = dovecot
# Relative to the queue folder; Dovecot's auth listener is created there.
smtpd_sasl_path = private/auth
# Which login may use which envelope sender (reject_sender_login_mismatch answers 553 otherwise).
smtpd_sender_login_maps = texthash:${etc}/sender-logins
`;
}

// Columns: service type private unpriv chroot wakeup maxproc command. Nothing is chrooted, so the
// queue folder needs no copies of /etc files.
const internalServices = `
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
postlog   unix-dgram n  -       n       -       1       postlogd
`;

// What both submission services share: a login is required for everything but the greeting.
const submissionOptions = [
  'smtpd_sasl_auth_enable=yes',
  'smtpd_relay_restrictions=permit_sasl_authenticated,reject',
  'smtpd_recipient_restrictions=permit_sasl_authenticated,reject',
  'smtpd_sender_restrictions=reject_sender_login_mismatch',
];

function service(port: number, name: string, options: string[]): string {
  return [`127.0.0.1:${port} inet n - n - - smtpd`, `  -o syslog_name=postfix/${name}`, ...options.map((option) => `  -o ${option}`)].join('\n');
}

export function masterCf(settings: PostfixSettings): string {
  return `${internalServices}
${service(settings.submissionPort, 'submission', [
  'smtpd_tls_security_level=encrypt',
  'smtpd_tls_auth_only=yes',
  // Sender checks answer MAIL FROM itself here; the implicit-TLS service keeps Postfix's default
  // (checks deferred to RCPT TO), so the tests see both ways a relay refuses a sender.
  'smtpd_delay_reject=no',
  ...submissionOptions,
])}
${service(settings.submissionsPort, 'submissions', ['smtpd_tls_wrappermode=yes', 'smtpd_tls_security_level=encrypt', ...submissionOptions])}
`;
}

export function dovecotConf(settings: PostfixSettings, instanceName: string): string {
  const dir = settings.layout.dovecotDir;
  return `# Dovecot only as Postfix's SASL back end: no IMAP or POP, nothing from /etc/dovecot.
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = ${instanceName}
protocols =
log_path = ${dir}/dovecot.log
ssl = no
# Postfix offers AUTH only inside TLS (smtpd_tls_auth_only, wrapper mode); Dovecot sees a local socket.
disable_plaintext_auth = no
auth_mechanisms = plain login
# Failed logins answer at once instead of after 2 s (Dovecot still batches failures every 0.5 s).
auth_failure_delay = 0
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${settings.mailUid} gid=${settings.mailGid} home=${dir}
}
service auth {
  unix_listener ${settings.layout.queueDir}/private/auth {
    mode = 0660
    user = postfix
    group = postfix
  }
}
# Without this, every login from 127.0.0.1 after a failed one waits 4 s or more (anvil's auth
# penalty, keyed on the client address); mode 0 leaves the penalty socket out, which turns it off.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;
}
