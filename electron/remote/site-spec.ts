/** Turns a saved site's connection plan into a connection spec. */
import type { ConnectionPlan } from '../sites';
import type { ConnectionSpec } from './connection-spec';

/** The spec for a site; a site that needs its password asked gets `askPassword`. */
export function siteSpec(plan: ConnectionPlan): ConnectionSpec {
  const site = plan.options;
  const anonymous = site.logonType === 'anonymous';
  return {
    protocol: site.protocol,
    host: site.host.replace(/^\[(.*)\]$/, '$1'),
    port: site.port,
    user: anonymous ? '' : site.user,
    ...(site.password !== null && !anonymous ? { password: site.password } : {}),
    ...(site.account ? { account: site.account } : {}),
    encryption: site.encryption,
    dataMode: site.transferMode,
    ...(site.charset && site.charset !== 'auto' ? { charset: site.charset } : {}),
    ...(site.timeOffsetMinutes ? { serverTimeOffsetMinutes: site.timeOffsetMinutes } : {}),
    ...(site.keyFile ? { keyFile: site.keyFile } : {}),
    ...(site.keyPassphrase !== null ? { passphrase: site.keyPassphrase } : {}),
    askPassword: !plan.ready || site.logonType === 'ask',
    interactive: site.logonType === 'interactive',
    siteId: site.siteId,
    label: site.siteName,
  };
}
