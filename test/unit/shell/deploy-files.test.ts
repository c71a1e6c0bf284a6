import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The deployment files docs/running-as-a-kiosk.md tells people to copy (deploy/). Nothing here can start
 * a kiosk session (no display, no cage, no Windows), so the keys that matter are checked, and the systemd
 * unit also by systemd-analyze where this machine has it.
 */

const deployFile = (name: string) => readFileSync(new URL(`../../../deploy/${name}`, import.meta.url), 'utf8');

/** systemd/XDG-style INI: sections of repeated keys, in order; comments and blank lines dropped. */
function parseIni(text: string): Map<string, Array<[string, string]>> {
  const sections = new Map<string, Array<[string, string]>>();
  let current: Array<[string, string]> | null = null;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = sections.get(header[1] as string) ?? [];
      sections.set(header[1] as string, current);
      continue;
    }
    const pair = /^([A-Za-z][A-Za-z0-9-]*)=(.*)$/.exec(line);
    if (current === null || pair === null) throw new Error(`line ${index + 1} is neither a section nor key=value: ${raw}`);
    current.push([pair[1] as string, pair[2] as string]);
  }
  return sections;
}

function values(sections: Map<string, Array<[string, string]>>, section: string, key: string): string[] {
  return (sections.get(section) ?? []).filter(([name]) => name === key).map(([, value]) => value);
}

describe('deploy/linux: the cage kiosk session', () => {
  it('the systemd user unit runs the kiosk in cage, restarts it on failure and starts with the user session', () => {
    const unit = parseIni(deployFile('linux/sspr-kiosk.service'));
    const [execStart] = values(unit, 'Service', 'ExecStart');
    expect(execStart).toBe('/usr/bin/cage -d -- /usr/bin/sspr-kiosk');
    // Without -s cage refuses switching to another virtual terminal.
    expect(execStart?.split(' ')).not.toContain('-s');
    expect(values(unit, 'Service', 'Restart')).toEqual(['on-failure']);
    expect(values(unit, 'Service', 'Environment')).toEqual(['SSPR_KIOSK_CONFIG=/etc/sspr-kiosk/config.yaml']);
    expect(values(unit, 'Install', 'WantedBy')).toEqual(['default.target']);
    // A user unit: no User= (that is a system unit's key) and no graphical.target.
    expect(values(unit, 'Service', 'User')).toEqual([]);
    expect(Number(values(unit, 'Unit', 'StartLimitBurst')[0])).toBeGreaterThan(0);
  });

  it('systemd itself accepts every key of the unit (where systemd-analyze is installed)', () => {
    const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    // Debian's systemd package has it; a machine without systemd has nothing to run the unit either.
    if (analyze.error) return expect((analyze.error as NodeJS.ErrnoException).code).toBe('ENOENT');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sspr-unit-'));
    try {
      // cage and the kiosk are not installed here; everything else is verified as written.
      const unit = deployFile('linux/sspr-kiosk.service').replace('/usr/bin/cage -d -- /usr/bin/sspr-kiosk', '/bin/true');
      const file = path.join(dir, 'sspr-kiosk.service');
      writeFileSync(file, unit);
      const verify = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
      expect(`${verify.stdout}${verify.stderr}`.trim()).toBe('');
      expect(verify.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('getty logs the kiosk user in on tty1, replacing (not adding to) the default ExecStart', () => {
    const dropIn = parseIni(deployFile('linux/autologin.conf'));
    expect(values(dropIn, 'Service', 'ExecStart')).toEqual(['', '-/sbin/agetty --autologin kiosk --noclear %I $TERM']);
  });

  it("the kiosk user's login never offers a shell", () => {
    const commands = deployFile('linux/kiosk-bash_profile')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
    expect(commands).toEqual(['exec sleep infinity']);
  });

  it('logind ignores the power, suspend and lid keys and opens no other login terminals', () => {
    const logind = parseIni(deployFile('linux/logind-kiosk.conf'));
    for (const key of ['HandlePowerKey', 'HandleSuspendKey', 'HandleHibernateKey', 'HandleRebootKey', 'HandleLidSwitch'])
      expect(values(logind, 'Login', key), key).toEqual(['ignore']);
    expect(values(logind, 'Login', 'NAutoVTs')).toEqual(['0']);
  });

  it('the Wayland session file and LightDM auto-login start the same kiosk in cage', () => {
    const session = parseIni(deployFile('linux/sspr-kiosk.desktop'));
    expect(values(session, 'Desktop Entry', 'Type')).toEqual(['Application']);
    expect(values(session, 'Desktop Entry', 'Name')).toEqual(['SSPR Kiosk']);
    expect(values(session, 'Desktop Entry', 'Exec')).toEqual(['/usr/bin/cage -d -- /usr/bin/sspr-kiosk --config /etc/sspr-kiosk/config.yaml']);
    const lightdm = parseIni(deployFile('linux/lightdm-kiosk.conf'));
    expect(values(lightdm, 'Seat:*', 'autologin-user')).toEqual(['kiosk']);
    // The session name is the .desktop file's name.
    expect(values(lightdm, 'Seat:*', 'autologin-session')).toEqual(['sspr-kiosk']);
    expect(values(lightdm, 'Seat:*', 'allow-guest')).toEqual(['false']);
  });

  it('USB storage drivers never load', () => {
    const lines = deployFile('linux/no-usb-storage.conf').split('\n');
    expect(lines).toContain('install usb-storage /bin/false');
    expect(lines).toContain('install uas /bin/false');
  });
});

describe('deploy/windows/set-up-kiosk.ps1', () => {
  const script = deployFile('windows/set-up-kiosk.ps1');

  it('needs an administrator and stops at the first error', () => {
    expect(script.startsWith('#Requires -RunAsAdministrator\n')).toBe(true);
    expect(script).toMatch(/^\$ErrorActionPreference = 'Stop'$/m);
  });

  it('makes a standard account, never an administrator, with a random password', () => {
    expect(script).toContain("Add-LocalGroupMember -Group 'Users' -Member $KioskUser");
    expect(script.match(/Add-LocalGroupMember/g)).toHaveLength(1);
    expect(script).not.toMatch(/-Group '?Administrators/);
    expect(script).toContain('RandomNumberGenerator');
  });

  it("makes the kiosk that account's shell with Shell Launcher, restarting it unless it quit on purpose", () => {
    expect(script).toContain('Client-EmbeddedShellLauncher');
    expect(script).toContain("[wmiclass]'\\\\localhost\\root\\standardcimv2\\embedded:WESL_UserSetting'");
    expect(script).toMatch(/\$shellLauncher\.SetCustomShell\(\$sid, .*--config.*, @\(0\), @\(\$doNothing\), \$restartShell\)/);
    expect(script).toMatch(/^\$restartShell = 0$/m);
    expect(script).toMatch(/^\$doNothing = 3$/m);
    expect(script).toContain('$shellLauncher.SetEnabled($true)');
  });

  it('signs in automatically with Autologon (an LSA secret), never a clear-text DefaultPassword', () => {
    expect(script).toContain('Autologon64.exe');
    expect(script).not.toContain('DefaultPassword');
  });
});

describe('docs/running-as-a-kiosk.md', () => {
  const guide = readFileSync(new URL('../../../docs/running-as-a-kiosk.md', import.meta.url), 'utf8');

  it('shows each deploy file as it is in deploy/ (so the two cannot drift)', () => {
    // Compared without comments and blank lines: the guide explains in prose what the files say in comments.
    const essentials = (text: string) =>
      text
        .split('\n')
        .map((line) => line.trimEnd())
        .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
        .join('\n');
    const codeBlocks = [...guide.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((match) => essentials(match[1] as string));
    for (const file of ['linux/sspr-kiosk.service', 'linux/sspr-kiosk.desktop', 'linux/lightdm-kiosk.conf', 'linux/autologin.conf', 'linux/kiosk-bash_profile'])
      expect(codeBlocks, file).toContain(essentials(deployFile(file)));
  });

  it('links every deploy file and cites its sources', () => {
    for (const file of ['autologin.conf', 'kiosk-bash_profile', 'sspr-kiosk.service', 'sspr-kiosk.desktop', 'lightdm-kiosk.conf', 'logind-kiosk.conf'])
      expect(guide).toContain(`(../deploy/linux/${file})`);
    expect(guide).toContain('(../deploy/windows/set-up-kiosk.ps1)');
    expect(guide).toContain('https://github.com/cage-kiosk/cage');
    expect(guide).toContain('https://learn.microsoft.com/en-us/windows/configuration/assigned-access/overview');
  });
});
