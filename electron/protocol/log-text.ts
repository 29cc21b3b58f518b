/**
 * Text from a server going into the activity log. Replies, banners and names
 * are untrusted: control characters are escaped so a server cannot forge log
 * lines or drive a terminal that shows the CLI's log.
 */

/** C0/C1 control characters (and DEL) as visible escapes. */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    if (c === '\n') return '\\n';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}
