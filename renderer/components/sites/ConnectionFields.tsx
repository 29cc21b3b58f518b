/**
 * The connection part of the site form: protocol, encryption, host, port,
 * logon type and the credentials that logon type uses. Fields that do not
 * apply (see {@link applicableFields}) are not shown.
 */
import type { Encryption, LogonType, SecretsStatus, Site } from '../../../shared/contract/sites';
import type { FieldErrors } from './api-errors';
import { Field } from './Field';
import { SecretField } from './SecretField';
import { applicableFields, defaultPort, logonTypesFor, withProtocol, type SiteForm } from './site-form-model';

/** FileZilla's encryption choices, in its words; plain FTP is marked insecure where it is chosen. */
const ENCRYPTIONS: Record<Encryption, string> = {
  'require-explicit': 'Require explicit FTP over TLS',
  'explicit-if-available': 'Use explicit FTP over TLS if available',
  implicit: 'Require implicit FTP over TLS',
  plain: 'Only use plain FTP (insecure)',
};

const LOGON_TYPES: Record<LogonType, string> = {
  anonymous: 'Anonymous',
  normal: 'Normal (saved password)',
  ask: 'Ask for password',
  interactive: 'Interactive (server prompts)',
  key: 'Key file',
};

/** Props of {@link ConnectionFields}. */
export interface ConnectionFieldsProps {
  site: Site;
  form: SiteForm;
  errors: FieldErrors;
  secrets: SecretsStatus | null;
  change(patch: Partial<SiteForm>): void;
}

/** See the module comment. */
export function ConnectionFields({ site, form, errors, secrets, change }: ConnectionFieldsProps) {
  const applies = applicableFields(form);
  return (
    <fieldset className="form-section">
      <legend>Connection</legend>
      <div className="form-grid">
        <Field label="Protocol" error={errors.protocol}>
          {(control) => (
            <select {...control} value={form.protocol} onChange={(e) => change(withProtocol(form, e.target.value as SiteForm['protocol']))}>
              <option value="ftp">FTP – File Transfer Protocol</option>
              <option value="sftp">SFTP – SSH File Transfer Protocol</option>
            </select>
          )}
        </Field>
        {applies.has('encryption') && (
          <Field
            label="Encryption"
            error={errors.encryption}
            aside={
              form.encryption === 'plain' ? (
                <span className="tag tag--danger" title="Passwords and files travel unencrypted: anyone on the network path can read them.">
                  Insecure
                </span>
              ) : undefined
            }
          >
            {(control) => (
              <select {...control} value={form.encryption} onChange={(e) => change({ encryption: e.target.value as Encryption })}>
                {Object.entries(ENCRYPTIONS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Host" error={errors.host}>
          {(control) => (
            <input {...control} value={form.host} spellCheck={false} placeholder="ftp.example.com" onChange={(e) => change({ host: e.target.value })} />
          )}
        </Field>
        <Field label="Port" error={errors.port} hint="Empty: the protocol’s default port.">
          {(control) => (
            <input
              {...control}
              className="input--port"
              inputMode="numeric"
              value={form.port}
              placeholder={String(defaultPort(form.protocol, form.encryption))}
              onChange={(e) => change({ port: e.target.value })}
            />
          )}
        </Field>
        <Field label="Logon type" error={errors.logonType}>
          {(control) => (
            <select {...control} value={form.logonType} onChange={(e) => change({ logonType: e.target.value as LogonType })}>
              {logonTypesFor(form.protocol).map((type) => (
                <option key={type} value={type}>
                  {LOGON_TYPES[type]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {applies.has('user') && (
          <Field label="User" error={errors.user}>
            {(control) => (
              <input {...control} value={form.user} spellCheck={false} autoComplete="off" onChange={(e) => change({ user: e.target.value })} />
            )}
          </Field>
        )}
        {applies.has('password') && (
          <SecretField
            label="Password"
            noun="password"
            hasSaved={site.hasPassword}
            edit={form.password}
            secrets={secrets}
            error={errors.password}
            onChange={(password) => change({ password })}
          />
        )}
        {applies.has('account') && (
          <Field label="Account" error={errors.account} hint="Sent only when the server asks for one (ACCT).">
            {(control) => <input {...control} value={form.account} spellCheck={false} onChange={(e) => change({ account: e.target.value })} />}
          </Field>
        )}
        {applies.has('keyFile') && (
          <Field label="Key file" error={errors.keyFile} hint="The private key: OpenSSH, PEM or PuTTY (.ppk) format.">
            {(control) => (
              <input
                {...control}
                value={form.keyFile}
                spellCheck={false}
                placeholder="~/.ssh/id_ed25519"
                onChange={(e) => change({ keyFile: e.target.value })}
              />
            )}
          </Field>
        )}
        {applies.has('keyPassphrase') && (
          <SecretField
            label="Key passphrase"
            noun="passphrase"
            hasSaved={site.hasKeyPassphrase}
            edit={form.keyPassphrase}
            secrets={secrets}
            error={errors.keyPassphrase}
            onChange={(keyPassphrase) => change({ keyPassphrase })}
          />
        )}
      </div>
    </fieldset>
  );
}
