/** Turns the quick-connect bar's fields into a connection spec. */
import type { QuickConnect } from '../../shared/contract/remote';
import { defaultPort, type ConnectionSpec } from './connection-spec';

/** The spec for a quick connection; no user means anonymous FTP. */
export function quickConnectSpec(quick: QuickConnect): ConnectionSpec {
  const encryption = quick.encryption ?? 'explicit-if-available';
  const user = quick.user ?? '';
  return {
    protocol: quick.protocol,
    host: quick.host,
    port: quick.port ?? defaultPort(quick.protocol, encryption),
    user,
    ...(quick.password === undefined ? {} : { password: quick.password }),
    encryption,
    dataMode: quick.dataMode ?? 'default',
    // SFTP always needs a user; with no password typed, ask (or use keyboard-interactive).
    askPassword: quick.protocol === 'ftp' ? false : quick.password === undefined,
    label: user ? `${user}@${quick.host}` : quick.host,
  };
}
