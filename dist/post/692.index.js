export const id = 692;
export const ids = [692];
export const modules = {

/***/ 5692:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  save: () => (/* binding */ save)
});

// EXTERNAL MODULE: ./src/runner/workflow.ts
var workflow = __webpack_require__(813);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/proxy/config.ts
var proxy_config = __webpack_require__(8568);
// EXTERNAL MODULE: ./src/proxy/module/gosum.ts
var gosum = __webpack_require__(5816);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./src/proxy/store/store.ts





/** Where bad store files are moved: a leading dot, so no module path can ever name it. */
const ASIDE_DIR = '.aside';
/** Marks temp files, so a crash leftover is recognisable and never mistaken for a store file. */
const TEMP_MARK = '.tmp-';
/**
 * Files on disk in the GOPROXY layout (== GOMODCACHE/cache/download). Every write goes to a temp
 * file in the same directory and is renamed into place: rename is atomic, so a reader (in this or
 * another process) sees either nothing or the whole file, and a crash leaves only a temp file,
 * whose name no store path ever resolves to.
 */
class Store {
    /** The absolute store directory. */
    root;
    /** Opens (lazily creates) the store at `root`. */
    constructor(root) {
        this.root = external_node_path_default().resolve(root);
    }
    /** The absolute path of a relative store path; refuses anything that would leave the root. */
    abs(rel) {
        const full = external_node_path_default().resolve(this.root, rel);
        if (!full.startsWith(this.root + (external_node_path_default()).sep) || rel.includes('\0')) {
            throw new Error(`store path escapes the store: ${JSON.stringify(rel)}`);
        }
        return full;
    }
    /**
     * Size and mtime of a store file, or undefined when it is absent (or not a regular file). Every
     * request asks this first: a stat of a cached directory entry takes microseconds, while through
     * the thread pool it cost a round trip of two thread wake-ups, a large part of a warm proxy's CPU.
     */
    async stat(rel) {
        const full = this.abs(rel);
        try {
            const st = (0,external_node_fs_.statSync)(full, { throwIfNoEntry: false });
            return st?.isFile() ? { path: full, size: st.size, mtimeMs: st.mtimeMs, meta: metaOf(st) } : undefined;
        }
        catch (err) {
            if (isMissing(err))
                return undefined;
            throw err;
        }
    }
    /**
     * Writes `rel` atomically: `fill` writes the temp path it is given; when it resolves the temp
     * file is renamed into place, when it throws the temp file is removed and the error passes on.
     * Returns the entry as stored.
     */
    async write(rel, fill) {
        const full = this.abs(rel);
        await (0,promises_.mkdir)(external_node_path_default().dirname(full), { recursive: true });
        const tmp = tempName(full);
        try {
            await fill(tmp);
            const st = await (0,promises_.stat)(tmp);
            await (0,promises_.rename)(tmp, full);
            // Read after the rename, which changes ctime; '' (matching nothing) if a sharer moved it since.
            const now = (0,external_node_fs_.statSync)(full, { throwIfNoEntry: false });
            return { path: full, size: st.size, mtimeMs: st.mtimeMs, meta: now ? metaOf(now) : '' };
        }
        catch (err) {
            await (0,promises_.rm)(tmp, { force: true });
            throw err;
        }
    }
    /** Removes a store file; absent is fine. */
    async remove(rel) {
        await (0,promises_.rm)(this.abs(rel), { force: true });
    }
    /**
     * Moves a bad store file to `.aside/<rel>` (a dot directory no module path can name, never in an
     * entry), replacing what an earlier bad copy left there: kept to look at, never served again.
     * Returns where it went, or undefined when it was not there.
     */
    async moveAside(rel) {
        const full = this.abs(rel);
        const aside = this.abs(`${ASIDE_DIR}/${rel}`);
        try {
            await (0,promises_.mkdir)(external_node_path_default().dirname(aside), { recursive: true });
            await (0,promises_.rename)(full, aside);
            return aside;
        }
        catch (err) {
            if (isMissing(err))
                return undefined;
            // Not even aside (a read-only store): at least never served again.
            await (0,promises_.rm)(full, { force: true });
            throw err;
        }
    }
    /** Marks a mutable file fresh again (its TTL runs from mtime) without rewriting it. */
    async touch(rel, now = new Date()) {
        try {
            await (0,promises_.utimes)(this.abs(rel), now, now);
        }
        catch (err) {
            if (!isMissing(err))
                throw err;
        }
    }
}
function metaOf(st) {
    return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}
/** A temp name beside `full`, unique across processes (pid) and within one (random). */
function tempName(full) {
    return `${full}${TEMP_MARK}${process.pid}-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
}
/** True for "no such file" errors. */
function isMissing(err) {
    const code = err?.code;
    return code === 'ENOENT' || code === 'ENOTDIR';
}
/**
 * Writes a body to a new file. The file is opened before any byte flows: fs.createWriteStream
 * opens lazily, so a body failing at once could let the open land after the caller removed
 * the temp file, leaving a stray one behind.
 */
async function bodyToFile(body, file) {
    const fh = await (0,promises_.open)(file, 'wx');
    // The stream owns the handle from here on and closes it on finish and on error alike.
    await (0,external_node_stream_promises_.pipeline)(body, fh.createWriteStream());
}

;// CONCATENATED MODULE: ./src/proxy/store/stamps.ts





/** Where stamps and their key live: a leading dot, so no module path can ever name it. */
const STAMP_DIR = '.stamps';
/**
 * Records of zips this store's proxies checked in full, trusted again when the file's metadata
 * (ctime included) or else the sha256 of its bytes still match. Keyed by a store-local key never
 * cached, so restored zips and forged stamps are checked in full.
 */
class Stamps {
    store;
    log;
    key;
    constructor(store, log) {
        this.store = store;
        this.log = log;
    }
    /**
     * The h1 a valid stamp records for the zip at `file` (store path `rel`), or undefined. `limit`
     * runs the zip's hashing, the one costly step (a missing or bad stamp never gets that far).
     */
    async read(rel, file, limit = run) {
        const key = await this.loadKey();
        if (!key)
            return undefined;
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)(this.store.abs(stampPath(rel)), 'utf8'); // a few hundred bytes
        }
        catch {
            return undefined;
        }
        const lines = text.split('\n');
        const [h1, digest] = lines;
        // h1, digest, mac; or, since the metadata is recorded, h1, digest, metadata, mac.
        const meta = lines.length > 4 ? lines[2] : undefined;
        const mac = lines.length > 4 ? lines[3] : lines[2];
        if (!h1 || !digest || !mac || meta === '')
            return undefined;
        const want = Buffer.from(sign(key, rel, h1, digest, meta), 'hex');
        const got = Buffer.from(mac, 'hex');
        if (got.length !== want.length || !(0,external_node_crypto_.timingSafeEqual)(got, want))
            return undefined;
        const now = fileMeta(file);
        if (meta !== undefined && meta === now)
            return h1;
        if ((await limit(() => sha256File(file))) !== digest)
            return undefined;
        // Same bytes under new metadata: a hard link made or removed (post's entry), a copy with -p,
        // a stamp from before metadata was recorded. Stamped afresh, the next process reads it unread.
        if (now !== undefined)
            await this.record(key, rel, h1, digest, now);
        return h1;
    }
    /**
     * Stamps the fully checked zip at `file`, stored as `rel`; best effort. With `inode` (device and
     * inode of the file checked), nothing is stamped unless `file` still is that file: another
     * process may have renamed its own copy over it since.
     */
    async write(rel, file, h1, limit = run, inode) {
        try {
            const key = await this.loadKey();
            if (!key)
                return;
            // Before the hash: a write while it reads changes the metadata, and the stamp then holds
            // for neither the old bytes nor the new without a fresh sha256.
            const meta = fileMeta(file);
            if (inode !== undefined && !meta?.startsWith(`${inode}:`))
                return;
            const digest = await limit(() => sha256File(file));
            await this.record(key, rel, h1, digest, meta);
        }
        catch (err) {
            this.log.debug(`could not stamp ${rel}: ${String(err)}`);
        }
    }
    // Catches on its own: read() calls it too. A stamp not written costs the next process a sha256.
    async record(key, rel, h1, digest, meta) {
        const mac = sign(key, rel, h1, digest, meta);
        const text = meta === undefined ? `${h1}\n${digest}\n${mac}\n` : `${h1}\n${digest}\n${meta}\n${mac}\n`;
        try {
            await this.store.write(stampPath(rel), (tmp) => (0,promises_.writeFile)(tmp, text));
        }
        catch (err) {
            this.log.debug(`could not stamp ${rel}: ${String(err)}`);
        }
    }
    /** Drops the stamp of a zip found bad, so nothing describes it any more. */
    async remove(rel) {
        await this.store.remove(stampPath(rel));
    }
    loadKey() {
        this.key ??= loadOrCreateKey(this.store.abs(`${STAMP_DIR}/key`)).catch((err) => {
            // A read-only store, say: every zip is then checked in full, as without stamps.
            this.log.debug(`verification stamps off: ${String(err)}`);
            return undefined;
        });
        return this.key;
    }
}
const run = (task) => task();
function stampPath(rel) {
    return `${STAMP_DIR}/${rel}.stamp`;
}
function sign(key, rel, h1, digest, meta) {
    const signed = meta === undefined ? `${rel}\0${h1}\0${digest}` : `${rel}\0${h1}\0${digest}\0${meta}`;
    return (0,external_node_crypto_.createHmac)('sha256', key).update(signed).digest('hex');
}
/** What identifies one version of a file on disk; undefined when it cannot be stat'ed. */
function fileMeta(file) {
    const st = (0,external_node_fs_.statSync)(file, { bigint: true, throwIfNoEntry: false });
    return st && `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}
/**
 * Which file a path names (device and inode: the start of its metadata), to hand to write() for
 * a file checked before a rename moved it into place.
 */
function inodeOf(file) {
    const st = (0,external_node_fs_.statSync)(file, { bigint: true });
    return `${st.dev}:${st.ino}`;
}
async function loadOrCreateKey(file) {
    return (await readKey(file)) ?? createKey(file);
}
/**
 * Creates the store's key unless another process did since we looked; either way returns the key
 * in the file, so several processes starting at once on one store all end up with the same one.
 */
async function createKey(file) {
    await (0,promises_.mkdir)(external_node_path_default().dirname(file), { recursive: true });
    const tmp = tempName(file);
    await (0,promises_.writeFile)(tmp, (0,external_node_crypto_.randomBytes)(32).toString('hex'), { mode: 0o600 });
    try {
        // link, unlike rename, never replaces a key another process created a moment ago.
        await (0,promises_.link)(tmp, file);
    }
    catch (err) {
        if (err.code !== 'EEXIST')
            throw err;
    }
    finally {
        await (0,promises_.rm)(tmp, { force: true });
    }
    const key = await readKey(file);
    if (!key)
        throw new Error(`${file} holds no key`);
    return key;
}
async function readKey(file) {
    try {
        const key = Buffer.from((await (0,promises_.readFile)(file, 'utf8')).trim(), 'hex');
        return key.length === 32 ? key : undefined;
    }
    catch (err) {
        if (isMissing(err))
            return undefined;
        throw err;
    }
}
/** sha256 of a file through one reused buffer: the bytes of every zip pass, none of them stay. */
async function sha256File(file) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const buf = Buffer.allocUnsafe(128 * 1024);
    const fh = await (0,promises_.open)(file, 'r');
    try {
        for (;;) {
            const { bytesRead } = await fh.read(buf, 0, buf.length, null);
            if (bytesRead === 0)
                break;
            hash.update(buf.subarray(0, bytesRead));
        }
    }
    finally {
        await fh.close();
    }
    return hash.digest('hex');
}

;// CONCATENATED MODULE: ./src/proxy/store/sweep.ts
// Temp files a crashed writer left in the store: removed at start, never a live sharer's (two
// proxies, or a proxy and the action's restore, may write one store at once).


/** A temp name: `<file>.tmp-<pid>[-<random hex>]` (tempName, entry/restore.ts), or without a pid. */
const TEMP = /\.tmp-(?:(\d+)(?:-[0-9a-f]+)?)?$/;
const MINUTE = 60_000;
/** Removes temp files of writers that no longer exist; resolves with how many, never rejects. */
async function sweepTempFiles(store, log, opts = {}) {
    const alive = opts.alive ?? isAlive;
    const now = (opts.now ?? Date.now)();
    const grace = opts.deadGraceMs ?? 10 * MINUTE;
    const noPidAge = opts.noPidMaxAgeMs ?? 24 * 60 * MINUTE;
    let removed = 0;
    try {
        const entries = await (0,promises_.readdir)(store.root, { recursive: true, withFileTypes: true });
        for (const e of entries) {
            const m = e.isFile() ? TEMP.exec(e.name) : null;
            if (!m)
                continue;
            const pid = m[1] === undefined ? undefined : Number(m[1]);
            if (pid === process.pid || (pid !== undefined && alive(pid)))
                continue;
            const file = external_node_path_default().join(e.parentPath, e.name);
            const st = await (0,promises_.stat)(file).catch(() => undefined);
            if (!st || now - st.mtimeMs < (pid === undefined ? noPidAge : grace))
                continue;
            await (0,promises_.rm)(file, { force: true });
            removed++;
        }
    }
    catch (err) {
        log.debug(`temp file sweep of ${store.root} stopped: ${String(err)}`);
    }
    if (removed > 0)
        log.info(`removed ${removed} temp files left in the store by processes that no longer run`);
    return removed;
}
/** process.kill(pid, 0): EPERM means it exists (another user's), ESRCH that it does not. */
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}

// EXTERNAL MODULE: ./src/proxy/upstream/upstream.ts + 7 modules
var upstream_upstream = __webpack_require__(3650);
// EXTERNAL MODULE: ./src/proxy/module/modpath.ts
var modpath = __webpack_require__(5578);
;// CONCATENATED MODULE: ./src/proxy/module/globs.ts
/**
 * Go's module.MatchPrefixPatterns, the matcher behind GOPRIVATE, GONOPROXY and GONOSUMDB: true
 * when a glob of the comma-separated list (path.Match syntax) matches the target's first path
 * elements, as many as the glob has. A malformed glob matches nothing, as in Go.
 */
function matchPrefixPatterns(globs, target) {
    for (const item of globs.split(',')) {
        const glob = item.endsWith('/') ? item.slice(0, -1) : item;
        if (glob === '')
            continue;
        // A glob of N+1 elements is matched against the target's first N+1 elements.
        let n = glob.split('/').length - 1;
        let prefix = target;
        for (let i = 0; i < target.length; i++) {
            if (target[i] !== '/')
                continue;
            if (n === 0) {
                prefix = target.slice(0, i);
                break;
            }
            n--;
        }
        if (n > 0)
            continue;
        if (pathMatch(glob, prefix))
            return true;
    }
    return false;
}
/** Go's path.Match, with a syntax error read as no match. */
function pathMatch(pattern, name) {
    try {
        return match(Array.from(pattern), Array.from(name));
    }
    catch (error) {
        if (error instanceof BadPattern)
            return false;
        throw error;
    }
}
class BadPattern extends Error {
}
// A port of Go's path.Match over code points (a literal compares as Go's bytes would in UTF-8).
function match(pattern, name) {
    next: while (pattern.length > 0) {
        const [star, chunk, rest] = scanChunk(pattern);
        pattern = rest;
        if (star && chunk.length === 0)
            return !name.includes('/');
        const t = matchChunk(chunk, name);
        if (t !== undefined && (t.length === 0 || pattern.length > 0)) {
            name = t;
            continue;
        }
        if (star) {
            // The star takes 1, 2, ... characters, never a '/'.
            for (let i = 0; i < name.length && name[i] !== '/'; i++) {
                const u = matchChunk(chunk, name.slice(i + 1));
                if (u === undefined || (pattern.length === 0 && u.length > 0))
                    continue;
                name = u;
                continue next;
            }
        }
        // Go still reports a syntax error in the rest of the pattern.
        while (pattern.length > 0) {
            const [, later, after] = scanChunk(pattern);
            pattern = after;
            matchChunk(later, []);
        }
        return false;
    }
    return name.length === 0;
}
// Splits off the leading stars and the chunk up to the next star outside [...].
function scanChunk(pattern) {
    let start = 0;
    while (start < pattern.length && pattern[start] === '*')
        start++;
    let inRange = false;
    let i = start;
    for (; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '\\') {
            if (i + 1 < pattern.length)
                i++;
        }
        else if (c === '[')
            inRange = true;
        else if (c === ']')
            inRange = false;
        else if (c === '*' && !inRange)
            break;
    }
    return [start > 0, pattern.slice(start, i), pattern.slice(i)];
}
// Matches a chunk (no stars) at the start of s: the rest of s, or undefined. Throws BadPattern.
function matchChunk(chunk, s) {
    let failed = false;
    let c = 0;
    let i = 0;
    while (c < chunk.length) {
        if (!failed && i >= s.length)
            failed = true;
        const ch = chunk[c];
        if (ch === '[') {
            let r = 0;
            if (!failed)
                r = s[i++].codePointAt(0) ?? 0;
            c++;
            const negated = chunk[c] === '^';
            if (negated)
                c++;
            let matched = false;
            for (let ranges = 0;; ranges++) {
                if (chunk[c] === ']' && ranges > 0) {
                    c++;
                    break;
                }
                let lo;
                let hi;
                [lo, c] = escaped(chunk, c);
                hi = lo;
                if (chunk[c] === '-')
                    [hi, c] = escaped(chunk, c + 1);
                if (lo <= r && r <= hi)
                    matched = true;
            }
            if (matched === negated)
                failed = true;
        }
        else if (ch === '?') {
            if (!failed)
                failed = s[i++] === '/';
            c++;
        }
        else {
            if (ch === '\\' && ++c >= chunk.length)
                throw new BadPattern();
            if (!failed)
                failed = chunk[c] !== s[i++];
            c++;
        }
    }
    return failed ? undefined : s.slice(i);
}
// One character of a [...] range, unescaped, and the index after it. Throws BadPattern.
function escaped(chunk, c) {
    if (c >= chunk.length || chunk[c] === '-' || chunk[c] === ']')
        throw new BadPattern();
    if (chunk[c] === '\\' && ++c >= chunk.length)
        throw new BadPattern();
    const r = chunk[c].codePointAt(0) ?? 0;
    if (++c >= chunk.length)
        throw new BadPattern();
    return [r, c];
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/proxy/core/spill.ts
// Where fetched files go when the store cannot take them (a full or read-only disk): a directory
// of this process's own, outside the store, removed at close. Verified and served the same way.



/** Errors that say the store cannot be written at all, not that one answer was bad. */
const UNWRITABLE = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM']);
/** True when `err` says the store is full or read-only. */
function isUnwritable(err) {
    return UNWRITABLE.has(err?.code ?? '');
}
/** Files fetched but not stored, each under a name of its own; said once in the log. */
class Spill {
    log;
    onUnstored;
    base;
    dir;
    said = false;
    n = 0;
    constructor(log, onUnstored = () => { }, base = (0,external_node_os_.tmpdir)()) {
        this.log = log;
        this.onUnstored = onUnstored;
        this.base = base;
    }
    /** Says once why the store is skipped; counts every file served without being stored. */
    note(err, rel) {
        this.onUnstored();
        if (this.said)
            return;
        this.said = true;
        this.log.warn(`the store cannot be written (${err.code}: ${err.message}; at ${rel}): serving what upstream answers, ` +
            'verified as always, without storing it');
    }
    /** Like Store.write, outside the store: `fill` writes the path given; a failure removes it. */
    async write(rel, fill) {
        this.dir ??= (0,promises_.mkdtemp)(external_node_path_default().join(this.base, 'go-mod-cache-unstored-'));
        const file = external_node_path_default().join(await this.dir, `${++this.n}-${external_node_path_default().basename(rel)}`);
        try {
            await fill(file);
            const st = await (0,promises_.stat)(file);
            // No meta: the copy is not the store's, so a later serve checks the store again.
            return { path: file, size: st.size, mtimeMs: st.mtimeMs, meta: '' };
        }
        catch (err) {
            await (0,promises_.rm)(file, { force: true });
            throw err;
        }
    }
    /** Removes every file kept (after the last answer was sent). */
    async close() {
        const dir = await this.dir?.catch(() => undefined);
        if (dir !== undefined)
            await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/proxy/core/fetch.ts



/** Thrown inside a store write to drop the temp file when the content is refused. */
class Refused extends Error {
}
/**
 * Fetches `rel` from upstream through a store temp file; `check` runs on the temp file before
 * the rename, so refused content is never in the store, not even for a moment. A store that
 * cannot be written (full, read-only) does not fail the fetch: it is fetched again into the spill.
 */
async function fetchInto(deps, rel, maxBytes, check) {
    const failed = {};
    const outcome = await getInto(deps, rel, maxBytes, check, (fill) => deps.store.write(rel, fill), failed);
    if (outcome.kind !== 'error' || failed.err === undefined || deps.spill === undefined)
        return outcome;
    const spill = deps.spill;
    // A full disk may fail mid-body: the body is gone, so it is asked again.
    const again = await getInto(deps, rel, maxBytes, check, (fill) => spill.write(rel, fill), {});
    if (again.kind === 'found' && !again.value.refused) {
        spill.note(failed.err, rel);
        return { ...again, value: { ...again.value, unstored: true } };
    }
    return again;
}
/** One upstream get whose body `write` places; an unwritable-store error is kept in `failed`. */
function getInto(deps, rel, maxBytes, check, write, failed) {
    return deps.upstream.get(rel, async (body) => {
        try {
            const entry = await write(async (tmp) => {
                await bodyToFile(body, tmp);
                const bad = await check(tmp);
                if (bad !== undefined)
                    throw new Refused(bad);
            });
            return { refused: false, size: entry.size, path: entry.path, meta: entry.meta };
        }
        catch (err) {
            if (err instanceof Refused)
                return { refused: true, reason: err.message };
            if (isUnwritable(err))
                failed.err = err;
            throw err;
        }
    }, { maxBytes, signal: deps.signal });
}
/** Why a module is answered from the store alone, or undefined when upstream may be asked. */
function storeOnly(module, offline, noProxy) {
    if (offline)
        return 'offline';
    if (noProxy && matchPrefixPatterns(noProxy, module))
        return 'it matches --noproxy (GONOPROXY): the go command fetches it direct';
    return undefined;
}

// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
;// CONCATENATED MODULE: ./src/proxy/module/gomod.ts
// What a go.mod declares itself to be: its module line, read as golang.org/x/mod/modfile's
// ModulePath reads it. The proxy holds a fetched .mod to it before storing it.

/** The path a go.mod's first `module` line names, or undefined when it has none (modfile.ModulePath). */
function goModModulePath(text) {
    for (const raw of text.split('\n')) {
        const comment = raw.indexOf('//');
        const line = (comment < 0 ? raw : raw.slice(0, comment)).trim();
        if (!line.startsWith('module'))
            continue;
        const rest = line.slice('module'.length);
        const value = rest.trim();
        // "modulex" is another word, and "module" alone (or a block) names nothing here.
        if (value.length === rest.length || value === '')
            continue;
        return value.startsWith('"') || value.startsWith('`') ? unquote(value) : value;
    }
    return undefined;
}
/**
 * Why bytes served as a .mod are not a go.mod, or undefined: UTF-8 text whose lines read as
 * go.mod statements, with a module line. The path it names may differ from the one asked: a fork
 * used through a replace directive declares the path it replaces, and the go command accepts it.
 */
function goModProblem(data) {
    if (data.includes(0) || !(0,external_node_buffer_.isUtf8)(data))
        return 'go.mod is not UTF-8 text';
    const text = data.toString('utf8');
    for (const raw of text.split('\n')) {
        const line = raw.trim();
        // A statement starts with a word, a path, a quote, a paren or a retract range: never '<' or '{'.
        if (line !== '' && !line.startsWith('//') && !STATEMENT_START.test(line))
            return `go.mod has a line that is no go.mod statement: ${bounded(line)}`;
    }
    return goModModulePath(text) ? undefined : 'go.mod has no module line';
}
const STATEMENT_START = /^[\p{L}\p{N}_."`()[\]/-]/u;
/** A quoted module path as strconv.Unquote reads it; undefined when malformed. */
function unquote(value) {
    if (value.startsWith('`')) {
        return value.length >= 2 && value.endsWith('`') && !value.slice(1, -1).includes('`')
            ? value.slice(1, -1)
            : undefined;
    }
    try {
        const parsed = JSON.parse(value);
        return typeof parsed === 'string' ? parsed : undefined;
    }
    catch {
        return undefined;
    }
}
/** At most 100 characters of what upstream said, JSON-quoted: one bounded log line. */
function bounded(s) {
    return JSON.stringify(s.length > 100 ? `${s.slice(0, 100)}...` : s);
}

// EXTERNAL MODULE: ./src/proxy/module/semver.ts
var semver = __webpack_require__(7949);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/proxy/zip/zipread.ts
// A strict, streaming zip reader for module zips: the central directory from positioned reads,
// and each entry's content hashed as it inflates, so no zip is ever held whole in memory.
// Every problem is thrown as a ZipFormatError with a reason a person can act on.


/** A zip that cannot be read as a well-formed archive; message is the human reason. */
class ZipFormatError extends Error {
}
const EOCD_SIG = 0x06054b50;
const EOCD64_LOCATOR_SIG = 0x07064b50;
const EOCD64_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_LEN = 22;
const CENTRAL_LEN = 46;
const LOCAL_LEN = 30;
const DESCRIPTOR_SIG = 0x08074b50;
/** How far from the end Go's reader looks for the end record (its second, larger search). */
const GO_END_SEARCH = 65 * 1024;
/**
 * The sequential read buffer: one read covers many small entries. 256 KiB rather than 1 MiB:
 * up to MAX_SPARE of them stay for the process's life, and reads are still far fewer than
 * entries (a module zip's median entry is a few kB compressed).
 */
const READ_BUFFER = 256 * 1024;
/**
 * Read buffers kept for the next verification: off-heap memory is only returned after a GC,
 * so a fresh buffer per zip piles up; verifications are bounded, so a few spares suffice.
 */
const spareBuffers = [];
const MAX_SPARE = 4;
/** Deflated entries that fit the read buffer and inflate to at most this are inflated in one call. */
const SMALL_UNCOMPRESSED = 1024 * 1024;
/** Output piece size of the streaming inflate for larger entries. */
const INFLATE_CHUNK = 256 * 1024;
/** The most central directory read into memory: about a million entries, far past any real module. */
const MAX_DIRECTORY = 64 << 20;
const utf8 = new TextDecoder('utf-8', { fatal: true });
function fail(reason) {
    throw new ZipFormatError(reason);
}
/** Reads exactly length bytes at position, or fails as truncated. */
async function readAt(fh, position, length) {
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
        const { bytesRead } = await fh.read(buf, done, length - done, position + done);
        if (bytesRead === 0)
            fail(`unexpected end of file at offset ${position + done} (truncated zip?)`);
        done += bytesRead;
    }
    return buf;
}
function u64(buf, offset) {
    const v = buf.readBigUInt64LE(offset);
    if (v > BigInt(Number.MAX_SAFE_INTEGER))
        fail('zip64 value out of range');
    return Number(v);
}
/**
 * Reads the central directory, strictly (the end record ends the file, the directory sits right
 * before it), picking the records Go's readDirectoryEnd picks: another choice could pass a zip
 * whose files the go command would extract differently.
 */
async function zipread_readDirectory(fh, size, maxDirectory = MAX_DIRECTORY) {
    if (size < EOCD_LEN)
        fail(`file of ${size} bytes is too small to be a zip (truncated?)`);
    const tailLen = Math.min(size, GO_END_SEARCH);
    const tailStart = size - tailLen;
    const tail = await readAt(fh, tailStart, tailLen);
    const at = findEndRecord(tail);
    const eocdPos = tailStart + at;
    if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0)
        fail('multi-disk zips are not supported');
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    let dirEnd = eocdPos;
    const zip64 = count === 0xffff || dirSize === 0xffff || dirOffset === 0xffffffff;
    const loc = zip64 && eocdPos >= 20 ? await readAt(fh, eocdPos - 20, 20) : undefined;
    if (loc &&
        loc.readUInt32LE(0) === EOCD64_LOCATOR_SIG &&
        loc.readUInt32LE(4) === 0 &&
        loc.readUInt32LE(16) === 1) {
        const eocd64Pos = u64(loc, 8);
        if (eocd64Pos + 56 > eocdPos - 20)
            fail('zip64 end of central directory record out of place');
        const rec = await readAt(fh, eocd64Pos, 56);
        if (rec.readUInt32LE(0) !== EOCD64_SIG)
            fail('zip64 end of central directory record missing');
        count = u64(rec, 32);
        dirSize = u64(rec, 40);
        dirOffset = u64(rec, 48);
        dirEnd = eocd64Pos;
    }
    if (dirOffset + dirSize !== dirEnd) {
        fail(`central directory (offset ${dirOffset}, ${dirSize} bytes) does not end where its end record starts`);
    }
    if (dirSize > maxDirectory)
        fail(`central directory of ${dirSize} bytes is too large`);
    if (count * CENTRAL_LEN > dirSize)
        fail(`central directory too small for ${count} entries`);
    const dir = await readAt(fh, dirOffset, dirSize);
    const entries = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
        const entry = parseCentral(dir, p);
        entries.push(entry.entry);
        p = entry.next;
    }
    if (p !== dirSize)
        fail(`central directory has ${dirSize - p} bytes after its ${count} entries`);
    return { entries, directoryOffset: dirOffset };
}
/** Where in `tail` the end record Go picks starts: the last whose comment fits; it must end the file. */
function findEndRecord(tail) {
    let at = -1;
    for (let i = tail.length - EOCD_LEN; i >= 0; i--) {
        if (tail.readUInt32LE(i) === EOCD_SIG && i + EOCD_LEN + tail.readUInt16LE(i + 20) <= tail.length) {
            at = i;
            break;
        }
    }
    if (at < 0)
        fail('no end of central directory record at the end of the file (truncated, or trailing data)');
    if (at + EOCD_LEN + tail.readUInt16LE(at + 20) !== tail.length) {
        fail('bytes after the end of central directory record (trailing data, or an end record inside its comment)');
    }
    return at;
}
function parseCentral(dir, p) {
    if (p + CENTRAL_LEN > dir.length || dir.readUInt32LE(p) !== CENTRAL_SIG) {
        fail(`bad central directory record at directory offset ${p}`);
    }
    const nameLen = dir.readUInt16LE(p + 28);
    const extraLen = dir.readUInt16LE(p + 30);
    const commentLen = dir.readUInt16LE(p + 32);
    const next = p + CENTRAL_LEN + nameLen + extraLen + commentLen;
    if (next > dir.length)
        fail(`central directory record at directory offset ${p} runs past the directory`);
    const rawName = Buffer.from(dir.subarray(p + CENTRAL_LEN, p + CENTRAL_LEN + nameLen));
    let name;
    let validUtf8 = true;
    try {
        name = utf8.decode(rawName);
    }
    catch {
        name = rawName.toString('utf8');
        validUtf8 = false;
    }
    const entry = {
        name,
        rawName,
        validUtf8,
        flags: dir.readUInt16LE(p + 8),
        method: dir.readUInt16LE(p + 10),
        crc32: dir.readUInt32LE(p + 16),
        compressedSize: dir.readUInt32LE(p + 20),
        uncompressedSize: dir.readUInt32LE(p + 24),
        localHeaderOffset: dir.readUInt32LE(p + 42),
    };
    applyZip64(entry, dir.subarray(p + CENTRAL_LEN + nameLen, p + CENTRAL_LEN + nameLen + extraLen));
    return { entry, next };
}
/** Widens the sizes and offset saturated at 0xffffffff from the zip64 extra field (id 1), as Go does. */
function applyZip64(entry, extra) {
    const needU = entry.uncompressedSize === 0xffffffff;
    const needC = entry.compressedSize === 0xffffffff;
    const needO = entry.localHeaderOffset === 0xffffffff;
    for (let q = 0; q + 4 <= extra.length;) {
        const id = extra.readUInt16LE(q);
        const len = extra.readUInt16LE(q + 2);
        // A field longer than what is left ends the fields, as in Go: a zip64 field cut short is
        // one Go never reads, so its sizes are not read here either.
        if (q + 4 + len > extra.length)
            break;
        const body = extra.subarray(q + 4, q + 4 + len);
        q += 4 + len;
        if (id !== 1)
            continue;
        let r = 0;
        const take = () => {
            if (r + 8 > body.length)
                fail(`bad zip64 extra field for ${JSON.stringify(entry.name)}`);
            r += 8;
            return u64(body, r - 8);
        };
        if (needU)
            entry.uncompressedSize = take();
        if (needC)
            entry.compressedSize = take();
        if (needO)
            entry.localHeaderOffset = take();
        return;
    }
    if (needU || needC || needO)
        fail(`missing zip64 extra field for ${JSON.stringify(entry.name)}`);
}
/**
 * Reads a zip's entry region forward through one reusable buffer, so one large read serves many
 * small entries (a positioned read per entry costs more than inflating it). Views it returns are
 * only valid until the next call.
 */
class ChunkReader {
    fh;
    limit;
    buf;
    /** File position of buf[0]; valid bytes are [start, end). */
    start = 0;
    end = 0;
    discarded = false;
    /** limit: no byte at or after it is read (the central directory's offset). */
    constructor(fh, limit, size = READ_BUFFER) {
        this.fh = fh;
        this.limit = limit;
        this.buf = (size === READ_BUFFER && spareBuffers.pop()) || Buffer.allocUnsafe(size);
    }
    /** Never gives the buffer back: zlib may still read a piece of it after a failed inflate. */
    discard() {
        this.discarded = true;
    }
    /** Gives the buffer back for the next reader; this reader must not be used afterwards. */
    release() {
        if (this.discarded)
            return;
        if (this.buf.length === READ_BUFFER && spareBuffers.length < MAX_SPARE)
            spareBuffers.push(this.buf);
    }
    /** The largest view one call can give. */
    get capacity() {
        return this.buf.length;
    }
    /** Bytes [pos, pos + len) of the file as a view into the buffer; len <= capacity. */
    async view(pos, len) {
        if (len > this.buf.length)
            throw new RangeError(`read of ${len} bytes exceeds the buffer`);
        if (pos >= this.start && pos + len <= this.end) {
            return this.buf.subarray(pos - this.start, pos + len - this.start);
        }
        if (pos >= this.start && pos < this.end) {
            // Keep the bytes already read that the caller still needs.
            this.buf.copy(this.buf, 0, pos - this.start, this.end - this.start);
        }
        else {
            this.end = pos;
        }
        this.start = pos;
        while (this.end < pos + len) {
            const room = Math.min(this.buf.length - (this.end - this.start), this.limit - this.end);
            const got = room > 0 ? (await this.fh.read(this.buf, this.end - this.start, room, this.end)).bytesRead : 0;
            if (got === 0)
                fail(`unexpected end of file at offset ${this.end} (truncated zip?)`);
            this.end += got;
        }
        return this.buf.subarray(0, len);
    }
}
/** Where an entry's data starts, from its local header; the header's name must match the directory's. */
async function dataOffset(r, e, limit) {
    if (e.localHeaderOffset + LOCAL_LEN + e.rawName.length > limit) {
        fail(`local header of ${JSON.stringify(e.name)} out of range`);
    }
    const head = await r.view(e.localHeaderOffset, LOCAL_LEN + e.rawName.length);
    if (head.readUInt32LE(0) !== LOCAL_SIG)
        fail(`bad local header for ${JSON.stringify(e.name)}`);
    const nameLen = head.readUInt16LE(26);
    const extraLen = head.readUInt16LE(28);
    if (nameLen !== e.rawName.length || !head.subarray(LOCAL_LEN).equals(e.rawName)) {
        fail(`local header name differs from the central directory for ${JSON.stringify(e.name)}`);
    }
    const start = e.localHeaderOffset + LOCAL_LEN + nameLen + extraLen;
    if (start + e.compressedSize > limit)
        fail(`data of ${JSON.stringify(e.name)} runs past the end of the entries`);
    return start;
}
/** The content checks of one entry as it streams: declared size, CRC-32, and the sha256. */
class EntrySink {
    e;
    quoted;
    hash = (0,external_node_crypto_.createHash)('sha256');
    crc = 0;
    seen = 0;
    constructor(e, quoted) {
        this.e = e;
        this.quoted = quoted;
    }
    take(chunk) {
        this.seen += chunk.length;
        if (this.seen > this.e.uncompressedSize) {
            fail(`${this.quoted} inflates to more than its declared ${this.e.uncompressedSize} bytes`);
        }
        this.hash.update(chunk);
        this.crc = (0,external_node_zlib_.crc32)(chunk, this.crc);
    }
    finish() {
        if (this.seen !== this.e.uncompressedSize) {
            fail(`${this.quoted} inflates to ${this.seen} bytes, but its declared size is ${this.e.uncompressedSize}`);
        }
        if (this.crc >>> 0 !== this.e.crc32)
            fail(`${this.quoted} fails its CRC-32 check`);
        return this.hash.digest('hex');
    }
}
/**
 * The sha256 (hex) of an entry's content, checking as Go's reader does that the content has
 * exactly the declared size and CRC-32; only store and deflate are supported.
 */
async function hashEntry(r, e, start) {
    const quoted = JSON.stringify(e.name);
    if (e.flags & 1)
        fail(`${quoted} is encrypted`);
    if (e.method !== 0 && e.method !== 8)
        fail(`${quoted} uses unsupported compression method ${e.method}`);
    if (e.method === 0 && e.compressedSize !== e.uncompressedSize) {
        fail(`${quoted} is stored but its compressed and uncompressed sizes differ`);
    }
    const sink = new EntrySink(e, quoted);
    if (e.method === 0) {
        for (let done = 0; done < e.compressedSize;) {
            const n = Math.min(r.capacity, e.compressedSize - done);
            sink.take(await r.view(start + done, n));
            done += n;
        }
    }
    else if (e.compressedSize <= r.capacity && e.uncompressedSize <= SMALL_UNCOMPRESSED) {
        // Inflated on this thread in one call: no stream, no threadpool hop, no per-chunk promise.
        sink.take(inflateSmall(await r.view(start, e.compressedSize), e, quoted));
    }
    else {
        await inflateStream(r, e, start, sink, quoted);
    }
    const digest = sink.finish();
    if (e.flags & 8)
        await checkDescriptor(r, e, start + e.compressedSize, quoted);
    return digest;
}
/**
 * An entry's data descriptor (flag bit 3), checked as Go's reader checks it after the content:
 * the CRC-32 it holds, after an optional signature, must be the directory's (the sizes after it
 * Go ignores). A zip the go command would fail to read is refused here rather than stored as good.
 */
async function checkDescriptor(r, e, at, quoted) {
    const signed = (await r.view(at, 4)).readUInt32LE(0) === DESCRIPTOR_SIG;
    const crc = (await r.view(signed ? at + 4 : at, 12)).readUInt32LE(0);
    if (crc !== e.crc32)
        fail(`${quoted} has a data descriptor whose CRC-32 differs from the directory's`);
}
function inflateSmall(data, e, quoted) {
    try {
        // One byte over the declared size is enough to tell "too big" from "exact".
        // One output buffer of the exact size (small ones come from Node's pool) instead of 16 KiB
        // pieces and a concatenation: every inflated byte is garbage a moment later.
        const size = e.uncompressedSize + 1;
        return (0,external_node_zlib_.inflateRawSync)(data, { maxOutputLength: size, chunkSize: Math.max(64, size) });
    }
    catch (err) {
        if (err instanceof RangeError)
            fail(`${quoted} inflates to more than its declared ${e.uncompressedSize} bytes`);
        fail(`${quoted} has corrupt deflate data: ${err.message}`);
    }
}
/** Large entries: compressed pieces from the reader into one inflate stream, output into the sink. */
async function inflateStream(r, e, start, sink, quoted) {
    const inflate = (0,external_node_zlib_.createInflateRaw)({ chunkSize: INFLATE_CHUNK });
    let failure;
    inflate.on('data', (chunk) => {
        try {
            sink.take(chunk);
        }
        catch (err) {
            failure ??= err;
            inflate.destroy();
        }
    });
    const ended = new Promise((resolve, reject) => {
        inflate.on('end', resolve);
        inflate.on('error', reject);
        inflate.on('close', () => (failure ? reject(failure) : resolve()));
    });
    ended.catch(() => undefined);
    try {
        for (let done = 0; done < e.compressedSize && !failure;) {
            const n = Math.min(r.capacity, e.compressedSize - done);
            // The write callback runs once zlib has consumed the piece, so the view may be reused.
            const piece = await r.view(start + done, n);
            await new Promise((resolve, reject) => inflate.write(piece, (err) => (err ? reject(err) : resolve())));
            done += n;
        }
        if (!failure)
            inflate.end();
        await ended;
        if (failure)
            r.discard();
    }
    catch (err) {
        inflate.destroy();
        r.discard();
        const first = failure ?? err;
        if (first instanceof ZipFormatError)
            throw first;
        fail(`${quoted} has corrupt deflate data: ${first.message}`);
    }
    if (failure)
        throw failure;
}

;// CONCATENATED MODULE: ./src/proxy/zip/dirhash.ts
// golang.org/x/mod/sumdb/dirhash Hash1: the "h1:" hashes go.sum holds for a .mod and a .zip.



/** Hash1 over already hashed files: sha256 of the sorted "<hex>  <name>\n" lines, base64, "h1:" prefix. */
function hash1(files) {
    const lines = files.map((f) => ({
        name: Buffer.isBuffer(f.name) ? f.name : Buffer.from(f.name),
        sha: f.sha256,
    }));
    // Go sorts names as byte strings; Buffer.compare matches that where JS string order would not.
    lines.sort((a, b) => Buffer.compare(a.name, b.name));
    const summary = (0,external_node_crypto_.createHash)('sha256');
    for (const line of lines) {
        if (line.name.includes(0x0a))
            throw new Error('dirhash: filenames with newlines are not supported');
        summary.update(`${line.sha}  `);
        summary.update(line.name);
        summary.update('\n');
    }
    return 'h1:' + summary.digest('base64');
}
/** The go.sum hash of a .mod file ("M V/go.mod h1:..."): Hash1 over one file named "go.mod". */
function hashMod(data) {
    return hash1([{ name: 'go.mod', sha256: (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex') }]);
}
/** The go.sum hash of a module zip (dirhash.HashZip), streamed from the file; rejects on a bad zip. */
async function hashZip(file) {
    const fh = await open(file, 'r');
    try {
        const { size } = await fh.stat();
        const dir = await readDirectory(fh, size);
        return hash1(await hashEntries(fh, dir.entries, dir.directoryOffset));
    }
    finally {
        await fh.close();
    }
}
/**
 * Hashes every entry, reading them in file order. As in Go's HashZip, a name listed twice is
 * hashed with the content of its last entry, once per listing.
 */
async function hashEntries(fh, entries, limit) {
    const byName = new Map();
    const last = new Map();
    for (const e of entries)
        last.set(e.rawName.toString('latin1'), e);
    const ordered = [...last.values()].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
    // Entries are read in file order through one buffer: large sequential reads, not one per entry.
    const reader = new ChunkReader(fh, limit);
    try {
        let end = 0;
        for (const e of ordered) {
            const start = await dataOffset(reader, e, limit);
            // Entries sharing bytes are how zip bombs multiply content; no zip writer produces them.
            if (e.localHeaderOffset < end)
                throw new ZipFormatError(`entry ${JSON.stringify(e.name)} overlaps another`);
            end = start + e.compressedSize;
            const sha = e.rawName.at(-1) === 0x2f ? directoryHash(e) : await hashEntry(reader, e, start);
            byName.set(e.rawName.toString('latin1'), sha);
        }
    }
    finally {
        reader.release();
    }
    return entries.map((e) => ({ name: e.rawName, sha256: byName.get(e.rawName.toString('latin1')) }));
}
const emptySha256 = (0,external_node_crypto_.createHash)('sha256').digest('hex');
/** A directory entry reads as empty in Go, and is an error when it carries data. */
function directoryHash(e) {
    if (e.compressedSize !== 0 || e.uncompressedSize !== 0) {
        throw new ZipFormatError(`directory entry ${JSON.stringify(e.name)} has content`);
    }
    return emptySha256;
}

;// CONCATENATED MODULE: ./src/proxy/zip/zipcheck.ts
// The module zip limits of golang.org/x/mod/zip (CheckZip / checkZip), enforced before a zip is
// stored, with its h1 computed in the same pass. Bad bytes never throw: they give a reason.





/** The module zip spec's limits: 500 MiB zip and content, 16 MiB go.mod and LICENSE. */
const MODULE_ZIP_LIMITS = {
    maxZip: 500 << 20,
    maxUncompressed: 500 << 20,
    maxGoMod: 16 << 20,
    maxLicense: 16 << 20,
};
/** Checks a module zip on disk against the module zip limits and computes its h1 in one pass. */
async function checkZip(file, module, version, limits = MODULE_ZIP_LIMITS) {
    const cv = (0,modpath/* canonicalVersion */.Bp)(version);
    if (cv !== version)
        return { ok: false, reason: `version ${JSON.stringify(version)} is not canonical` };
    const bad = (0,modpath/* check */.z6)(module, version);
    if (bad)
        return { ok: false, reason: bad };
    let fh;
    try {
        fh = await (0,promises_.open)(file, 'r');
    }
    catch (err) {
        return { ok: false, reason: `cannot open zip: ${err.message}` };
    }
    try {
        const { size } = await fh.stat();
        if (size > limits.maxZip) {
            return {
                ok: false,
                reason: `module zip file is too large (${size} bytes; limit is ${limits.maxZip} bytes)`,
            };
        }
        const dir = await zipread_readDirectory(fh, size);
        const names = checkNames(dir.entries, `${module}@${version}/`, limits);
        if (!names.ok)
            return names;
        const h1 = hash1(await hashEntries(fh, dir.entries, dir.directoryOffset));
        return { ok: true, h1, files: names.files, uncompressed: names.uncompressed };
    }
    catch (err) {
        const reason = err instanceof ZipFormatError ? err.message : `cannot read zip: ${err.message}`;
        return { ok: false, reason: `invalid module zip: ${reason}` };
    }
    finally {
        await fh.close();
    }
}
/** The per-entry rules of x/mod/zip checkZip, from the central directory alone. */
function checkNames(entries, prefix, limits) {
    const problems = [];
    const folds = new Map();
    let files = 0;
    let uncompressed = 0;
    for (const e of entries) {
        const problem = checkEntry(e, prefix, limits, folds);
        if (problem) {
            problems.push(`${JSON.stringify(e.name)}: ${problem}`);
            continue;
        }
        if (e.name.endsWith('/') || e.name === prefix)
            continue;
        files++;
        uncompressed += e.uncompressedSize;
        if (uncompressed > limits.maxUncompressed) {
            return {
                ok: false,
                reason: `total uncompressed size of module contents too large (max size is ${limits.maxUncompressed} bytes)`,
            };
        }
    }
    if (problems.length > 0) {
        const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
        return { ok: false, reason: `invalid module zip: ${problems.slice(0, 3).join('; ')}${more}` };
    }
    return { ok: true, files, uncompressed };
}
function checkEntry(e, prefix, limits, folds) {
    if (!e.validUtf8)
        return 'name is not valid UTF-8';
    if (!e.name.startsWith(prefix))
        return `path does not have prefix ${JSON.stringify(prefix)}`;
    let name = e.name.slice(prefix.length);
    if (name === '')
        return undefined;
    const isDir = name.endsWith('/');
    if (isDir)
        name = name.slice(0, -1);
    // A directory entry with data is refused by Go's reader when opened; refuse it up front.
    if (isDir && (e.uncompressedSize !== 0 || e.compressedSize !== 0))
        return 'directory entry has content';
    if (!(0,modpath/* isPlainFilePath */.yL)(name)) {
        if (external_node_path_.posix.normalize(name) !== name || name.endsWith('/'))
            return 'file path is not clean';
        const badPath = (0,modpath/* checkFilePath */.QI)(name);
        if (badPath)
            return badPath;
    }
    const collision = checkCollision(folds, name, isDir);
    if (collision)
        return collision;
    if (isDir)
        return undefined;
    if (GO_MOD_ANY_CASE.test(name)) {
        if (name.includes('/'))
            return 'go.mod file not in module root directory';
        if (name !== 'go.mod')
            return 'go.mod files must have lowercase names';
    }
    if (name === 'go.mod' && e.uncompressedSize > limits.maxGoMod) {
        return `go.mod file too large (max size is ${limits.maxGoMod} bytes)`;
    }
    if (name === 'LICENSE' && e.uncompressedSize > limits.maxLicense) {
        return `LICENSE file too large (max size is ${limits.maxLicense} bytes)`;
    }
    return undefined;
}
// A file named go.mod in any case, in any directory.
const GO_MOD_ANY_CASE = /(?:^|\/)go\.mod$/i;
/** x/mod/zip collisionChecker: case-folded duplicates, and names that are both a file and a directory. */
function checkCollision(folds, p, isDir) {
    const key = fold(p);
    const other = folds.get(key);
    if (other) {
        if (other.path !== p)
            return `case-insensitive file name collision: ${JSON.stringify(other.path)} and ${JSON.stringify(p)}`;
        if (other.isDir !== isDir)
            return `entry ${JSON.stringify(p)} is both a file and a directory`;
        if (!isDir)
            return `multiple entries for file ${JSON.stringify(p)}`;
        // A directory seen before had its parents checked then; nothing has changed above it since.
        return undefined;
    }
    folds.set(key, { path: p, isDir });
    const parent = external_node_path_.posix.dirname(p);
    return parent === '.' ? undefined : checkCollision(folds, parent, true);
}
/**
 * A stand-in for Go's strToFold: equal for names equal under simple case folding. Upper then
 * lower per character folds "\u017f" with "s" and "\u212a" (Kelvin) with "k", and leaves "\u00df" alone.
 */
function fold(s) {
    // ASCII, nearly every name: upper then lower is plain lower case, without a string and two
    // arrays per character: a hot loop on every name.
    if ((0,modpath/* isAscii */.ER)(s))
        return s.toLowerCase();
    let out = '';
    for (const c of s) {
        const up = c.toUpperCase();
        const low = [...up].length === 1 ? up.toLowerCase() : c.toLowerCase();
        out += [...low].length === 1 ? low : c;
    }
    return out;
}

// EXTERNAL MODULE: ./src/proxy/core/pool.ts
var pool = __webpack_require__(8298);
;// CONCATENATED MODULE: ./src/proxy/core/verify.ts
// Verification of canonical files against go.sum and the module rules, in one place: the proxy's
// core and the cache entry's build both check store files through it.










/** Zip verifications at once by default (the proxy's DEFAULTS say how many). */
const DEFAULT_VERIFY_CONCURRENCY = proxy_config/* DEFAULTS */.zY.verifyConcurrency;
const MiB = 1024 * 1024;
/** Size caps per file kind (FACTS §1 zip limits; small JSON and text otherwise). */
const MAX_BYTES = { zip: 500 * MiB, mod: 16 * MiB, info: MiB, list: MiB, latest: MiB };
/** The Version an .info JSON names, or undefined when it is not such JSON. */
function infoVersion(data) {
    try {
        const parsed = JSON.parse(data.toString('utf8'));
        if (typeof parsed === 'object' && parsed !== null && 'Version' in parsed) {
            const v = parsed.Version;
            return typeof v === 'string' ? v : undefined;
        }
    }
    catch {
        // Not JSON: the caller refuses it.
    }
    return undefined;
}
/** Why a .mod or .info's bytes are refused for module@version, or undefined when they are good. */
function smallFileProblem(data, module, version, kind, sums) {
    if (kind === 'mod') {
        if (data.length > MAX_BYTES.mod)
            return 'go.mod larger than 16 MiB';
        const want = sums.mod(module, version);
        const got = hashMod(data);
        if (want && !want.includes(got))
            return `go.mod ${got} does not match go.sum ${want.join(' or ')}`;
        return goModProblem(data);
    }
    const answered = infoVersion(data);
    return answered === version
        ? undefined
        : `.info answers ${JSON.stringify(answered?.slice(0, 100) ?? null)}, not ${version}`;
}
/**
 * Why a `@v/list` answer is refused, or undefined: every line a valid semantic version. The go
 * command skips other lines (and reads only a line's first field), so a page that is not a list
 * would pass it as an empty one.
 */
function listProblem(data) {
    if (data.length > MAX_BYTES.list)
        return 'list larger than 1 MiB';
    for (const raw of data.toString('utf8').split('\n')) {
        const first = raw.trim().split(/\s+/)[0] ?? '';
        if (first !== '' && !semver/* isValid */.fn(first))
            return `list has a line that is no version: ${JSON.stringify(raw.slice(0, 100))}`;
    }
    return undefined;
}
/** Why a zip's h1 is refused by go.sum, or undefined when go.sum lists it (or has no zip line). */
function zipSumProblem(h1, module, version, sums) {
    const want = sums.zip(module, version);
    return want && !want.includes(h1) ? `zip ${h1} does not match go.sum ${want.join(' or ')}` : undefined;
}
// Full zip checks are CPU work: a core each, however many files are checked at once.
const sharedZipSlots = new pool/* Semaphore */.jf(DEFAULT_VERIFY_CONCURRENCY);
/**
 * Checks a file of a store (GOPROXY layout) against go.sum and the module rules. A .ziphash
 * beside a zip that go.sum lists is taken as is: the go command writes it after hashing a zip
 * it downloaded, and this proxy after checking one.
 */
async function verifyStoreFile(store, module, version, kind, sums) {
    const file = external_node_path_default().join(store, (0,modpath/* canonicalStorePath */.LF)(module, version, kind));
    if (kind !== 'zip') {
        const data = await (0,promises_.readFile)(file).catch(() => undefined);
        if (data === undefined)
            return { problem: `cannot read ${kind}` };
        return { problem: smallFileProblem(data, module, version, kind, sums) };
    }
    const allowed = sums.zip(module, version);
    const recorded = (await (0,promises_.readFile)(file + 'hash', 'utf8').catch(() => '')).trim();
    if (recorded !== '' && allowed?.includes(recorded))
        return { h1: recorded, recorded: true };
    const checked = await sharedZipSlots.run(() => checkZip(file, module, version));
    if (!checked.ok)
        return { problem: checked.reason };
    const problem = zipSumProblem(checked.h1, module, version, sums);
    return problem === undefined ? { h1: checked.h1 } : { problem };
}
/** Writes a zip's .ziphash into a store (a Store or its directory), atomically; the error when it could not. */
async function writeZipHash(store, module, version, h1) {
    try {
        const into = typeof store === 'string' ? new Store(store) : store;
        await into.write((0,modpath/* canonicalStorePath */.LF)(module, version, 'zip') + 'hash', (tmp) => (0,promises_.writeFile)(tmp, h1));
        return undefined;
    }
    catch (err) {
        return err ?? new Error('unknown');
    }
}
/** The proxy's checks of canonical files: zip checks queue in slots, stamps skip zips seen before. */
class Verifier {
    deps;
    // Ten go commands plus a prefetch may all need zips verified at once: each check is a core
    // and a read buffer, so they queue here instead of competing without bound.
    zipSlots;
    zipCheck;
    /** Runs a task in a zip slot (stamps hash zips in one too). */
    slot = (task) => this.zipSlots.run(task);
    constructor(deps) {
        this.deps = deps;
        this.zipSlots = new pool/* Semaphore */.jf(Math.max(1, deps.concurrency ?? DEFAULT_VERIFY_CONCURRENCY));
        this.zipCheck = deps.checkZip ?? checkZip;
    }
    /**
     * Checks a canonical file on disk; undefined = good, else why it is refused. A zip checked in
     * full is stamped. `fetched` marks a fetch's temp file: held to the checksum database too when
     * go.sum has no line for it, and a zip's h1 is handed to it to stamp once stored (renaming a
     * file changes its ctime, so a temp file's stamp would never hold).
     */
    async check(file, module, version, kind, fetched) {
        const problem = kind === 'zip'
            ? await this.checkZipFile(file, module, version, fetched)
            : await this.checkSmallFile(file, module, version, kind, fetched !== undefined);
        return problem === undefined ? undefined : `verification failed: ${module}@${version}: ${problem}`;
    }
    async checkSmallFile(file, module, version, kind, fetched) {
        const data = await (0,promises_.readFile)(file);
        const problem = smallFileProblem(data, module, version, kind, this.deps.sums);
        if (problem !== undefined || kind !== 'mod' || !fetched)
            return problem;
        return this.databaseProblem(module, version, 'mod', () => hashMod(data));
    }
    /** The checksum database's word on a fetched file go.sum does not list. */
    async databaseProblem(module, version, kind, h1) {
        const listed = kind === 'mod' ? this.deps.sums.mod(module, version) : this.deps.sums.zip(module, version);
        if (listed || !this.deps.checksums)
            return undefined;
        return this.deps.checksums(module, version, kind, h1());
    }
    async checkZipFile(file, module, version, fetched) {
        const rel = (0,modpath/* canonicalStorePath */.LF)(module, version, 'zip');
        // A zip this store's proxies checked in full before needs only its bytes hashed again.
        let h1 = await this.deps.stamps?.read(rel, file, this.slot);
        const stamped = h1 !== undefined;
        if (h1 === undefined) {
            const checked = await this.slot(() => this.zipCheck(file, module, version));
            if (!checked.ok)
                return checked.reason;
            h1 = checked.h1;
        }
        const known = h1;
        const bad = zipSumProblem(known, module, version, this.deps.sums) ??
            (fetched ? await this.databaseProblem(module, version, 'zip', () => known) : undefined);
        if (bad !== undefined)
            return bad;
        if (!stamped) {
            const stamp = fetched ? fetched(h1) : this.deps.stamps?.write(rel, file, h1, this.slot);
            await Promise.all([this.recordZipHash(module, version, h1), stamp]);
        }
        return undefined;
    }
    // The go command's own `<version>.ziphash` beside a verified zip: with the store as its
    // cache/download it then extracts without hashing the zip again. Best effort.
    async recordZipHash(module, version, h1) {
        const err = await writeZipHash(this.deps.store, module, version, h1);
        if (err !== undefined)
            this.deps.log.debug(`could not write the .ziphash of ${module}@${version}: ${String(err)}`);
    }
    /** Stamps a fetched zip once stored (see check's `checkedZip`). */
    stamp(rel, file, h1, inode) {
        return this.deps.stamps?.write(rel, file, h1, this.slot, inode);
    }
    /** Drops what described a refused zip: its .ziphash and its stamp. */
    async forgetZip(rel) {
        await Promise.all([this.deps.store.remove(rel + 'hash'), this.deps.stamps?.remove(rel)]);
    }
}

;// CONCATENATED MODULE: ./src/proxy/core/canonical.ts





/** A canonical version's .info/.mod/.zip, each verified before it is served. */
class CanonicalFiles {
    deps;
    /**
     * Store paths verified by this process (or written by it after verification), with the meta
     * (inode, size, mtime, ctime) they had then: a file changed since is checked again.
     */
    verified = new Map();
    constructor(deps) {
        this.deps = deps;
    }
    /** A canonical .info/.mod/.zip: from the store (verified once per process) or upstream. */
    async ensure(module, version, kind, reason) {
        const rel = (0,modpath/* canonicalStorePath */.LF)(module, version, kind);
        // Fast path: a file this process verified, unchanged since, or one prefetch need not read.
        const seen = this.verified.get(rel);
        if (seen !== undefined || reason === 'prefetch') {
            const entry = await this.deps.store.stat(rel);
            if (entry && (entry.meta === seen || reason === 'prefetch')) {
                this.deps.log.debug(`store hit ${module}@${version}.${kind}`);
                return { kind: 'found', path: entry.path, size: entry.size, source: 'store' };
            }
            this.verified.delete(rel);
        }
        // Joining a fetch in flight (a request's or prefetch's) answers source 'upstream' too.
        const { value } = await this.deps.flights.run(rel, () => this.verifyOrFetch(rel, module, version, kind, reason));
        return value;
    }
    /** Verifies a stored file now (joining work in flight); true when it was in the store. */
    async verifyStored(module, version, kind) {
        const rel = (0,modpath/* canonicalStorePath */.LF)(module, version, kind);
        const entry = await this.deps.store.stat(rel);
        if (!entry)
            return false;
        if (this.verified.get(rel) === entry.meta)
            return true;
        await this.deps.flights.run(rel, () => this.verifyOrFetch(rel, module, version, kind, 'prefetch'));
        return true;
    }
    /** Verifies the store copy of a canonical file or fetches it. */
    async verifyOrFetch(rel, module, version, kind, reason) {
        const at = `${module}@${version}.${kind}`;
        const entry = await this.deps.store.stat(rel);
        if (entry) {
            const good = await this.useStored(entry, rel, module, version, kind);
            if (good)
                return good;
        }
        const local = storeOnly(module, this.deps.offline, this.deps.noProxy);
        if (local !== undefined) {
            return { kind: 'notfound', status: 404, message: `not found: ${at} is not in the store (${local})` };
        }
        // After close() a background prefetch may still ask: answer at once, touch no upstream.
        if (this.deps.signal?.aborted)
            return { kind: 'error', status: 503, message: 'the proxy is shutting down' };
        return this.fetch(rel, module, version, kind, reason);
    }
    /** The stored copy when it verifies; else it is moved aside (with what described it). */
    async useStored(entry, rel, module, version, kind) {
        const bad = entry.size > MAX_BYTES[kind]
            ? `verification failed: ${module}@${version}: ${kind} larger than ${MAX_BYTES[kind]} bytes`
            : await this.deps.verifier.check(entry.path, module, version, kind);
        if (bad === undefined) {
            this.verified.set(rel, entry.meta);
            this.deps.log.debug(`store hit ${module}@${version}.${kind} (verified)`);
            return { kind: 'found', path: entry.path, size: entry.size, source: 'store' };
        }
        this.deps.journal.record({ event: 'refuse', module, version, file: kind, reason: bad });
        const aside = await this.deps.store.moveAside(rel);
        this.deps.log.warn(`store file refused, fetching again: ${bad} (moved aside to ${aside ?? 'nowhere: gone'})`);
        // A hash or stamp beside a refused zip describes nothing we trust.
        if (kind === 'zip')
            await this.deps.verifier.forgetZip(rel);
        return undefined;
    }
    /** Fetches a canonical file from upstream, verified before it enters the store. */
    async fetch(rel, module, version, kind, reason) {
        const { deps } = this;
        const at = `${module}@${version}.${kind}`;
        const started = deps.now();
        let checked;
        const outcome = await fetchInto(deps, rel, MAX_BYTES[kind], (tmp) => deps.verifier.check(tmp, module, version, kind, (h1) => {
            checked = { h1, inode: inodeOf(tmp) };
        }));
        if (outcome.kind === 'notfound')
            return outcome;
        if (outcome.kind === 'error') {
            deps.onFetch?.('error');
            deps.log.warn(`upstream failed for ${at}: ${outcome.message}`);
            return { kind: 'error', status: 502, message: `upstream failed for ${at}: ${outcome.message}` };
        }
        if (outcome.value.refused) {
            const why = outcome.value.reason;
            deps.onFetch?.('refused');
            deps.log.error(`refused ${at} from ${outcome.upstream}: ${why}`);
            deps.journal.record({ event: 'refuse', module, version, file: kind, reason: why });
            return { kind: 'error', status: 502, message: why };
        }
        const ms = deps.now() - started;
        const { size, path: file, meta } = outcome.value;
        // A copy outside the store (it could not be written) is served, never stamped.
        if (checked && !outcome.value.unstored)
            await deps.verifier.stamp(rel, file, checked.h1, checked.inode);
        this.verified.set(rel, meta);
        deps.onFetch?.('fetched');
        deps.log.info(`fetched ${at} from ${outcome.upstream} (${size} bytes, ${ms} ms, ${reason})`);
        deps.journal.record({ event: 'fetch', module, version, file: kind, reason, bytes: size, ms });
        return { kind: 'found', path: file, size, source: 'upstream' };
    }
}

;// CONCATENATED MODULE: ./src/proxy/core/mutable.ts
// The answers that move (list, @latest, .info of a query): fresh by mtime within a TTL, fetched
// again when stale, and served stale when upstream fails.





/** A pseudo-version's tail (vX.Y.Z-[pre.]yyyymmddhhmmss-abcdefabcdef); never in a list. */
const PSEUDO = /(^|[-.])\d{14}-[0-9a-f]{12}(\+incompatible)?$/;
const found = (source, e) => ({
    kind: 'found',
    path: e.path,
    size: e.size,
    source,
});
/** `@v/list`, `@latest` and query `.info` answers, with a TTL and a stale fallback. */
class MutableAnswers {
    deps;
    constructor(deps) {
        this.deps = deps;
    }
    /** `@v/list`: synthesized from the store's .mod files when only the store may answer. */
    list(module) {
        const rel = (0,modpath/* storePath */.TJ)({ kind: 'list', module });
        const what = `${module}/@v/list`;
        return this.answer({
            module,
            rel,
            what,
            check: async (tmp) => listProblem(await (0,promises_.readFile)(tmp)),
            missingLocally: (why) => this.synthesizeList(module, rel, why),
        });
    }
    /** `@latest`: like list; the canonical .info it names is kept too. */
    latest(module) {
        return this.infoAnswer(module, (0,modpath/* storePath */.TJ)({ kind: 'latest', module }), `${module}@latest`);
    }
    /** `.info` for a non-canonical query (branch, commit, `latest`). */
    query(module, query) {
        const rel = (0,modpath/* storePath */.TJ)({ kind: 'info', module, version: query, canonical: false });
        return this.infoAnswer(module, rel, `${module}@${query}`);
    }
    infoAnswer(module, rel, what) {
        return this.answer({
            module,
            rel,
            what,
            check: checkInfo,
            missingLocally: async (why) => ({
                kind: 'notfound',
                status: 404,
                message: `not found: ${what} is not in the store (${why})`,
            }),
            after: (file) => this.keepCanonicalInfo(module, file),
        });
    }
    /** Fresh by mtime -> store; stale or missing -> upstream; upstream failing -> stale copy. */
    async answer(a) {
        const local = storeOnly(a.module, this.deps.offline, this.deps.noProxy);
        const { value } = await this.deps.flights.run(a.rel, async () => {
            const entry = await this.deps.store.stat(a.rel);
            if (entry && (local !== undefined || this.deps.now() - entry.mtimeMs < this.deps.mutableTtlMs)) {
                this.deps.log.debug(`store hit ${a.what}`);
                return found('store', entry);
            }
            if (local !== undefined)
                return a.missingLocally(local);
            return this.refresh(a, entry);
        });
        return value;
    }
    /** Asks upstream for a stale or missing answer; the stale copy stands in when that fails. */
    async refresh(a, entry) {
        const { deps } = this;
        const outcome = await fetchInto(deps, a.rel, MAX_BYTES.list, a.check);
        if (outcome.kind === 'found' && !outcome.value.refused) {
            deps.onFetch?.('fetched');
            deps.log.info(`fetched ${a.what} from ${outcome.upstream}`);
            if (!outcome.value.unstored)
                await a.after?.(outcome.value.path);
            return found('upstream', outcome.value);
        }
        if (outcome.kind === 'notfound')
            return outcome;
        const why = outcome.kind === 'error' ? outcome.message : refusal(outcome.value);
        deps.onFetch?.(outcome.kind === 'error' ? 'error' : 'refused');
        if (entry) {
            deps.log.warn(`upstream failed for ${a.what}, serving the stale copy: ${why}`);
            return found('store', entry);
        }
        deps.log.warn(`upstream failed for ${a.what}: ${why}`);
        return { kind: 'error', status: 502, message: `upstream failed for ${a.what}: ${why}` };
    }
    /** Writes the canonical .info a query or @latest answer names, when it is not there yet. */
    async keepCanonicalInfo(module, file) {
        const data = await (0,promises_.readFile)(file);
        const version = infoVersion(data);
        if (version === undefined || !(0,modpath/* isCanonicalVersion */.Bh)(version))
            return;
        let rel;
        try {
            rel = (0,modpath/* storePath */.TJ)({ kind: 'info', module, version, canonical: true });
        }
        catch {
            return;
        }
        if (await this.deps.store.stat(rel))
            return;
        await this.deps.store.write(rel, (tmp) => (0,promises_.writeFile)(tmp, data));
    }
    /** Store only and no list stored: the canonical release versions with a .mod in the store. */
    async synthesizeList(module, rel, why) {
        const dir = external_node_path_default().dirname(this.deps.store.abs(rel));
        const names = await (0,promises_.readdir)(dir).catch(() => []);
        const versions = names
            .filter((n) => n.endsWith('.mod'))
            .map((n) => (0,modpath/* unescapeVersion */.Bt)(n.slice(0, -'.mod'.length)))
            .filter((v) => v !== undefined && (0,modpath/* isCanonicalVersion */.Bh)(v) && !PSEUDO.test(v))
            .sort(modpath/* compareVersions */.Zy);
        if (versions.length === 0) {
            return {
                kind: 'notfound',
                status: 404,
                message: `not found: ${module} has no versions in the store (${why})`,
            };
        }
        const text = versions.map((v) => v + '\n').join('');
        const entry = await this.deps.store.write(rel, (tmp) => (0,promises_.writeFile)(tmp, text));
        // Stale from birth: a synthesized list must not hide upstream's once online again.
        await (0,promises_.utimes)(entry.path, new Date(0), new Date(0));
        return { kind: 'found', path: entry.path, size: entry.size, source: 'store' };
    }
}
/** Checks a fetched .info/@latest answer: JSON whose Version is a canonical version. */
async function checkInfo(tmp) {
    const version = infoVersion(await (0,promises_.readFile)(tmp));
    if (version === undefined)
        return 'upstream answered an .info that is not JSON with a Version';
    return (0,modpath/* isCanonicalVersion */.Bh)(version)
        ? undefined
        : `upstream answered an .info whose Version ${JSON.stringify(version.slice(0, 100))} is not canonical`;
}
/** Why a stored answer was refused (empty when it was not). */
function refusal(stored) {
    return stored.refused ? stored.reason : '';
}

;// CONCATENATED MODULE: ./src/proxy/core/singleflight.ts
/**
 * Runs one call per key at a time: callers arriving while a call for the same key is in flight
 * share its promise instead of starting another (N concurrent requests -> one upstream fetch).
 */
class SingleFlight {
    inflight = new Map();
    /** Runs `fn` for `key`, or joins the call already running for it. `joined` tells which. */
    async run(key, fn) {
        const running = this.inflight.get(key);
        if (running)
            return { value: await running, joined: true };
        const started = fn().finally(() => this.inflight.delete(key));
        this.inflight.set(key, started);
        return { value: await started, joined: false };
    }
    /** How many keys have a call in flight. */
    get size() {
        return this.inflight.size;
    }
}

;// CONCATENATED MODULE: ./src/proxy/core/files.ts





/** Creates the proxy's ModuleFiles over a store and an upstream. */
function createModuleFiles(deps) {
    const shared = { ...deps, now: deps.now ?? Date.now, flights: new SingleFlight() };
    const verifier = new Verifier({
        store: deps.store,
        sums: deps.sums,
        log: deps.log,
        stamps: deps.stamps,
        concurrency: deps.verifyConcurrency,
        checkZip: deps.checkZip,
        checksums: deps.checksums,
    });
    const canonical = new CanonicalFiles({ ...shared, verifier });
    const mutable = new MutableAnswers(shared);
    return {
        ensure: (module, version, kind, reason) => canonical.ensure(module, version, kind, reason),
        verifyStored: (module, version, kind) => canonical.verifyStored(module, version, kind),
        list: (module) => mutable.list(module),
        latest: (module) => mutable.latest(module),
        query: (module, query) => mutable.query(module, query),
    };
}

;// CONCATENATED MODULE: ./src/proxy/core/journal.ts



/** A journal that keeps nothing (no journal file configured). */
const nullJournal = {
    record() { },
    async flush() { },
    async close() { },
};
/**
 * A JSONL journal appended to `file`. Lines are buffered and appended every `flushMs` and on
 * close, so serving a file never waits for the journal; a process killed hard loses at most
 * the last interval. `onError` hears about a failed append (the proxy logs it and serves on).
 */
function fileJournal(file, opts = {}) {
    const now = opts.now ?? Date.now;
    let buffered = [];
    let writing = Promise.resolve();
    let closed = false;
    let dirReady;
    const flush = () => {
        if (buffered.length === 0)
            return writing;
        const text = buffered.join('');
        buffered = [];
        dirReady ??= (0,promises_.mkdir)(external_node_path_default().dirname(file), { recursive: true });
        // Appends are chained so lines keep their order even when flushes overlap.
        writing = writing
            .then(() => dirReady)
            .then(() => (0,promises_.appendFile)(file, text))
            .catch((err) => opts.onError?.(err));
        return writing;
    };
    const timer = setInterval(() => void flush(), opts.flushMs ?? 1000);
    timer.unref();
    // A process exiting without close() (an uncaught error, process.exit) still writes its lines.
    const onExit = () => {
        if (buffered.length === 0)
            return;
        try {
            (0,external_node_fs_.appendFileSync)(file, buffered.join(''));
        }
        catch {
            // Nothing left to tell at exit; the journal is best-effort then.
        }
        buffered = [];
    };
    process.once('exit', onExit);
    return {
        record(event) {
            if (closed)
                return;
            buffered.push(JSON.stringify({ ...event, time: new Date(now()).toISOString() }) + '\n');
        },
        flush,
        async close() {
            if (closed)
                return writing;
            closed = true;
            clearInterval(timer);
            process.removeListener('exit', onExit);
            return flush();
        },
    };
}

;// CONCATENATED MODULE: ./src/proxy/core/metrics.ts
/** Upper bounds (seconds) of the latency histogram buckets. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Counters and a latency histogram for /metrics; plain numbers, no dependency. */
class Metrics {
    requests = new Map();
    latency = new Array(BUCKETS.length).fill(0);
    latencySum = 0;
    latencyCount = 0;
    /** Canonical files answered from the store. */
    storeHits = 0;
    /** Requests that needed a file the store did not have. */
    storeMisses = 0;
    /** Files fetched from upstream into the store. */
    upstreamFetches = 0;
    /** Upstream fetches that failed (after retries) or were refused by verification. */
    upstreamErrors = 0;
    /** Body bytes sent to clients. */
    bytesServed = 0;
    /** Files fetched and served without being stored: the store could not be written. */
    unstored = 0;
    sources;
    /** `circuits`: each upstream entry's circuit breaker, read when rendered. */
    constructor(circuits = () => []) {
        this.sources = [circuits];
    }
    /** Adds another client's breakers (the checksum database's route). */
    addCircuits(source) {
        this.sources.push(source);
    }
    /** Every upstream entry's circuit breaker, as it is now. */
    circuits() {
        return this.sources.flatMap((s) => s());
    }
    /** Counts one answered request with its status and duration. */
    observe(status, seconds) {
        const key = String(status);
        this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
        const bucket = BUCKETS.findIndex((le) => seconds <= le);
        if (bucket >= 0)
            this.latency[bucket] = (this.latency[bucket] ?? 0) + 1;
        this.latencySum += seconds;
        this.latencyCount++;
    }
    /** Requests answered with `status` so far. */
    requestsWith(status) {
        return this.requests.get(String(status)) ?? 0;
    }
    /** The Prometheus text exposition (version 0.0.4) of everything counted. */
    render() {
        const out = [];
        const counter = (name, help, value) => {
            out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name} ${value}`);
        };
        out.push('# HELP gomodcache_requests_total Requests answered, by HTTP status.');
        out.push('# TYPE gomodcache_requests_total counter');
        for (const [status, n] of [...this.requests].sort()) {
            out.push(`gomodcache_requests_total{status="${status}"} ${n}`);
        }
        counter('gomodcache_store_hits_total', 'Module files answered from the store.', this.storeHits);
        counter('gomodcache_store_misses_total', 'Module files not in the store.', this.storeMisses);
        counter('gomodcache_upstream_fetches_total', 'Files fetched from upstream.', this.upstreamFetches);
        counter('gomodcache_upstream_errors_total', 'Failed or refused upstream fetches.', this.upstreamErrors);
        counter('gomodcache_bytes_served_total', 'Body bytes sent to clients.', this.bytesServed);
        counter('gomodcache_unstored_total', 'Files served without storing: the store could not be written.', this.unstored);
        this.renderCircuits(out);
        out.push('# HELP gomodcache_request_seconds Request latency.');
        out.push('# TYPE gomodcache_request_seconds histogram');
        let cumulative = 0;
        BUCKETS.forEach((le, i) => {
            cumulative += this.latency[i] ?? 0;
            out.push(`gomodcache_request_seconds_bucket{le="${le}"} ${cumulative}`);
        });
        out.push(`gomodcache_request_seconds_bucket{le="+Inf"} ${this.latencyCount}`);
        out.push(`gomodcache_request_seconds_sum ${this.latencySum}`);
        out.push(`gomodcache_request_seconds_count ${this.latencyCount}`);
        return out.join('\n') + '\n';
    }
    renderCircuits(out) {
        const circuits = this.circuits();
        if (circuits.length === 0)
            return;
        const label = (c) => `upstream="${c.upstream.replace(/["\\\n]/g, '_')}"`;
        out.push('# HELP gomodcache_upstream_circuit_open Whether an upstream entry is skipped (1) or asked (0).');
        out.push('# TYPE gomodcache_upstream_circuit_open gauge');
        for (const c of circuits)
            out.push(`gomodcache_upstream_circuit_open{${label(c)}} ${c.state === 'closed' ? 0 : 1}`);
        out.push('# HELP gomodcache_upstream_circuit_trips_total Times an upstream entry was found down and skipped.');
        out.push('# TYPE gomodcache_upstream_circuit_trips_total counter');
        for (const c of circuits)
            out.push(`gomodcache_upstream_circuit_trips_total{${label(c)}} ${c.trips}`);
    }
}

;// CONCATENATED MODULE: ./src/proxy/core/core.ts










/** The upstream timeouts a config sets; absent ones keep the client's defaults. */
function timeoutsOf(config) {
    const out = {};
    if (config.headersTimeoutMs !== undefined)
        out.headersTimeoutMs = config.headersTimeoutMs;
    if (config.idleTimeoutMs !== undefined)
        out.bodyTimeoutMs = config.idleTimeoutMs;
    if (config.coolDownMs !== undefined)
        out.coolDownMs = config.coolDownMs;
    return out;
}
/**
 * Creates the proxy's core: every file it answers is verified against go.sum, and with `checksums`
 * a fetched .mod or .zip go.sum does not list is held to the checksum database before it is stored.
 */
async function createCore(config, tuning = {}, checksums) {
    const { log } = config;
    const sums = await gosum/* GoSums */.x.load(config.goSum);
    const store = new Store(config.store);
    const aborter = new AbortController();
    const upstream = (0,upstream_upstream/* createUpstream */.YX)({
        list: config.upstream,
        netrc: config.netrc,
        goauth: config.goauth,
        log,
        maxConnections: config.concurrency.upstream,
        ...timeoutsOf(config),
        ...tuning,
    });
    const journal = config.journal
        ? fileJournal(config.journal, { onError: (err) => log.warn(`journal write failed: ${String(err)}`) })
        : nullJournal;
    const metrics = new Metrics(() => upstream.circuits?.() ?? []);
    const spill = new Spill(log, () => metrics.unstored++);
    const files = createModuleFiles({
        store,
        upstream,
        sums,
        journal,
        log,
        offline: config.offline,
        noProxy: config.noProxy,
        mutableTtlMs: config.mutableTtlMs,
        signal: aborter.signal,
        verifyConcurrency: config.verifyConcurrency ?? proxy_config/* DEFAULTS */.zY.verifyConcurrency,
        stamps: new Stamps(store, log),
        spill,
        checksums,
        onFetch: (outcome) => {
            if (outcome === 'fetched')
                metrics.upstreamFetches++;
            else
                metrics.upstreamErrors++;
        },
    });
    // In the background: a crash's leftovers cost nothing until then, and a big store takes a while.
    const swept = sweepTempFiles(store, log);
    const close = async () => {
        aborter.abort();
        await Promise.allSettled([upstream.close(), swept]);
        await journal.close();
        await spill.close();
    };
    return { files, sums, store, journal, metrics, signal: aborter.signal, close };
}

;// CONCATENATED MODULE: ./src/entry/complete.ts


// The proxy's warnings (a refused file, an upstream failure) go to the debug log: post reports
// what is missing from the entry itself, in one line.
const debugLogger = {
    debug: (m) => workflow/* debug */.Yz(m),
    info: (m) => workflow/* debug */.Yz(m),
    warn: (m) => workflow/* debug */.Yz(m),
    error: (m) => workflow/* debug */.Yz(m),
};
/**
 * An in-process proxy core (no listener) on the same store, upstream and go.sum, made on first
 * use. Post stops the job's proxy first (so its journal is complete) and completes the entry
 * with this: every file is verified against go.sum exactly as the job's proxy would have.
 */
function completer(config) {
    let running;
    const start = () => createCore({
        ...proxy_config/* DEFAULTS */.zY,
        concurrency: { ...proxy_config/* DEFAULTS */.zY.concurrency },
        ...config,
        log: debugLogger,
    });
    return {
        async complete(f) {
            running ??= start();
            const core = await running;
            const got = await core.files.ensure(f.module, f.version, f.file, 'prefetch');
            return got.kind === 'found';
        },
        async close() {
            const closing = running;
            running = undefined;
            if (closing)
                await (await closing).close();
        },
    };
}

// EXTERNAL MODULE: ./src/entry/claim.ts
var claim = __webpack_require__(472);
// EXTERNAL MODULE: ./src/entry/fs.ts
var fs = __webpack_require__(5577);
// EXTERNAL MODULE: ./src/entry/sumset.ts
var sumset = __webpack_require__(7683);
// EXTERNAL MODULE: ./src/entry/toolchain.ts
var toolchain = __webpack_require__(6035);
;// CONCATENATED MODULE: ./src/entry/build.ts






/**
 * Chooses and verifies the entry's files in the store: exactly the go.sum set plus what the job
 * used beyond it. Nothing is copied or linked: the archive is made from the store itself. Each zip
 * goes with a .ziphash of the h1 it was checked to have, written into the store when it lacks one.
 */
async function buildEntry(options) {
    const { store } = options;
    const wanted = new Map();
    const noProxy = options.noProxy ?? '';
    for (const f of (0,sumset/* sumSet */.mA)(options.sums))
        wanted.set((0,sumset/* relPath */.nA)(f), { f, required: noProxy === '' || !matchPrefixPatterns(noProxy, f.module) });
    for (const f of options.used) {
        // A toolchain zip is per OS and arch, and every OS restores this entry: it has its own (toolchain.ts).
        if (f.module === toolchain/* TOOLCHAIN_MODULE */.xc)
            continue;
        const rel = safeRel(f);
        if (rel !== undefined && !wanted.has(rel))
            wanted.set(rel, { f, required: false });
    }
    if (options.complete)
        await completeAll(store, wanted, options.complete);
    // Each file is a few syscalls (stat, read): in parallel they cost a fraction of the time in a
    // row. Outcomes are collected in path order, so the result never depends on timing.
    const sorted = [...wanted].sort(([a], [b]) => (a < b ? -1 : 1));
    const outcomes = await (0,pool/* mapLimited */.bB)(sorted, fs/* FILE_CONCURRENCY */.V, ([rel, { f, required }]) => addFile(rel, f, required, options));
    const built = { files: 0, bytes: 0, paths: [], missing: [], rejected: [] };
    for (const o of outcomes) {
        if (o.kind === 'added') {
            built.files++;
            built.bytes += o.bytes;
            built.paths.push(...o.paths);
        }
        else if (o.kind === 'missing')
            built.missing.push(o.rel);
        else if (o.kind === 'rejected')
            built.rejected.push(o.line);
    }
    return built;
}
// One file of the entry, verified (and its zip's .ziphash made sure of).
async function addFile(rel, f, required, options) {
    const source = (0,external_node_path_.join)(options.store, rel);
    const found = await (0,promises_.stat)(source).catch(() => undefined);
    if (found === undefined)
        return required ? { kind: 'missing', rel } : { kind: 'skipped' };
    const checked = await verifyStoreFile(options.store, f.module, f.version, f.file, options.sums);
    if (checked.problem !== undefined)
        return { kind: 'rejected', line: `${rel}: ${checked.problem}` };
    if (f.file !== 'zip' || checked.h1 === undefined)
        return { kind: 'added', bytes: found.size, paths: [rel] };
    // The go command trusts a .ziphash beside a zip and skips re-hashing it: a warm job then only
    // extracts. One written here records a hash checked against go.sum a moment ago. Best effort: a
    // zip whose .ziphash could not be made right goes alone, and the go command hashes it itself.
    const ziphash = rel.replace(/\.zip$/, '.ziphash');
    const hashed = checked.recorded === true ||
        (await writeZipHash(options.store, f.module, f.version, checked.h1)) === undefined;
    return { kind: 'added', bytes: found.size, paths: hashed ? [rel, ziphash] : [rel] };
}
// Completes the missing go.sum files a few at a time: the job may have used far fewer than go.sum names.
async function completeAll(store, wanted, complete) {
    const missing = [];
    for (const [rel, { f, required }] of wanted)
        if (required && !(await (0,fs/* exists */.t)((0,external_node_path_.join)(store, rel))))
            missing.push(f);
    await (0,pool/* forEachLimited */.vP)(missing, 8, async (f) => void (await complete(f)));
}
function safeRel(f) {
    try {
        return (0,sumset/* relPath */.nA)(f);
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/entry/layer.ts
var entry_layer = __webpack_require__(4433);
// EXTERNAL MODULE: ./src/entry/paths.ts
var paths = __webpack_require__(5960);
;// CONCATENATED MODULE: ./src/entry/extracted.ts





/**
 * Which of an entry's zips the saving job's go commands extracted: the next job extracts those
 * ahead of its steps (action/extract.ts), not every zip of go.sum (which also names modules of other
 * platforms, tags and tools). A whole entry carries the list as this file; a layer in its manifest.
 */
const EXTRACTED_FILE = 'extracted.txt';
/** The tree the go command extracts a zip (a store-relative `<path>/@v/<version>.zip`) into. */
function treeOf(modCache, zip) {
    return (0,external_node_path_.join)(modCache, zip.replace(/\/@v\/([^/]+)\.zip$/, '@$1'));
}
/** The entry's zips (store-relative paths) whose trees GOMODCACHE holds now, in order. */
async function extractedZips(paths, modCache) {
    const zips = paths.filter((rel) => rel.endsWith('.zip'));
    const extracted = new Set();
    await (0,pool/* forEachLimited */.vP)(zips, fs/* FILE_CONCURRENCY */.V, async (zip) => {
        if (await (0,fs/* exists */.t)(treeOf(modCache, zip)))
            extracted.add(zip);
    });
    return zips.filter((zip) => extracted.has(zip));
}
/**
 * The list a restored entry carries (its layer's manifest first, else its own file), or undefined
 * when it has none (an entry saved before the list, or by a job that extracted nothing).
 */
async function readExtracted(entryDir, layerText) {
    let list;
    try {
        list = layerText ? JSON.parse(layerText).extracted : undefined;
    }
    catch {
        list = undefined;
    }
    if (!Array.isArray(list))
        list = (await readFile(join(entryDir, EXTRACTED_FILE), 'utf8').catch(() => '')).split('\n');
    const zips = list.filter((rel) => typeof rel === 'string' && rel.endsWith('.zip') && isEntryFile(rel));
    return zips.length > 0 ? new Set(zips) : undefined;
}

;// CONCATENATED MODULE: ./src/entry/save.ts









/**
 * Saves the job's entry under the primary key: unless it exists or another job claimed it, builds
 * the entry (the go.sum set, completed from upstream, plus what the job used beyond it) and saves it.
 */
async function save(state, usage, run, cache) {
    const fetcher = completer({
        store: state.store,
        upstream: state.upstream ?? proxy_config/* DEFAULT_UPSTREAM */.Gl,
        goSum: [state.sumFile],
        noProxy: state.noProxy,
        goauth: state.goauth,
    });
    // The entry's files are checked while the cache service is asked whether to save at all; only
    // fetching missing files from upstream waits for the answer, so a job that will not save fetches
    // nothing.
    const skip = shouldSkip(state, cache, run);
    const building = (0,promises_.readFile)(state.sumFile, 'utf8').then((text) => buildEntry({
        store: state.store,
        sums: gosum/* GoSums */.x.parse(text),
        used: usage?.used ?? [],
        noProxy: state.noProxy,
        complete: async (f) => (await skip) === undefined && fetcher.complete(f),
    }));
    // Handled at once: it may fail while the service is still being asked, before anything awaits it.
    building.catch(() => undefined);
    try {
        const skipped = await skip;
        if (skipped !== undefined)
            return skipped;
        const built = await building;
        // The proxy core is done once the entry is built: it need not live through the archive upload.
        await fetcher.close();
        if (built.missing.length > 0)
            workflow/* info */.pq(`${built.missing.length} files of go.sum could not be had: ${built.missing.slice(0, 5).join(', ')}`);
        for (const line of built.rejected)
            workflow/* warning */.$e(`go-mod-cache: left out of the entry: ${line}`);
        if (built.files === 0)
            return { key: '', reason: 'the entry would be empty', built };
        return await upload(state, built, cache);
    }
    finally {
        // Whatever happened, the build (and any fetch it started) is over before post goes on.
        await building.catch(() => undefined);
        await fetcher.close();
    }
}
// Archived from the store itself, named as under ENTRY_PATH, where main restores it: a layer on the
// restored base while the change is small, else the whole entry.
// The file saved beside the store's: a layer's manifest (with the extracted list), else the list alone.
function extraFile(layer, extracted) {
    const listed = extracted.length > 0 ? { extracted } : {};
    if (layer)
        return { name: entry_layer/* LAYER_FILE */.v3, text: JSON.stringify({ ...layer.layer, ...listed }) };
    return extracted.length > 0 ? { name: EXTRACTED_FILE, text: extracted.join('\n') + '\n' } : undefined;
}
async function upload(state, built, cache) {
    const key = state.primaryKey;
    const layer = await layerFor(state, built);
    const savedKey = layer ? (0,entry_layer/* layerKeyOf */._6)(key) : key;
    const extracted = state.modCache ? await extractedZips(built.paths, state.modCache) : [];
    const outcome = await cache.saveFiles(state.store, layer?.files ?? built.paths, paths/* ENTRY_PATH */.He, savedKey, extraFile(layer, extracted));
    if (outcome.value === -1)
        return { key: '', reason: outcome.failed ? 'the cache service failed' : 'saved by another job', built };
    if (!layer) {
        workflow/* info */.pq(`Saved ${key}: ${built.files} files, ${built.bytes} bytes`);
        return { key, reason: 'saved', built };
    }
    workflow/* info */.pq(`Saved ${savedKey}: a layer of ${layer.files.length} files, ${layer.bytes} bytes on ${layer.layer.base}` +
        ` (leaving out ${layer.layer.drop.length} of its files)`);
    const { base } = layer.layer;
    return {
        key: savedKey,
        reason: 'saved',
        built,
        layer: { base, files: layer.files.length, bytes: layer.bytes },
    };
}
/**
 * The layer to save instead of the whole entry (layer.ts), or undefined: none without a whole base.
 * After this set's own layer there is none either: restored with its base it is an exact hit, which
 * post never saves, and without it there is no base.
 */
async function layerFor(state, built) {
    if (state.base === undefined)
        return undefined;
    try {
        return await (0,entry_layer/* planLayer */.FD)(state.base, await (0,entry_layer/* baseFiles */.HU)(state.base), built.paths, state.store);
    }
    catch (error) {
        workflow/* debug */.Yz(`layer: ${String(error)}`);
        return undefined;
    }
}
/**
 * Why this job does not save `key`, or undefined when it goes ahead: a matrix sibling may have
 * saved it (or this set's layer) already (finding out costs no archive work), or be saving it now
 * (the claim). The layer this job restored itself does not count: its base was gone, so the whole
 * set is saved under the plain key, which later jobs find first.
 */
async function shouldSkip(state, cache, run) {
    const key = state.primaryKey;
    const layerKey = (0,entry_layer/* layerKeyOf */._6)(key);
    const lookup = await cache.restore([paths/* ENTRY_PATH */.He], key, [layerKey], true);
    if (lookup.failed)
        return { key: '', reason: 'the cache service failed' };
    if (lookup.value === key || (lookup.value === layerKey && state.matchedKey !== layerKey)) {
        workflow/* info */.pq(`${lookup.value} already exists (saved by another job): not saving`);
        return { key: '', reason: 'saved by another job' };
    }
    const claimed = await (0,claim/* claim */.B)(key, cache, run);
    if (claimed.failed)
        return { key: '', reason: 'the cache service failed' };
    if (!claimed.value)
        return { key: '', reason: 'another job is saving this key' };
    return undefined;
}


/***/ })

};
