/**
 * The site being edited in the manager: the saved site, the form over it,
 * its errors, and Save / Revert. Lives in the manager (not in the form) so
 * the manager can tell whether there are unsaved changes before switching.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Site, SiteTree } from '../../../shared/contract/sites';
import { api } from '../../api';
import { requestUnlock } from '../../store/sites';
import { errorMessage, type FieldErrors } from './api-errors';
import { formFromSite, isFormDirty, siteSaveErrors, updateFromForm, validateSiteForm, type SiteForm } from './site-form-model';

/** What {@link useSiteEditor} gives the manager. */
export interface SiteEditor {
  site: Site | null;
  form: SiteForm | null;
  errors: FieldErrors;
  /** A problem that belongs to no field (shown above the form). */
  formError: string | null;
  /** A remark from the last save, e.g. why the password was not saved. */
  notice: string | null;
  saving: boolean;
  dirty: boolean;
  /** Changes some inputs (and clears their errors). */
  change(patch: Partial<SiteForm>): void;
  /** Validates and saves; resolves to whether it saved. */
  save(): Promise<boolean>;
  /** Back to what is saved. */
  revert(): void;
}

/** Edits site `siteId` (`null`: nothing selected, or a folder). `tree` changes trigger a refresh of a clean form. */
export function useSiteEditor(siteId: string | null, tree: SiteTree | null): SiteEditor {
  const [site, setSite] = useState<Site | null>(null);
  const [form, setForm] = useState<SiteForm | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = site !== null && form !== null && isFormDirty(form, site);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const siteIdRef = useRef(siteId);
  siteIdRef.current = siteId;
  /** The site the form holds right now (`null` while loading). */
  const shownIdRef = useRef<string | null>(null);
  const firstTree = useRef(true);

  /**
   * Whether a freshly fetched `id` may replace the form. Two fetches can race
   * (the selection's load and a tree refresh); whichever lands second must not
   * wipe what the user typed in between.
   */
  const mayReplace = useCallback((id: string) => id === siteIdRef.current && (shownIdRef.current !== id || !dirtyRef.current), []);

  const show = useCallback((loaded: Site, keepMessages = false) => {
    shownIdRef.current = loaded.id;
    setSite(loaded);
    setForm(formFromSite(loaded));
    setErrors({});
    if (!keepMessages) {
      setFormError(null);
      setNotice(null);
    }
  }, []);

  useEffect(() => {
    shownIdRef.current = null;
    setSite(null);
    setForm(null);
    setErrors({});
    setFormError(null);
    setNotice(null);
    if (siteId === null) return;
    let current = true;
    api()
      .call('sites.get', { id: siteId })
      .then((loaded) => current && mayReplace(siteId) && show(loaded))
      .catch((error: unknown) => current && setFormError(errorMessage(error)));
    return () => {
      current = false;
    };
  }, [siteId, show, mayReplace]);

  // Another window, an import or an unlock changed something: show it, unless the user is typing.
  useEffect(() => {
    const id = siteIdRef.current;
    if (firstTree.current) {
      firstTree.current = false; // The load above already fetched it.
      return;
    }
    if (id === null || !mayReplace(id)) return;
    let current = true;
    api()
      .call('sites.get', { id })
      .then((loaded) => current && mayReplace(id) && show(loaded, true))
      .catch(() => {}); // Deleted: the manager moves the selection away.
    return () => {
      current = false;
    };
  }, [tree, show, mayReplace]);

  const change = useCallback((patch: Partial<SiteForm>) => {
    setForm((previous) => (previous ? { ...previous, ...patch } : previous));
    setErrors((previous) => {
      const next = { ...previous };
      for (const key of Object.keys(previous)) if (key.split('.')[0]! in patch) delete next[key];
      return next;
    });
  }, []);

  const save = useCallback(async (): Promise<boolean> => {
    if (!site || !form) return false;
    const problems = validateSiteForm(form);
    setErrors(problems);
    setFormError(null);
    setNotice(null);
    if (Object.keys(problems).length > 0) return false;
    setSaving(true);
    try {
      const saved = await api().call('sites.update', { id: site.id, ...updateFromForm(form) });
      show(saved.site, true);
      setNotice(saved.notice);
      return true;
    } catch (error) {
      const result = siteSaveErrors(error);
      if (result.code === 'LOCKED') {
        // The new password can only be encrypted once the master password is entered; then save again.
        requestUnlock({ reason: `Saving the password of “${site.name}” needs your master password.`, retry: save });
      }
      setErrors(result.fields);
      setFormError(result.general);
      return false;
    } finally {
      setSaving(false);
    }
  }, [site, form, show]);

  const revert = useCallback(() => {
    if (site) show(site);
  }, [site, show]);

  return { site, form, errors, formError, notice, saving, dirty, change, save, revert };
}
