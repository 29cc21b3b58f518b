/**
 * Marks the element a dialog should focus when it opens. `<dialog>.showModal()`
 * focuses the first element with the `autofocus` attribute, but React never
 * writes that attribute (its `autoFocus` prop calls focus() before the dialog
 * is shown, which does nothing), so it is set here directly. Use as a `ref`.
 */
export function autofocus(element: HTMLElement | null): void {
  element?.setAttribute('autofocus', '');
}
