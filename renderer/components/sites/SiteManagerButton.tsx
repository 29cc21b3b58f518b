/**
 * The top bar's "Site manager" button, its shortcut (Ctrl+S, as in FileZilla;
 * ⌘S on a Mac) and the manager itself while it is open.
 */
import { useEffect } from 'react';
import { openSiteManager, useSites } from '../../store/sites';
import { SiteManager } from './SiteManager';
import './sites.css';

/** See the module comment. */
export function SiteManagerButton() {
  const open = useSites((s) => s.managerOpen);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 's') return;
      // Never the browser's "Save page". While another dialog is open the shortcut waits.
      event.preventDefault();
      if (!useSites.getState().managerOpen && !document.querySelector('dialog[open]')) openSiteManager();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button type="button" className="top-button" aria-keyshortcuts="Control+S" title="Site manager (Ctrl+S)" onClick={openSiteManager}>
        <span className="top-button__icon top-button__icon--sites" aria-hidden="true" />
        Site manager
      </button>
      {open && <SiteManager />}
    </>
  );
}
