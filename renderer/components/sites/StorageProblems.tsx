/**
 * Files Ferry could not read at start-up (sites, passwords, settings…): they
 * were moved aside, not overwritten, so the user can restore them. Told once,
 * plainly, with where each copy is.
 */
import { useState } from 'react';
import { useSites } from '../../store/sites';

/** Shows nothing when every file was fine. */
export function StorageProblems() {
  const problems = useSites((s) => s.problems);
  const [hidden, setHidden] = useState(false);
  if (problems.length === 0 || hidden) return null;
  return (
    <div className="notice notice--warning storage-problems" role="status" aria-label="Damaged files">
      <div>
        <strong>Ferry could not read {problems.length === 1 ? 'a file' : `${problems.length} files`} and kept {problems.length === 1 ? 'it' : 'them'} aside:</strong>
        <ul>
          {problems.map((problem) => (
            <li key={problem.file}>
              {/* The message names the copy kept aside. */}
              {problem.message}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="small-button" onClick={() => setHidden(true)}>
        Dismiss
      </button>
    </div>
  );
}
