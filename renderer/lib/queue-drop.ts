/**
 * What a drag says it will do, in the user's words: "Upload 3 items to
 * /var/www/img", "Download report.pdf to /home/ann/Downloads", or why it
 * cannot drop here.
 */

/** What is being dragged, and where it would land. */
export interface DropIntent {
  direction: 'upload' | 'download';
  /** Names of what is dragged; only the count is known for files from the operating system before the drop. */
  names: readonly string[];
  /** How many items, when names are not known yet. */
  count?: number;
  /** The folder the items would go into. */
  folder: string;
}

/** `Upload 3 items to /var/www/img`, or with one name: `Upload a.txt to /var/www/img`. */
export function dropLabel(intent: DropIntent): string {
  const verb = intent.direction === 'upload' ? 'Upload' : 'Download';
  const count = intent.count ?? intent.names.length;
  const what = count === 1 && intent.names.length === 1 ? intent.names[0]! : `${count.toLocaleString('en-US')} ${count === 1 ? 'item' : 'items'}`;
  return `${verb} ${what} to ${intent.folder}`;
}

/** The batch label for a selection: its one name, or `3 items from photos`. */
export function batchLabel(names: readonly string[], fromFolderName: string | null): string {
  if (names.length === 1) return names[0]!.slice(0, 200);
  const base = `${names.length.toLocaleString('en-US')} items`;
  return (fromFolderName ? `${base} from ${fromFolderName}` : base).slice(0, 200);
}

/** Why a drop onto a pane is refused, or `null` when it is fine. */
export function dropRefusal(options: {
  from: 'Local' | 'Remote' | 'os';
  onto: 'Local' | 'Remote';
  /** The pane has a folder open (and, for the remote side, a connection). */
  ready: boolean;
}): string | null {
  if (!options.ready) return options.onto === 'Remote' ? 'Connect to a server first.' : 'The local folder is still loading.';
  if (options.from === options.onto) return 'Already on this side.';
  if (options.from === 'os' && options.onto === 'Local') return 'Drop files from your computer onto the server pane to upload them.';
  return null;
}
