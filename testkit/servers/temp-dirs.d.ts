/** Creates a fresh root-owned folder `/tmp/ferry-<kind>-XXXXXX`, world-traversable (0755). */
export declare function makeStateDir(kind: string): Promise<string>;
/** Creates `parent/name` owned by uid:gid with `mode`, and returns its absolute path. */
export declare function makeOwnedDir(parent: string, name: string, owner: {
    uid: number;
    gid: number;
}, mode?: number): Promise<string>;
/** Removes a state folder and everything in it; ignores a folder that is already gone. */
export declare function removeDir(dir: string): Promise<void>;
