/** The right side of the site manager: the selected site's form, or what to do when none is selected. */
import type { SecretsStatus, SiteTreeNode } from '../../../shared/contract/sites';
import { ConnectionFields } from './ConnectionFields';
import { SiteOptionsFields } from './SiteOptionsFields';
import { countSites } from './tree-model';
import type { SiteEditor } from './useSiteEditor';

/** Props of {@link SiteDetails}. */
export interface SiteDetailsProps {
  /** The selected node, if any. */
  selected: SiteTreeNode | null;
  editor: SiteEditor;
  secrets: SecretsStatus | null;
}

/** See the module comment. */
export function SiteDetails({ selected, editor, secrets }: SiteDetailsProps) {
  if (selected === null) {
    return (
      <div className="site-details site-details--empty">
        <p className="site-details__title">No site selected</p>
        <p className="muted">Select a site to edit it, create one with “New site”, or import FileZilla’s sitemanager.xml.</p>
      </div>
    );
  }
  if (selected.kind === 'folder') {
    const sites = countSites(selected);
    return (
      <div className="site-details site-details--empty">
        <p className="site-details__title">{selected.name}</p>
        <p className="muted">
          Folder with {sites === 1 ? '1 site' : `${sites} sites`}. “New site” and “New folder” create inside it; drag sites here or use “Move to…”.
        </p>
      </div>
    );
  }
  const { site, form, errors, formError, notice, change } = editor;
  return (
    <form
      className="site-details"
      aria-label={`Details of ${selected.name}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void editor.save();
      }}
    >
      {formError && (
        <p className="notice notice--danger form-notice" role="alert">
          {formError}
        </p>
      )}
      {notice && (
        <p className="notice notice--warning form-notice" role="status">
          {notice}
        </p>
      )}
      {!site || !form ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          {/* Without a saved password the password field explains itself; this is for a saved one Ferry cannot use now. */}
          {site.passwordNotice && site.hasPassword && form.logonType === 'normal' && site.logonType === 'normal' && !notice && (
            <p className="notice notice--info form-notice">{site.passwordNotice}</p>
          )}
          <ConnectionFields site={site} form={form} errors={errors} secrets={secrets} change={change} />
          <SiteOptionsFields form={form} errors={errors} change={change} />
          {/* Enter in a field saves, as in any form. */}
          <button type="submit" hidden tabIndex={-1} />
        </>
      )}
    </form>
  );
}
