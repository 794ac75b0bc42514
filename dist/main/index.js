import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 969:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  V: () => (/* binding */ runMain)
});

;// CONCATENATED MODULE: external "node:async_hooks"
const external_node_async_hooks_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/runner/workflow.ts
// The runner's workflow and file commands as @actions/core writes them (FACTS §3); our own because
// @actions/core brings an HTTP client (for OIDC tokens) that slows every step's start.




let channel = {
    files: { OUTPUT: '', ENV: '', STATE: '', STEP_SUMMARY: '' },
    debug: false,
    states: {},
};
/** Sends the commands that follow through `to`: main and post connect their context's channel first. */
function connect(to) {
    channel = to;
}
/** A log line. */
function info(message) {
    write(message + external_node_os_namespaceObject.EOL);
}
/** A line shown only when the run has debug logging on. */
function debug(message) {
    command('debug', message);
}
/** A warning annotation. */
function warning(message) {
    command('warning', message);
}
/** An error annotation; the step's exit code becomes 1. */
function setFailed(message) {
    process.exitCode = 1;
    command('error', message);
}
/** Whether the run has debug logging on. */
function isDebug() {
    return channel.debug;
}
/** Folds the lines that follow into a group in the log, until endGroup. */
function startGroup(name) {
    command('group', name);
}
function endGroup() {
    command('endgroup', '');
}
/** A task's log, held back while the task runs beside another (`lines` null once released). */
const held = new external_node_async_hooks_namespaceObject.AsyncLocalStorage();
/**
 * Runs `fn` with every line it logs (groups and annotations too) held back until `release`, so a
 * task running beside another never writes into the other's group.
 */
function holdLog(fn) {
    const store = { lines: [] };
    const done = held.run(store, fn);
    const release = () => {
        for (const line of store.lines ?? [])
            process.stdout.write(line);
        store.lines = null;
    };
    return { done, release };
}
function write(line) {
    const lines = held.getStore()?.lines;
    if (lines)
        lines.push(line);
    else
        process.stdout.write(line);
}
/** Runs `fn` with its lines folded into a group. */
async function group(name, fn) {
    startGroup(name);
    try {
        return await fn();
    }
    finally {
        endGroup();
    }
}
/** Masks `secret` in every later line of the log. */
function setSecret(secret) {
    command('add-mask', secret);
}
/** A step output. */
function setOutput(name, value) {
    fileCommand('OUTPUT', name, value);
}
/** An environment variable for every later step; this process's environment is left alone (its entry point read it once). */
function exportVariable(name, value) {
    fileCommand('ENV', name, value);
}
/** A value the post step reads back with getState. */
function saveState(name, value) {
    fileCommand('STATE', name, value);
}
/** A value main saved with saveState ('' when none). */
function getState(name) {
    return channel.states[name] ?? '';
}
/** Appends markdown (or HTML) to the job summary; false when the runner gave no summary file. */
function appendSummary(text) {
    const file = channel.files.STEP_SUMMARY;
    if (!file)
        return false;
    appendFileSync(file, text, 'utf8');
    return true;
}
// Data escapes: a message cannot end the command line or fake another command after it.
function command(name, message) {
    const data = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    write(`::${name}::${data}${external_node_os_namespaceObject.EOL}`);
}
// A heredoc block with a random delimiter, so no value can end it early.
function fileCommand(kind, name, value) {
    const file = channel.files[kind];
    if (!file || !(0,external_node_fs_namespaceObject.existsSync)(file))
        throw new Error(`the runner gave no GITHUB_${kind} file`);
    const delimiter = `ghadelimiter_${(0,external_node_crypto_namespaceObject.randomUUID)()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`${name}: value holds the delimiter`);
    (0,external_node_fs_namespaceObject.appendFileSync)(file, `${name}<<${delimiter}${external_node_os_namespaceObject.EOL}${value}${external_node_os_namespaceObject.EOL}${delimiter}${external_node_os_namespaceObject.EOL}`, 'utf8');
}

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/proxy/core/pool.ts
/**
 * Runs `fn` on every item, at most `limit` at a time, taking items in order; resolves when all
 * are done and rejects with the first failure (callers that must not stop catch inside `fn`).
 */
async function pool_forEachLimited(items, limit, fn) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await fn(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
/** forEachLimited that keeps each item's result, in the items' order whatever the timing. */
async function pool_mapLimited(items, limit, fn) {
    const results = new Array(items.length);
    const indexes = items.map((_, i) => i);
    await pool_forEachLimited(indexes, limit, async (i) => {
        results[i] = await fn(items[i]);
    });
    return results;
}
/** At most `limit` tasks run at once; the others wait in arrival order. */
class Semaphore {
    limit;
    active = 0;
    waiting = [];
    constructor(limit) {
        this.limit = limit;
    }
    /** Runs `fn` once a slot is free, and frees the slot when it settles. */
    async run(fn) {
        if (this.active < this.limit)
            this.active++;
        else
            await new Promise((resolve) => this.waiting.push(resolve));
        try {
            return await fn();
        }
        finally {
            // Hand the slot straight to the next waiter, so a newcomer cannot jump the queue.
            const next = this.waiting.shift();
            if (next)
                next();
            else
                this.active--;
        }
    }
}

;// CONCATENATED MODULE: ./src/cache/linkdir.ts



/**
 * Makes `dir` a fresh directory of hard links to `files` under `root` (copies only across
 * filesystems): the entry as @actions/cache saves it, which archives directories, not file lists.
 */
async function linkEntry(root, files, dir) {
    await (0,promises_namespaceObject.rm)(dir, { recursive: true, force: true });
    await (0,promises_namespaceObject.mkdir)(dir, { recursive: true });
    // A few syscalls each: in parallel they cost a fraction of the time in a row.
    await pool_forEachLimited(files, 16, async (rel) => {
        const target = (0,external_node_path_namespaceObject.join)(dir, rel);
        await (0,promises_namespaceObject.mkdir)((0,external_node_path_namespaceObject.dirname)(target), { recursive: true });
        await linkOrCopy((0,external_node_path_namespaceObject.join)(root, rel), target);
    });
}
async function linkOrCopy(from, to) {
    try {
        await (0,promises_namespaceObject.link)(from, to);
    }
    catch (error) {
        const code = error.code;
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP')
            throw error;
        await (0,promises_namespaceObject.copyFile)(from, to);
    }
}

;// CONCATENATED MODULE: ./src/cache/stall.ts
// A restore that stops making progress is abandoned within a bound, and said in one line: a hung
// download must not hold a job for minutes when the proxy can fetch what the entry held.


/** Default: abandon a restore after this long without progress. */
const DEFAULT_STALL_MS = 30_000;
/** Why a restore was abandoned: no progress for the bound. */
class StallError extends Error {
}
/**
 * Watches `progress` (any number that grows while work goes on) and rejects `stalled` when it
 * has not moved for `stallMs`; `line(seconds)` words the error. The timer never holds the process.
 */
function watchStall(progress, stallMs, line) {
    let timer;
    const stalled = new Promise((_resolve, reject) => {
        let last = progress();
        let movedAt = Date.now();
        timer = setInterval(() => {
            const now = progress();
            if (now !== last) {
                last = now;
                movedAt = Date.now();
            }
            else if (Date.now() - movedAt >= stallMs) {
                clearInterval(timer);
                reject(new StallError(line(Math.round((Date.now() - movedAt) / 1000))));
            }
        }, Math.max(20, Math.min(1000, stallMs / 5)));
        timer.unref();
    });
    // Whoever races it may have settled already: a late stall is nobody's unhandled rejection.
    stalled.catch(() => undefined);
    return { stalled, stop: () => clearInterval(timer) };
}
/** Bytes as MB with one decimal, as the lines below show them. */
function mb(bytes) {
    return (bytes / (1 << 20)).toFixed(1);
}
/** "restore stalled after N s at X of Y MB: continuing uncached" (Y unknown: "of ? MB"). */
function stalledLine(seconds, bytes, total) {
    return `restore stalled after ${seconds} s at ${mb(bytes)} of ${total === undefined ? '?' : mb(total)} MB: continuing uncached`;
}
/** A restore that failed part way: what it got versus what was expected, and why. */
function failedLine(bytes, total, why) {
    const of = total === undefined ? '' : ` of ${mb(total)}`;
    return `restore failed at ${mb(bytes)}${of} MB (${why}): continuing uncached`;
}
/**
 * A reader of the bytes this process has read and written (Linux /proc/self/io: sockets and files
 * alike), less its own reads of that file; undefined where it cannot be read. The @actions/cache
 * path's only view of a download it runs inside the library.
 */
function processIo() {
    let own = 0;
    const read = () => {
        const text = (0,external_node_fs_namespaceObject.readFileSync)('/proc/self/io', 'utf8');
        const rchar = Number(/^rchar: (\d+)$/m.exec(text)?.[1]);
        const wchar = Number(/^wchar: (\d+)$/m.exec(text)?.[1]);
        if (!Number.isFinite(rchar) || !Number.isFinite(wchar))
            throw new Error('no rchar/wchar');
        // This read shows in the next one's rchar.
        const bytes = { read: rchar - own, written: wchar };
        own += Buffer.byteLength(text);
        return bytes;
    };
    try {
        read();
    }
    catch {
        return undefined;
    }
    return read;
}
/** Bytes of the regular files under `paths` (absent: 0), for an extraction's progress. */
function bytesUnder(paths) {
    let total = 0;
    const walk = (path) => {
        const st = (0,external_node_fs_namespaceObject.statSync)(path, { throwIfNoEntry: false });
        if (st?.isFile())
            total += st.size;
        else if (st?.isDirectory())
            for (const name of (0,external_node_fs_namespaceObject.readdirSync)(path))
                walk((0,external_node_path_namespaceObject.join)(path, name));
    };
    for (const path of paths)
        walk(path);
    return total;
}

;// CONCATENATED MODULE: ./src/cache/library-cache.ts






// Entries hold GOPROXY-layout files, identical on every OS, so every job shares them.
const CROSS_OS = true;
// @actions/cache and the Azure SDK under it are a bundle of their own (library.ts), parsed only
// when the library does the work. Run from the sources (tests), the package itself is imported.
let library;
const cache = () => (library ??= import(/* webpackIgnore: true */ libraryModule()));
function libraryModule() {
    return import.meta.url.endsWith('.ts') ? '@actions/cache' : (0,external_node_url_namespaceObject.pathToFileURL)(libraryBundle()).href;
}
/** @actions/cache's bundle beside this bundle: dist/post/index.js -> dist/cache/index.js. */
function libraryBundle() {
    return (0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url)), '..', 'cache', 'index.js');
}
/** The cache through @actions/cache; entry paths are relative to `workspace`, as the library takes them. */
function libraryCache(workspace, options = {}) {
    return {
        restore: async (paths, primaryKey, restoreKeys, lookupOnly) => {
            const { restoreCache } = await cache();
            const call = () => restoreCache(paths, primaryKey, restoreKeys, { lookupOnly }, CROSS_OS);
            const dests = paths.map((p) => (0,external_node_path_namespaceObject.resolve)(workspace, p));
            const seen = { bytes: 0, stalled: false };
            const outcome = await watch(() => (lookupOnly ? call() : stallBounded(call, dests, options, seen)), undefined);
            // The library says only its error ("aborted"): add what it got before it gave up.
            if (!lookupOnly && outcome.failed && outcome.value === undefined && !seen.stalled)
                info(failedLine(seen.bytes, undefined, 'the library gave up, see above'));
            return outcome;
        },
        // The library archives paths: the files are linked under `path` first.
        saveFiles: async (root, files, path, key, extra) => {
            const dir = (0,external_node_path_namespaceObject.resolve)(workspace, path);
            try {
                await linkEntry(root, files, dir);
                if (extra)
                    await (0,promises_namespaceObject.writeFile)((0,external_node_path_namespaceObject.join)(dir, extra.name), extra.text);
                return await librarySave([path], key);
            }
            catch (error) {
                warning(`Failed to save: ${error.message}`);
                return { value: -1, failed: true };
            }
            finally {
                await (0,promises_namespaceObject.rm)(dir, { recursive: true, force: true });
            }
        },
        reserve: async (path, key) => {
            const dir = (0,external_node_path_namespaceObject.resolve)(workspace, path);
            await (0,promises_namespaceObject.mkdir)(dir, { recursive: true });
            await (0,promises_namespaceObject.writeFile)((0,external_node_path_namespaceObject.join)(dir, 'claim'), `${key}\n`);
            try {
                const saved = await librarySave([path], key);
                return { value: saved.value !== -1, failed: saved.failed };
            }
            finally {
                await (0,promises_namespaceObject.rm)(dir, { recursive: true, force: true });
            }
        },
        available: async () => (await cache()).isFeatureAvailable(),
    };
}
/**
 * The library's restore, abandoned after `stallMs` without progress: it cannot be cancelled, so it
 * is raced, its progress read from outside (this process's I/O while it downloads, the files under
 * `dests` while tar extracts). Abandoned, `dests` are removed: nothing half-extracted is used.
 * Where /proc/self/io is missing (not Linux) it runs unbounded, with the library's own timeouts.
 */
async function stallBounded(call, dests, options, seen) {
    const io = processIo();
    if (io === undefined)
        return call();
    const start = io();
    let extracted = 0;
    let saw = start;
    const progress = () => {
        const now = io();
        // Only when the process is idle: tar (a child) may be extracting.
        if (now.read === saw.read && now.written === saw.written)
            extracted = bytesUnder(dests);
        saw = now;
        return now.read + now.written + extracted;
    };
    // What it got: the archive written so far, or what tar extracted (the library knows the size).
    const got = () => (seen.bytes = Math.max(saw.written - start.written, extracted));
    const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
    const watchdog = watchStall(progress, stallMs, (s) => stalledLine(s, got(), undefined));
    const work = call();
    work.catch(() => undefined);
    try {
        return await Promise.race([work, watchdog.stalled]);
    }
    catch (error) {
        seen.stalled = error instanceof StallError;
        if (seen.stalled)
            await Promise.all(dests.map((d) => (0,promises_namespaceObject.rm)(d, { recursive: true, force: true })));
        throw error;
    }
    finally {
        got();
        watchdog.stop();
    }
}
async function librarySave(paths, key) {
    const { saveCache } = await cache();
    return watch(() => saveCache(paths, key, {}, CROSS_OS), -1);
}
// @actions/cache logs a service failure and swallows it; we watch for that line, so later calls
// in this job are skipped instead of repeating the failure and its retries.
async function watch(call, fallback) {
    const write = process.stdout.write;
    let failed = false;
    process.stdout.write = function (chunk, ...rest) {
        if (typeof chunk === 'string' && /^::(warning|error)(::| )/m.test(chunk))
            failed = true;
        return write.call(this, chunk, ...rest);
    };
    try {
        return { value: await call(), failed };
    }
    catch (error) {
        process.stdout.write = write;
        if (error instanceof StallError) {
            warning(`Failed to restore: ${error.message}`);
            return { value: fallback, failed: true };
        }
        // Otherwise only ValidationError is thrown (a bad key or path): our bug, not the service's. Degrade.
        console.log(`::warning::go-mod-cache: cache call rejected: ${String(error)}`);
        return { value: fallback, failed: true };
    }
    finally {
        process.stdout.write = write;
    }
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./src/cache/v2/archive.ts

/**
 * `zstd -d | tar -x` from stdin into `cwd`, the library's format. zstd reads the pipe itself (tar's
 * --use-compress-program relays it in small records); names are never absolute, owners never restored.
 */
function extractor(cwd) {
    const zstd = (0,external_node_child_process_namespaceObject.spawn)('zstd', ['-d', '-c', '-q'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const tar = (0,external_node_child_process_namespaceObject.spawn)('tar', ['-xf', '-', '-C', cwd, '--no-same-owner'], {
        stdio: [zstd.stdout, 'ignore', 'pipe'],
    });
    // tar has its own copy of the pipe: with ours closed, zstd gets EPIPE if tar dies.
    zstd.stdout.destroy();
    return pair(zstd.stdin, zstd, tar);
}
/**
 * `tar -c | zstd` of `files` (relative to `cwd`, NUL-separated on stdin) named as under `path`, plus
 * `extra` from elsewhere. A file gone meanwhile is left out, not a failed save; level 1, as zips hardly
 * compress (bench/README.md has the figures).
 */
function archiver(cwd, files, path, extra) {
    const args = ['--posix', '-cf', '-', '-C', cwd, '--no-recursion', '--ignore-failed-read'];
    args.push(`--transform=s|^|${path}/|`, '--null', '--verbatim-files-from', '-T', '-');
    // -C is positional: the extra file is read from its own (absolute) directory, after the list.
    if (extra)
        args.push('-C', extra.dir, extra.name);
    const tar = (0,external_node_child_process_namespaceObject.spawn)('tar', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const zstd = (0,external_node_child_process_namespaceObject.spawn)('zstd', ['-1', '-T0', '-c', '-q'], { stdio: [tar.stdout, 'pipe', 'pipe'] });
    tar.stdout.destroy();
    tar.stdin.end(files.map((f) => `${f}\0`).join(''));
    return pair(zstd.stdout, tar, zstd);
}
function pair(stream, first, second) {
    const kill = () => {
        first.kill('SIGKILL');
        second.kill('SIGKILL');
    };
    // One failing stops the other: a tar that died must not leave zstd blocked on a full pipe.
    const done = Promise.all([exited(first), exited(second)]).then(() => undefined);
    done.catch(kill);
    return { stream, done, kill };
}
function exited(child) {
    let errors = '';
    child.stderr?.on('data', (chunk) => {
        errors = (errors + chunk.toString('utf8')).slice(-2000);
    });
    // A child that died leaves its pipe end closed: writes to it fail, and that failure is this one's.
    child.stdin?.on('error', () => undefined);
    const name = child.spawnfile;
    return new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code, signal) => {
            if (code === 0)
                return resolve();
            const last = errors.trim().split('\n').pop() ?? '';
            reject(new Error(`${name} exited with ${signal ?? code ?? '?'}${last ? `: ${last}` : ''}`));
        });
    });
}

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_namespaceObject);
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_namespaceObject);
;// CONCATENATED MODULE: ./src/cache/v2/transport.ts


// Keep-alive: a restore's ranged GETs and a save's blocks go to one host in quick succession. Node
// unrefs idle kept-alive sockets, so they never hold a step's process open.
const agents = {
    'http:': new (external_node_http_default()).Agent({ keepAlive: true, maxSockets: 16 }),
    'https:': new (external_node_https_default()).Agent({ keepAlive: true, maxSockets: 16 }),
};
/** Sends a request; resolves with the response once its headers are in (the body is the caller's). */
function send(url, request) {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const client = secure ? (external_node_https_default()) : (external_node_http_default());
    const agent = agents[secure ? 'https:' : 'http:'];
    const headers = { 'User-Agent': USER_AGENT, ...request.headers };
    if (request.body !== undefined)
        headers['Content-Length'] = String(Buffer.byteLength(request.body));
    return new Promise((resolve, reject) => {
        const { signal } = request;
        const req = client.request(target, { method: request.method, headers, agent, signal }, (res) => {
            // The idle timer covers the body too: the caller reads it from this same socket.
            res.on('error', () => undefined);
            resolve(res);
        });
        // Idle time on the socket (connect, headers or body): a hung service never hangs the step.
        req.setTimeout(IDLE_MS, () => {
            req.destroy(Object.assign(new Error('no data for too long'), { code: 'ETIMEDOUT' }));
        });
        req.on('error', reject);
        req.on('socket', guard);
        req.end(request.body);
    });
}
// A server that answers before it has read a whole upload (a 403 to a Put Block) resets the
// connection while the body is still being written; Node can then emit that write's ECONNRESET on
// the socket after the request let go of it. The request reports its own failure; this only keeps
// such a late error from ending the process. Once per socket: kept-alive sockets are reused.
const guarded = new WeakSet();
function guard(socket) {
    if (guarded.has(socket))
        return;
    guarded.add(socket);
    socket.on('error', () => undefined);
}
/** Reads a whole (small) body. */
async function readBody(res, limit = 16 << 20) {
    const chunks = [];
    let size = 0;
    for await (const chunk of res) {
        size += chunk.length;
        if (size > limit) {
            res.destroy();
            throw new Error(`response body over ${limit} bytes`);
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks);
}
const USER_AGENT = 'go-mod-cache-action';
const IDLE_MS = 60_000;

;// CONCATENATED MODULE: external "node:timers/promises"
const external_node_timers_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
;// CONCATENATED MODULE: ./src/proxy/upstream/upstream.ts










/**
 * Timeouts that fail a hung upstream in seconds, not minutes: the go command sets none, so a
 * proxy that waits hangs the build. A slow first fetch is retried; only silence everywhere trips.
 */
const DEFAULT_TIMEOUTS = { connectMs: 5_000, headersMs: 8_000, idleMs: 10_000, coolDownMs: 30_000 };
const TOO_LARGE = 'response too large';
const ABORTED = 'aborted';
/** Builds the Upstream for a GOPROXY-style list; throws when the list is invalid. */
function upstream_createUpstream(config) {
    return new ListClient(config);
}
/** The HTTP client, made on the first HTTP request: a proxy serving its store may never need one. */
function lazyClient(config) {
    let made;
    const client = () => (made ??= loadUndici().then((undici) => {
        const owned = config.dispatcher
            ? undefined
            : new undici.Agent({
                connections: config.maxConnections ?? 16,
                pipelining: 1,
                connect: { timeout: config.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectMs },
            });
        // Proxies in front of object stores answer .zip with a redirect; undici drops Authorization
        // when a redirect leaves the origin.
        const dispatcher = (config.dispatcher ?? owned).compose(undici.redirect({ maxRedirections: 5 }));
        return { dispatcher, request: undici.request, owned };
    }));
    return { client, owned: async () => (await made?.catch(() => undefined))?.owned };
}
/** The settings every attempt reads, with their defaults. */
function settingsFor(config, client) {
    return {
        log: config.log,
        client,
        headersTimeout: config.headersTimeoutMs ?? DEFAULT_TIMEOUTS.headersMs,
        bodyTimeout: config.bodyTimeoutMs ?? DEFAULT_TIMEOUTS.idleMs,
        retries: config.retries ?? 2,
        retryBaseMs: config.retryBaseMs ?? 200,
        retryMaxDelayMs: config.retryMaxDelayMs ?? 5_000,
        sleep: config.sleep ?? ((ms, signal) => wait(ms, undefined, { signal })),
        paths: config.paths ?? 'proxy',
        coolDownMs: config.coolDownMs ?? DEFAULT_TIMEOUTS.coolDownMs,
        now: config.now ?? Date.now,
    };
}
/** An Upstream over a parsed GOPROXY list: walks its entries in order, as the go command does. */
class ListClient {
    entries;
    auth;
    breakers = new Map();
    settings;
    owned;
    // One per get() in flight, aborted when close() gives up waiting: undici's destroy() after
    // close() leaves a request already waiting for headers to its headers timeout.
    inFlight = new Set();
    followers = new WeakMap();
    constructor(config) {
        const log = config.log;
        this.entries = parseProxyList(config.list);
        const schemes = parseGoAuth(config.goauth);
        const credentials = needsCredentials(this.entries)
            ? goAuth(schemes, { netrc: config.netrc, log })
            : undefined;
        this.auth = new Map(this.entries.map((e) => [e, entryAuth(e, credentials, log)]));
        const lazy = lazyClient(config);
        this.owned = lazy.owned;
        this.settings = settingsFor(config, lazy.client);
        const coolDown = config.coolDownMs ?? DEFAULT_TIMEOUTS.coolDownMs;
        for (const e of this.entries) {
            if (e.kind === 'http')
                this.breakers.set(e, new Breaker(redact(e.base), coolDown, config.now));
        }
    }
    circuits() {
        return [...this.breakers.values()].map((b) => b.view());
    }
    async get(path, consume, given) {
        const cut = new AbortController();
        const unfollow = given.signal ? this.follow(given.signal, cut) : () => { };
        this.inFlight.add(cut);
        try {
            return await this.getEntries(path, consume, { ...given, signal: cut.signal });
        }
        finally {
            this.inFlight.delete(cut);
            unfollow();
        }
    }
    /**
     * Aborts `cut` with `signal`. One listener per outer signal, fanned out: a listener per get on
     * the core's one signal made prefetch's concurrent gets pass Node's MaxListeners warning.
     */
    follow(signal, cut) {
        if (signal.aborted)
            cut.abort();
        let cuts = this.followers.get(signal);
        if (cuts === undefined) {
            const fresh = new Set();
            signal.addEventListener('abort', () => fresh.forEach((c) => c.abort()), { once: true });
            this.followers.set(signal, fresh);
            cuts = fresh;
        }
        const own = cuts;
        own.add(cut);
        return () => own.delete(cut);
    }
    async getEntries(path, consume, opts) {
        if (!isRelativeStorePath(path))
            return { kind: 'error', message: `invalid upstream path "${path}"` };
        const { entries, settings } = this;
        for (const [i, entry] of entries.entries()) {
            if (entry.kind === 'direct') {
                return { kind: 'notfound', status: 404, message: "left to the go command's own direct fallback" };
            }
            if (entry.kind === 'off') {
                return { kind: 'notfound', status: 404, message: 'module lookup disabled by GOPROXY=off' };
            }
            const { outcome, skipped } = await this.askEntry(entry, path, consume, opts);
            if (outcome.kind === 'found' || opts.signal?.aborted)
                return outcome;
            const next = entries[i + 1];
            if (next === undefined)
                return outcome;
            if (outcome.kind === 'notfound') {
                settings.log.debug(`${entry.base}/${path}: ${outcome.status}; trying ${next.base}`);
                continue;
            }
            if (entry.next !== '|')
                return outcome;
            // A skipped entry was reported once, when its circuit opened.
            const line = redact(`upstream ${entry.base} failed for ${path}: ${outcome.message}; trying ${next.base}`);
            if (skipped)
                settings.log.debug(line);
            else
                settings.log.warn(line);
        }
        // Unreachable: parseProxyList never returns an empty list.
        return { kind: 'error', message: 'no upstream' };
    }
    /** One entry, unless its circuit is open: then at once an error saying why it was skipped. */
    async askEntry(entry, path, consume, opts) {
        const breaker = this.breakers.get(entry);
        const gate = breaker?.admit() ?? { probe: false };
        if ('skipped' in gate)
            return { outcome: { kind: 'error', message: gate.skipped }, skipped: true };
        try {
            const auth = this.auth.get(entry);
            return {
                outcome: await tryEntry(this.settings, entry, auth, path, consume, opts, breaker),
                skipped: false,
            };
        }
        finally {
            breaker?.settle(gate.probe);
        }
    }
    async close() {
        const owned = await this.owned();
        if (!owned)
            return;
        // Graceful first; a hung upstream must not hold shutdown, so cut what is left after 2 s.
        const timer = wait(2_000, 'timeout', { ref: false });
        if ((await Promise.race([owned.close().then(() => 'closed'), timer])) === 'timeout') {
            for (const cut of this.inFlight)
                cut.abort();
            await owned.destroy();
        }
    }
}
/** One entry, with retries and backoff for transient failures. */
async function tryEntry(s, entry, auth, path, consume, opts, breaker) {
    for (let attempt = 1;; attempt++) {
        if (opts.signal?.aborted)
            return { kind: 'error', message: ABORTED };
        const result = entry.kind === 'file'
            ? await attemptFile(s, entry, path, consume, opts)
            : await attemptHttp(s, entry, auth, path, consume, opts, breaker);
        if (result.kind !== 'transient')
            return result;
        const where = `${entry.base}/${path}`;
        // An entry found down is not asked again now: the next entry (or the error) comes at once.
        if (breaker?.isOpen) {
            return { kind: 'error', message: redact(`${where}: ${result.message} (circuit open)`) };
        }
        if (attempt > s.retries) {
            return { kind: 'error', message: redact(`${where}: ${result.message} (after ${attempt} tries)`) };
        }
        const delay = backoff(attempt, result.retryAfterMs, s.retryBaseMs, s.retryMaxDelayMs);
        s.log.debug(redact(`${where}: ${result.message}; retry ${attempt} in ${delay}ms`));
        try {
            await s.sleep(delay, opts.signal);
        }
        catch {
            return { kind: 'error', message: ABORTED };
        }
    }
}
/**
 * Exponential backoff with jitter, the one policy of every client here (upstreams, the cache
 * service, blob storage); a Retry-After is honoured up to the cap.
 */
function backoff(attempt, retryAfterMs, baseMs, maxMs, random = Math.random, factor = 2) {
    const exp = baseMs * factor ** (attempt - 1);
    // Half fixed, half random: retries from many runners do not arrive in step.
    const jittered = Math.round(exp / 2 + (random() * exp) / 2);
    return Math.min(Math.max(retryAfterMs ?? 0, jittered), maxMs);
}
async function attemptHttp(s, entry, auth, path, consume, opts, breaker) {
    // The query stays off the logged URL (and off GOAUTH's): it may carry a token.
    const shown = `${entry.base}/${path}`;
    const url = `${entry.base}/${urlPath(path, s.paths)}`;
    const started = Date.now();
    const since = s.now();
    let res;
    try {
        res = await upstream_send(s, `${url}${entry.search}`, await auth?.headers(url), opts);
        // As cmd/go: after a 4xx, GOAUTH runs again for this URL and the request goes once more.
        if (auth?.refreshable && res.statusCode >= 400 && res.statusCode < 500) {
            await readSome(res.body);
            await auth.refresh(url, { status: res.statusCode, headers: res.headers });
            res = await upstream_send(s, `${url}${entry.search}`, await auth.headers(url), opts);
        }
    }
    catch (err) {
        s.log.debug(redact(`GET ${shown} failed ${Date.now() - started}ms: ${describe(err)}`));
        if (opts.signal?.aborted)
            return { kind: 'error', message: ABORTED };
        if (breaker && isDown(describe(err)))
            tripped(s, breaker, since, describe(err));
        return { kind: 'transient', message: describe(err) };
    }
    if (breaker?.alive())
        s.log.info(`upstream ${breaker.base} answers again: circuit closed`);
    const status = res.statusCode;
    if (status !== 200) {
        const text = await readSome(res.body);
        s.log.debug(redact(`GET ${shown} ${status} ${Date.now() - started}ms`));
        return statusAttempt(entry.base, status, text, res.headers['retry-after']);
    }
    const length = contentLength(res.headers['content-length']);
    const result = await consumeBody(res.body, length, consume, opts);
    s.log.debug(redact(`GET ${shown} 200 ${Date.now() - started}ms`));
    return result.kind === 'found' ? { ...result, upstream: entry.base } : result;
}
/** Records an entry found down; says so once when its circuit opens. */
function tripped(s, breaker, since, why) {
    if (breaker.down(since, why)) {
        const secs = Math.round(s.coolDownMs / 1000);
        s.log.warn(redact(`upstream ${breaker.base} is down (${why}): skipping it for ${secs}s`));
    }
}
/** One GET with the client's timeouts, and credentials when there are some. */
async function upstream_send(s, url, credentials, opts) {
    const { dispatcher, request } = await s.client();
    return request(url, {
        dispatcher,
        method: 'GET',
        headers: { 'user-agent': 'go-mod-cache', ...credentials },
        signal: opts.signal,
        headersTimeout: s.headersTimeout,
        bodyTimeout: s.bodyTimeout,
    });
}
/** The outcome of a non-200 answer; 404/410 are misses, 429/5xx transient, other 4xx final. */
function statusAttempt(base, status, text, retryAfter) {
    const detail = redact(`${base}: ${status}${text ? `: ${text}` : ''}`);
    if (status === 404 || status === 410)
        return { kind: 'notfound', status, message: detail };
    if (status === 429 || status >= 500) {
        const after = status === 429 || status === 503 ? parseRetryAfter(retryAfter) : undefined;
        return { kind: 'transient', message: `${status}${text ? `: ${text}` : ''}`, retryAfterMs: after };
    }
    return { kind: 'error', message: detail };
}
async function attemptFile(s, entry, path, consume, opts) {
    const file = nodePath.join(entry.dir, ...path.split('/'));
    const started = Date.now();
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
        s.log.debug(`GET ${entry.base}/${path} 404 ${Date.now() - started}ms`);
        return { kind: 'notfound', status: 404, message: `${entry.base}: 404: not found: ${path}` };
    }
    if (info.size > opts.maxBytes)
        return { kind: 'error', message: TOO_LARGE };
    const result = await consumeBody(createReadStream(file), info.size, consume, opts);
    s.log.debug(`GET ${entry.base}/${path} 200 ${Date.now() - started}ms`);
    return result.kind === 'found' ? { ...result, upstream: entry.base } : result;
}
/**
 * Hands a 200 body to `consume` behind a byte counter: over maxBytes is final, a body that
 * breaks (reset, idle timeout, fewer bytes than Content-Length) is transient, and a failure of
 * `consume` itself is final. The body is destroyed whatever happens.
 */
async function consumeBody(body, length, consume, opts) {
    if (length !== undefined && length > opts.maxBytes) {
        discard(body);
        return { kind: 'error', message: TOO_LARGE };
    }
    const state = { bytes: 0, tooLarge: false };
    const counted = countedBody(body, length, opts.maxBytes, state, TOO_LARGE);
    try {
        const value = await consume(counted, length === undefined ? {} : { contentLength: length });
        return { kind: 'found', value };
    }
    catch (err) {
        if (state.tooLarge)
            return { kind: 'error', message: TOO_LARGE };
        if (opts.signal?.aborted)
            return { kind: 'error', message: ABORTED };
        if (state.broken)
            return {
                kind: 'transient',
                message: `body broke after ${state.bytes} bytes: ${describe(state.broken)}`,
            };
        return { kind: 'error', message: describe(err) };
    }
    finally {
        discard(counted);
        discard(body);
    }
}
/** Destroys a stream that may not have ended; its late abort error has nobody to tell. */
function discard(stream) {
    stream.on('error', () => { });
    stream.destroy();
}
/**
 * The first line of an error body, read to its end when short so the connection is kept alive;
 * a longer one is cut (destroyed) after `drainLimit` bytes.
 */
async function readSome(body, keep = 1024, drainLimit = 64 * 1024) {
    const chunks = [];
    let kept = 0;
    let read = 0;
    try {
        for await (const chunk of body) {
            read += chunk.length;
            if (kept < keep) {
                chunks.push(chunk);
                kept += chunk.length;
            }
            if (read >= drainLimit)
                break;
        }
    }
    catch {
        // An error body that breaks still leaves us the status, which is what matters.
    }
    finally {
        discard(body);
    }
    const text = Buffer.concat(chunks).subarray(0, keep).toString('utf8');
    return text.split('\n', 1)[0]?.trim().slice(0, 300) ?? '';
}
/** Retry-After as milliseconds: delay-seconds or an HTTP date; undefined when absent or bad. */
function parseRetryAfter(value, now = Date.now()) {
    const text = Array.isArray(value) ? value[0] : value;
    if (text === undefined || text.trim() === '')
        return undefined;
    if (/^\s*\d+\s*$/.test(text))
        return Number(text) * 1000;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
function contentLength(value) {
    const text = Array.isArray(value) ? value[0] : value;
    return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}
/** An error as one line: undici codes and socket codes say more than a stack. */
function describe(err) {
    if (!(err instanceof Error))
        return String(err);
    const code = err.code;
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${typeof code === 'string' ? `${code} ` : ''}${err.message}${cause}`;
}
/** A path from modpath.storePath: relative, no empty, '.' or '..' elements, no '\\' or control. */
function isRelativeStorePath(path) {
    return (!Array.from(path).some((c) => c === '\\' || c < ' ' || c === '\x7f') &&
        path.split('/').every((p) => p !== '' && p !== '.' && p !== '..'));
}
/**
 * A store path as the go command puts it in a URL. For a module proxy each element goes through
 * url.PathEscape, which keeps letters, digits and -._~$&+:=@ and escapes the rest (a query "a,b"
 * goes as a%2Cb, '!' as %21); its checksum database client also keeps !'()*,; raw.
 */
function urlPath(path, paths = 'proxy') {
    const keep = paths === 'proxy' ? /[A-Za-z0-9\-._~$&+:=@]/ : /[A-Za-z0-9\-._~$&+:=@!'()*,;]/;
    return path
        .split('/')
        .map((elem) => Array.from(Buffer.from(elem, 'utf8'))
        .map((b) => {
        const c = String.fromCharCode(b);
        return keep.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
        .join(''))
        .join('/');
}
function needsCredentials(entries) {
    return entries.some((e) => e.kind === 'http' && e.userinfo === undefined);
}
/**
 * An entry's credentials: its URL userinfo (cmd/go's GOAUTH lookup never matches a URL that
 * carries one), else GOAUTH's, and only over https, as cmd/go does; never in clear text.
 */
function entryAuth(entry, credentials, log) {
    if (entry.kind !== 'http')
        return undefined;
    if (entry.protocol !== 'https:') {
        if (entry.userinfo)
            log.debug(`credentials from URL userinfo for ${entry.base} are not sent: it is plain http`);
        return undefined;
    }
    if (entry.userinfo) {
        const { username, password } = entry.userinfo;
        const fixed = { authorization: ['Basic ' + Buffer.from(`${username}:${password}`).toString('base64')] };
        log.debug(`sending credentials from URL userinfo to ${entry.base}`);
        return { headers: async () => fixed, refreshable: false, refresh: async () => { } };
    }
    if (!credentials)
        return undefined;
    let said = false;
    return {
        refreshable: credentials.refreshable,
        refresh: (url, rejection) => credentials.refresh(url, rejection),
        async headers(url) {
            const found = await credentials.headers(url);
            if (found && !said)
                log.debug(`sending credentials from GOAUTH to ${entry.base}`);
            said ||= found !== undefined;
            return found;
        },
    };
}

;// CONCATENATED MODULE: ./src/cache/v2/blob.ts



// The Azure Blob REST version the storage SDK under @actions/cache 6.3 sends.
const AZURE_VERSION = '2026-02-06';
/** Bytes per ranged GET and per uploaded block: as big as the storage SDK's download blocks. */
const SEGMENT = 4 << 20;
/** Segments or blocks in flight: at most this many are held in memory besides the one being written. */
const IN_FLIGHT = 8;
const TRIES = 3;
/**
 * Downloads a blob into `sink` in order, as it arrives, while the caller extracts it. `ranged`:
 * several ranged GETs at once, as the storage SDK downloads from Azure, where one connection is
 * slower than several; else (and from a server that ignores Range) one GET of the whole blob, as
 * the library does from any other host. Resolves with the blob's size.
 */
async function download(url, sink, ranged, watch = { progress: { bytes: 0 } }) {
    const { progress, signal } = watch;
    const first = await retried('GET', () => get(url, 0, ranged ? SEGMENT : undefined, signal), signal);
    if (first.status === 200) {
        const expected = Number(first.res.headers['content-length']);
        if (Number.isFinite(expected))
            progress.total = expected;
        const size = await pipeAll(first.res, sink, progress);
        if (Number.isFinite(expected) && expected !== size)
            throw new Error(`blob ended at ${size} of ${expected} bytes`);
        return size;
    }
    const total = totalOf(first.res.headers['content-range']);
    progress.total = total;
    const ranges = [];
    for (let start = SEGMENT; start < total; start += SEGMENT)
        ranges.push([start, Math.min(start + SEGMENT, total)]);
    // The first segment is written while the others are fetched.
    const pending = [];
    const next = () => {
        const range = ranges[pending.length];
        if (range === undefined)
            return;
        const data = segment(url, range[0], range[1], signal);
        // Handled now: after a failure the segments still on their way are never awaited.
        data.catch(() => undefined);
        pending.push(data);
    };
    for (let i = 0; i < IN_FLIGHT; i++)
        next();
    await written(sink, await body(first.res, Math.min(SEGMENT, total)), progress);
    for (let i = 0; i < ranges.length; i++) {
        const data = await pending[i];
        next();
        await written(sink, data, progress);
    }
    return total;
}
/**
 * Uploads `source` as a block blob: Put Block for every `blockBytes` (several in flight), then Put
 * Block List, as the storage SDK does for a large file; the size need not be known beforehand.
 * Resolves with the blob's size.
 */
async function upload(url, source, blockBytes = SEGMENT) {
    const ids = [];
    const inFlight = new Set();
    const prefix = (0,external_node_crypto_namespaceObject.randomUUID)();
    let failure;
    let size = 0;
    const put = (data) => {
        const id = blockId(prefix, ids.length);
        ids.push(id);
        size += data.length;
        const done = putBlock(url, id, data).then(() => void inFlight.delete(done), (error) => {
            failure ??= error;
            inFlight.delete(done);
        });
        inFlight.add(done);
    };
    let held = [];
    let heldBytes = 0;
    for await (const chunk of source) {
        held.push(chunk);
        heldBytes += chunk.length;
        while (heldBytes >= blockBytes) {
            const all = Buffer.concat(held);
            put(all.subarray(0, blockBytes));
            held = [all.subarray(blockBytes)];
            heldBytes -= blockBytes;
            // Backpressure: the archiver waits while IN_FLIGHT blocks are on their way.
            while (inFlight.size >= IN_FLIGHT)
                await Promise.race(inFlight);
            if (failure !== undefined)
                throw failure;
        }
    }
    if (heldBytes > 0 || ids.length === 0)
        put(Buffer.concat(held));
    await Promise.all(inFlight);
    if (failure !== undefined)
        throw failure;
    const xml = `<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.map((id) => `<Latest>${id}</Latest>`).join('')}</BlockList>`;
    await retried(`Put Block List`, async () => {
        const res = await send(withQuery(url, { comp: 'blocklist' }), {
            method: 'PUT',
            headers: { 'x-ms-version': AZURE_VERSION, 'Content-Type': 'application/xml' },
            body: xml,
        });
        await expectStatus(res, 201);
    });
    return size;
}
/**
 * A block's id as the storage SDK makes it (generateBlockID): base64 of the upload's UUID and the
 * block's index, zero-padded to 48 characters. Self-hosted servers read the index back from it.
 */
function blockId(prefix, index) {
    return Buffer.from(prefix + String(index).padStart(48 - prefix.length, '0')).toString('base64');
}
/**
 * `url` with `params` set, as the storage SDK's setURLParameter does: a signed URL may carry no
 * query at all, and the pairs it has are kept byte for byte (re-encoding could break a signature).
 */
function withQuery(url, params) {
    const parsed = new URL(url);
    const names = new Set(Object.keys(params).map(encodeURIComponent));
    const pairs = parsed.search
        .slice(1)
        .split('&')
        .filter((pair) => pair !== '' && !names.has(pair.split('=')[0] ?? ''));
    for (const [name, value] of Object.entries(params))
        pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
    parsed.search = `?${pairs.join('&')}`;
    return parsed.href;
}
async function putBlock(url, id, data) {
    await retried('Put Block', async () => {
        const res = await send(withQuery(url, { comp: 'block', blockid: id }), {
            method: 'PUT',
            headers: { 'x-ms-version': AZURE_VERSION },
            body: data,
        });
        await expectStatus(res, 201);
    });
}
// A GET of bytes [start, end), or of the whole blob without `end`.
async function get(url, start, end, signal) {
    const headers = { 'x-ms-version': AZURE_VERSION };
    if (end !== undefined)
        headers.Range = `bytes=${start}-${end - 1}`;
    const res = await send(url, { method: 'GET', headers, signal });
    const status = res.statusCode ?? 0;
    if (status === 200 || status === 206)
        return { status, res };
    const text = (await readBody(res).catch(() => Buffer.alloc(0))).toString('utf8');
    throw new BlobError(`GET answered ${status}${reason(res, text)}`, status);
}
// One later segment, retried: its bytes are held until every segment before it is written.
function segment(url, start, end, signal) {
    return retried(`GET bytes ${start}-${end - 1}`, async () => {
        const { status, res } = await get(url, start, end, signal);
        if (status !== 206) {
            res.destroy();
            throw new BlobError(`GET of a range answered ${status}`, status);
        }
        return body(res, end - start);
    }, signal);
}
// A segment's body, which must be exactly `length` bytes.
async function body(res, length) {
    const data = await readBody(res, length + 1);
    if (data.length !== length)
        throw new BlobError(`a segment ended at ${data.length} of ${length} bytes`);
    return data;
}
async function pipeAll(res, sink, progress) {
    let size = 0;
    for await (const chunk of res) {
        size += chunk.length;
        await written(sink, chunk, progress);
    }
    return size;
}
// Progress counts what the extractor took: a download that waits on a stuck extractor stalls too.
async function written(sink, data, progress) {
    await blob_write(sink, data);
    progress.bytes += data.length;
}
async function blob_write(sink, data) {
    // The extractor may have died: its stdin then closes and never drains.
    if (sink.destroyed)
        throw new Error('the archive reader stopped');
    if (sink.write(data))
        return;
    // Both listeners go as soon as either fires: a race of events.once() promises left the loser's
    // listeners behind at every wait, and Node warned of a leak on the step's stderr.
    await new Promise((resolve) => {
        const done = () => {
            sink.off('drain', done);
            sink.off('close', done);
            resolve();
        };
        sink.on('drain', done);
        sink.on('close', done);
    });
}
function totalOf(contentRange) {
    const total = Number(/\/(\d+)$/.exec(contentRange ?? '')?.[1]);
    if (!Number.isSafeInteger(total))
        throw new BlobError(`a ranged GET answered Content-Range ${contentRange ?? '(none)'}`);
    return total;
}
async function expectStatus(res, status) {
    const text = (await readBody(res).catch(() => Buffer.alloc(0))).toString('utf8');
    if (res.statusCode !== status)
        throw new BlobError(`answered ${res.statusCode ?? 0}${reason(res, text)}`, res.statusCode);
}
// Azure's error XML names the reason in <Code>; a self-hosted server's status line may say it.
function reason(res, xml) {
    const code = /<Code>([^<]*)<\/Code>/.exec(xml)?.[1] ?? res.statusMessage;
    return code ? ` (${code})` : '';
}
/** A storage request that failed; 4xx other than 408/429 are never retried. */
class BlobError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
async function retried(what, call, signal) {
    for (let attempt = 1;; attempt++) {
        try {
            return await call();
        }
        catch (error) {
            // Stopped from outside (a stalled restore): that reason, not another try.
            if (signal?.aborted)
                throw signal.reason;
            const status = error instanceof BlobError ? error.status : undefined;
            const final = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
            if (final || attempt >= TRIES)
                throw new Error(`${what}: ${error.message}`, { cause: error });
            await new Promise((resolve) => setTimeout(resolve, backoff(attempt, undefined, 500, 4_000)));
        }
    }
}

;// CONCATENATED MODULE: ./src/cache/v2/twirp.ts



/** A failed service call: the message is one line, fit for the log. */
class ServiceError extends Error {
    kind;
    retryAfter;
    constructor(message, kind, 
    /** A 429's Retry-After header, as sent. */
    retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.name = 'ServiceError';
    }
}
/** How the service's messages to a read-only (or write-only) token begin (FACTS §7). */
const DENIED_PREFIXES = ['cache write denied', 'cache read denied'];
/** The longest a step waits out rate limits, all its calls together; past it a save gives up. */
const RATE_LIMIT_BUDGET_MS = 60_000;
/** @actions/cache's Twirp client's schedule: 5 tries, from 3 s growing by half, on 5xx only. */
const PATIENT = { attempts: 5, baseMs: 3000, multiplier: 1.5, rateLimitMs: Infinity };
/**
 * A restore's: every later step of the job waits for it, and without its entry the job only goes
 * uncached. The library's schedule held a job for about half a minute per failing entry; a blip
 * of a second or two is still ridden out.
 */
const HURRIED = { attempts: 3, baseMs: 1000, multiplier: 2, rateLimitMs: 5000 };
const MAX_WAIT_MS = 30_000;
const SERVICE = 'github.actions.results.api.v1.CacheService';
const RETRIED = new Set([500, 502, 503, 504]);
// Connection-level failures end a call at once, as in the library: a service that cannot be
// reached will not become reachable within the step.
const NETWORK = new Set(['ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH']);
/** One Twirp JSON call: POST {results}/twirp/<service>/<method>, snake_case in and out. */
async function twirp(service, method, body, patience = PATIENT) {
    // An absolute path, as the library resolves it: the results URL's own path is not kept.
    const url = new URL(`/twirp/${SERVICE}/${method}`, service.resultsUrl).href;
    const { attempts, baseMs, multiplier } = patience;
    for (let attempt = 1;; attempt++) {
        const failure = await once(url, service.token, body);
        if (!(failure instanceof ServiceError))
            return failure;
        if (failure.kind === 'rate-limited' && attempt < attempts) {
            const budget = (service.rateLimitBudgetMs ??= RATE_LIMIT_BUDGET_MS);
            const wait = rateLimitWait(failure.retryAfter, Math.min(budget, patience.rateLimitMs));
            if (wait !== undefined) {
                service.rateLimitBudgetMs -= wait;
                info(`${method}: ${failure.message}; retrying in ${wait} ms, as Retry-After asks`);
                await new Promise((resolve) => setTimeout(resolve, wait));
                continue;
            }
        }
        if (failure.kind !== 'retryable' || attempt >= attempts) {
            const tries = attempt > 1 ? ` after ${attempt} attempts` : '';
            throw new ServiceError(`${method} failed${tries}: ${failure.message}`, failure.kind);
        }
        const wait = backoff(attempt, undefined, baseMs, MAX_WAIT_MS, Math.random, multiplier);
        info(`${method}: attempt ${attempt} of ${attempts} failed (${failure.message}); retrying in ${wait} ms`);
        await new Promise((resolve) => setTimeout(resolve, wait));
    }
}
// One attempt: the parsed body, or the failure (returned, so the loop above decides on retries).
async function once(url, token, body) {
    let status;
    let text;
    let retryAfter;
    try {
        const res = await send(url, {
            method: 'POST',
            headers: {
                'Content-Type': 'application/json',
                Accept: 'application/json',
                Authorization: `Bearer ${token}`,
            },
            body: JSON.stringify(body),
        });
        status = res.statusCode ?? 0;
        retryAfter = res.headers['retry-after'];
        text = (await readBody(res)).toString('utf8');
    }
    catch (error) {
        const code = error.code ?? '';
        const kind = NETWORK.has(code) ? 'final' : 'retryable';
        return new ServiceError(`unable to make request: ${code || error.message}`, kind);
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return new ServiceError(`(${status}) the answer is not JSON`, 'retryable');
    }
    if (status >= 200 && status < 300)
        return parsed;
    const msg = parsed.msg;
    const message = `(${status})${typeof msg === 'string' ? ` ${msg}` : ''}`;
    if (status === 409)
        return new ServiceError(message, 'conflict');
    if (typeof msg === 'string' && denied(msg))
        return new ServiceError(msg, 'denied');
    if (status === 429)
        return new ServiceError(`rate limited ${message}`, 'rate-limited', retryAfter);
    if (typeof msg === 'string' && msg.includes('insufficient usage'))
        return new ServiceError(`cache storage quota has been hit ${message}`, 'final');
    return new ServiceError(message, RETRIED.has(status) ? 'retryable' : 'final');
}
/** True for the service's answer to a token that may not do what was asked (FACTS §7). */
function denied(message) {
    return DENIED_PREFIXES.some((prefix) => message.trimStart().toLowerCase().startsWith(prefix));
}
/**
 * How long to wait before trying a rate-limited call again, as its Retry-After (seconds or an HTTP
 * date) asks; undefined (give up) without one, or when it is longer than the `budgetMs` left.
 * @actions/cache never retries a 429; a save that waits a little is not lost to a burst of jobs.
 */
function rateLimitWait(retryAfter, budgetMs, now = Date.now()) {
    const value = (retryAfter ?? '').trim();
    if (value === '')
        return undefined;
    const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
    if (!Number.isFinite(ms))
        return undefined;
    const wait = Math.max(0, Math.ceil(ms));
    return wait <= budgetMs ? wait : undefined;
}

;// CONCATENATED MODULE: ./src/cache/v2/index.ts










/**
 * The v2 client that streams (extract while downloading, upload while archiving, reserve the key
 * first), in the library's format and version. Undefined where the library must do the work: v1
 * (GHES), an HTTP proxy, no zstd, or not Linux.
 */
function streamingCache(env, options = {}) {
    const service = serviceOf(env);
    if (service === undefined || process.platform !== 'linux')
        return undefined;
    if (env.httpProxy)
        return undefined;
    if (!['tar', 'zstd'].every((tool) => onPath(tool, env.path)))
        return undefined;
    // As in the library, ACTIONS_CACHE_MODE can forbid either side.
    const client = {
        service,
        workspace: env.workspace,
        mode: env.mode,
        options: { blockBytes: blockBytesOf(env.uploadBlockBytes), ...options },
    };
    return {
        restore: (paths, primaryKey, restoreKeys, lookupOnly) => restore(client, paths, primaryKey, restoreKeys, lookupOnly),
        saveFiles: (root, files, path, key, extra) => save(client, root, files, path, key, extra),
        reserve: (path, key) => reserve(client, path, key),
        available: () => Promise.resolve(true),
    };
}
/**
 * GO_MOD_CACHE_UPLOAD_BLOCK_BYTES: smaller upload blocks, so that the end-to-end tests upload small
 * entries in many blocks as the built bundles run. Anything else than 1..SEGMENT is ignored.
 */
function blockBytesOf(value) {
    const bytes = Number(value);
    return Number.isSafeInteger(bytes) && bytes > 0 && bytes <= SEGMENT ? bytes : undefined;
}
// The library's rule: the storage SDK's parallel ranged download for Azure hosts only.
function ranged(url, options) {
    return options.rangedDownloads ?? new URL(url).hostname.endsWith('.blob.core.windows.net');
}
/** The version the library gives these paths with zstd and enableCrossOsArchive (FACTS §4). */
function cacheVersion(paths) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256')
        .update([...paths, 'zstd-without-long', '1.0'].join('|'))
        .digest('hex');
}
// The library's rule: v2 when ACTIONS_CACHE_SERVICE_V2 is set and the server is not GHES.
function serviceOf(env) {
    if (!env.serviceV2 || !env.resultsUrl || !env.runtimeToken)
        return undefined;
    let host;
    try {
        host = new URL(env.serverUrl).hostname.toLowerCase();
    }
    catch {
        return undefined;
    }
    if (host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost'))
        return undefined;
    return {
        resultsUrl: env.resultsUrl,
        token: env.runtimeToken,
        rateLimitBudgetMs: RATE_LIMIT_BUDGET_MS,
    };
}
async function restore({ service, workspace, mode, options }, paths, primaryKey, restoreKeys, lookupOnly) {
    if (!mode.read) {
        info(`Cache restore skipped: the effective cache-mode does not permit reads.`);
        return { value: undefined, failed: false };
    }
    const bad = [primaryKey, ...restoreKeys].map(keyProblem).find((p) => p !== undefined);
    if (bad !== undefined || restoreKeys.length > 9) {
        warning(`Failed to restore: ${bad ?? 'keys are limited to 10'}`);
        return { value: undefined, failed: true };
    }
    try {
        // A restore fails fast (the job waits on it); a lookup before a save is as patient as the save.
        const found = await twirp(service, 'GetCacheEntryDownloadURL', { key: primaryKey, restore_keys: restoreKeys, version: cacheVersion(paths) }, lookupOnly ? PATIENT : HURRIED);
        if (!found.ok || !found.matched_key || !found.signed_download_url)
            return { value: undefined, failed: false };
        maskSignature(found.signed_download_url);
        const matched = found.matched_key;
        info(matched === primaryKey ? `Cache hit for: ${matched}` : `Cache hit for restore-key: ${matched}`);
        if (lookupOnly)
            return { value: matched, failed: false };
        const size = await extract(found.signed_download_url, workspace, paths, options);
        info(`Cache Size: ~${Math.round(size / (1 << 20))} MB (${size} B), extracted while it downloaded`);
        info('Cache restored successfully');
        return { value: matched, failed: false };
    }
    catch (error) {
        // A token that may not read (FACTS §7) is expected: a miss, said as info.
        if (error instanceof ServiceError && error.kind === 'denied') {
            info(`Cache restore skipped: ${error.message}`);
            return { value: undefined, failed: false };
        }
        report('restore', error);
        return { value: undefined, failed: true };
    }
}
/**
 * Downloads and extracts an entry at once, abandoned after `stallMs` without progress. A failure
 * leaves none of `paths` behind: tar writes files in place, so the last one would be half there.
 */
async function extract(url, workspace, paths, options) {
    const tar = extractor(workspace);
    const progress = { bytes: 0 };
    const cut = new AbortController();
    const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
    const watch = watchStall(() => progress.bytes, stallMs, (s) => stalledLine(s, progress.bytes, progress.total));
    const work = Promise.all([
        download(url, tar.stream, ranged(url, options), { progress, signal: cut.signal }).finally(() => tar.stream.end()),
        tar.done,
    ]);
    work.catch(() => undefined);
    try {
        const [size] = await Promise.race([work, watch.stalled]);
        return size;
    }
    catch (error) {
        cut.abort(error);
        tar.kill();
        await tar.done.catch(() => undefined);
        await Promise.all(paths.map((p) => (0,promises_namespaceObject.rm)((0,external_node_path_namespaceObject.resolve)(workspace, p), { recursive: true, force: true })));
        if (error instanceof StallError)
            throw error;
        throw new Error(failedLine(progress.bytes, progress.total, error.message), { cause: error });
    }
    finally {
        watch.stop();
    }
}
async function save({ service, mode, options }, root, files, path, key, extra) {
    const bad = keyProblem(key);
    if (bad !== undefined) {
        warning(`Failed to save: ${bad}`);
        return { value: -1, failed: true };
    }
    if (!mode.write) {
        info(`Cache save skipped: the effective cache-mode does not permit writes.`);
        return { value: -1, failed: false };
    }
    const version = cacheVersion([path]);
    try {
        // Reserved first: a key another job holds costs no archive work.
        const uploadUrl = await create(service, key, version);
        const extraDir = extra ? await writeExtra(extra) : undefined;
        let size;
        try {
            const tar = archiver(root, files, path, extraDir && extra ? { dir: extraDir, name: extra.name } : undefined);
            try {
                ;
                [size] = await Promise.all([upload(uploadUrl, tar.stream, options.blockBytes), tar.done]);
            }
            catch (error) {
                tar.kill();
                throw error;
            }
        }
        finally {
            if (extraDir)
                await (0,promises_namespaceObject.rm)(extraDir, { recursive: true, force: true });
        }
        const finalized = await twirp(service, 'FinalizeCacheEntryUpload', { key, version, size_bytes: String(size) });
        if (!finalized.ok)
            throw new ServiceError(`finalizing failed: ${finalized.message ?? 'not ok'}`, 'final');
        info(`Cache saved with key: ${key} (~${Math.round(size / (1 << 20))} MB, uploaded while it was archived)`);
        return { value: Number(finalized.entry_id ?? 0), failed: false };
    }
    catch (error) {
        return { value: -1, failed: failure('save', key, error) };
    }
}
// A reservation that is never uploaded keeps its key from every later save, so only keys that are
// never saved for real are reserved this way (save.ts's per-run claim); the reservation is all
// that is wanted of them.
async function reserve({ service, mode }, path, key) {
    const bad = keyProblem(key);
    if (bad !== undefined) {
        warning(`Failed to reserve: ${bad}`);
        return { value: false, failed: true };
    }
    if (!mode.write)
        return { value: false, failed: false };
    try {
        await create(service, key, cacheVersion([path]));
        return { value: true, failed: false };
    }
    catch (error) {
        return { value: false, failed: failure('reserve', key, error) };
    }
}
// The extra file in a directory of its own, for tar to read beside the store's files.
async function writeExtra(extra) {
    const dir = await (0,promises_namespaceObject.mkdtemp)((0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.tmpdir)(), 'go-mod-cache-extra-'));
    await (0,promises_namespaceObject.writeFile)((0,external_node_path_namespaceObject.join)(dir, extra.name), extra.text);
    return dir;
}
/** Reserves `key`: the signed URL to upload its archive to. */
async function create(service, key, version) {
    const created = await twirp(service, 'CreateCacheEntry', { key, version });
    if (!created.ok || !created.signed_upload_url) {
        // As the library reads it: no reason means another job holds the key (a self-hosted server's
        // open reservation), a read-only token's reason is expected, and any other reason is a failure.
        const reason = created.message ?? '';
        if (reason === '')
            throw new ServiceError('CreateCacheEntry was not ok', 'conflict');
        if (denied(reason))
            throw new ServiceError(reason, 'denied');
        throw new ServiceError(`cache reservation failed: ${reason}`, 'final');
    }
    maskSignature(created.signed_upload_url);
    return created.signed_upload_url;
}
// One line, as the library gives it: a warning, whatever failed; the job goes on uncached.
function report(what, error) {
    warning(`Failed to ${what}: ${error.message}`);
}
// A key another job holds (409, or not ok without a reason) is said as the library says it, as
// info; so is a token that may not write. True when the service failed.
function failure(what, key, error) {
    if (error instanceof ServiceError && error.kind === 'conflict') {
        info(`Failed to ${what}: Unable to reserve cache with key ${key}, another job may be creating this cache.`);
        return false;
    }
    if (error instanceof ServiceError && error.kind === 'denied') {
        info(`Failed to ${what}: Unable to reserve cache with key ${key}. More details: ${error.message}`);
        return false;
    }
    report(what, error);
    return true;
}
// The library's key rules (FACTS §4).
function keyProblem(key) {
    if (key.length > 512)
        return `key ${key.slice(0, 40)}... is longer than 512 characters`;
    if (key.includes(','))
        return `key ${key} contains a comma`;
    return undefined;
}
// The signature is a credential for the entry: masked before anything could log the URL.
function maskSignature(url) {
    const sig = new URL(url).searchParams.get('sig');
    if (sig) {
        setSecret(sig);
        setSecret(encodeURIComponent(sig));
    }
}
function onPath(tool, path) {
    return path.split(external_node_path_namespaceObject.delimiter).some((dir) => {
        if (dir === '')
            return false;
        try {
            (0,external_node_fs_namespaceObject.accessSync)((0,external_node_path_namespaceObject.join)(dir, tool), external_node_fs_namespaceObject.constants.X_OK);
            return true;
        }
        catch {
            return false;
        }
    });
}

;// CONCATENATED MODULE: ./src/cache/index.ts






/**
 * The real cache: the streaming v2 client where it applies (cache/v2/index.ts), else @actions/cache.
 * Chosen on first use, so a step that never touches the cache never looks.
 */
function actionsCache(env) {
    let provider;
    const chosen = () => {
        if (provider === undefined) {
            const streaming = streamingCache(env);
            debug(`cache client: ${streaming ? 'streaming v2' : '@actions/cache'}`);
            provider = streaming ?? libraryCache(env.workspace);
        }
        return provider;
    };
    return {
        restore: (...args) => chosen().restore(...args),
        saveFiles: (...args) => chosen().saveFiles(...args),
        reserve: (...args) => chosen().reserve(...args),
        available: () => chosen().available(),
    };
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
    const summary = (0,external_node_crypto_namespaceObject.createHash)('sha256');
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
    return hash1([{ name: 'go.mod', sha256: (0,external_node_crypto_namespaceObject.createHash)('sha256').update(data).digest('hex') }]);
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
const emptySha256 = (0,external_node_crypto_namespaceObject.createHash)('sha256').digest('hex');
/** A directory entry reads as empty in Go, and is an error when it carries data. */
function directoryHash(e) {
    if (e.compressedSize !== 0 || e.uncompressedSize !== 0) {
        throw new ZipFormatError(`directory entry ${JSON.stringify(e.name)} has content`);
    }
    return emptySha256;
}

;// CONCATENATED MODULE: ./src/entry/fs.ts

/** Whether anything is at `path` (an unreadable path counts as absent). */
async function fs_exists(path) {
    return (0,promises_namespaceObject.stat)(path).then(() => true, () => false);
}
/** Store files handled at once: each is a few syscalls, enough to keep libuv's threads busy. */
const fs_FILE_CONCURRENCY = 16;

;// CONCATENATED MODULE: ./src/proxy/module/semver.ts
// A port of golang.org/x/mod/semver: Go's dialect of semantic versions, with the leading 'v' and
// the shorthands vMAJOR and vMAJOR.MINOR. Kept rule by rule so the proxy agrees with the go command.
/** Reports whether v is a valid semantic version string (semver.IsValid). */
function isValid(v) {
    return parse(v) !== undefined;
}
/** The canonical form of v: build suffix dropped, shorthands expanded; "" when invalid (semver.Canonical). */
function canonical(v) {
    const p = parse(v);
    if (!p)
        return '';
    if (p.build !== '')
        return v.slice(0, v.length - p.build.length);
    if (p.short !== '')
        return v + p.short;
    return v;
}
/** The major version prefix, "v2" for "v2.1.0"; "" when invalid (semver.Major). */
function major(v) {
    const p = parse(v);
    if (!p)
        return '';
    return v.slice(0, 1 + p.major.length);
}
/** The prerelease suffix including the '-', or "" (semver.Prerelease). */
function prerelease(v) {
    return parse(v)?.prerelease ?? '';
}
/** The build suffix including the '+', or "" (semver.Build). */
function build(v) {
    return parse(v)?.build ?? '';
}
/** -1, 0 or +1 as v is less than, equal to or greater than w; invalid sorts lowest (semver.Compare). */
function compare(v, w) {
    const pv = parse(v);
    const pw = parse(w);
    if (!pv && !pw)
        return 0;
    if (!pv)
        return -1;
    if (!pw)
        return 1;
    return (compareInt(pv.major, pw.major) ||
        compareInt(pv.minor, pw.minor) ||
        compareInt(pv.patch, pw.patch) ||
        comparePrerelease(pv.prerelease, pw.prerelease));
}
function parse(v) {
    if (v === '' || v[0] !== 'v')
        return undefined;
    const p = { major: '', minor: '', patch: '', short: '', prerelease: '', build: '' };
    let rest = v.slice(1);
    let n = parseNum(rest);
    if (!n)
        return undefined;
    [p.major, rest] = n;
    if (rest === '')
        return { ...p, minor: '0', patch: '0', short: '.0.0' };
    if (rest[0] !== '.')
        return undefined;
    n = parseNum(rest.slice(1));
    if (!n)
        return undefined;
    [p.minor, rest] = n;
    if (rest === '')
        return { ...p, patch: '0', short: '.0' };
    if (rest[0] !== '.')
        return undefined;
    n = parseNum(rest.slice(1));
    if (!n)
        return undefined;
    [p.patch, rest] = n;
    if (rest[0] === '-') {
        const pre = parsePrerelease(rest);
        if (!pre)
            return undefined;
        [p.prerelease, rest] = pre;
    }
    if (rest[0] === '+') {
        const b = parseBuild(rest);
        if (!b)
            return undefined;
        [p.build, rest] = b;
    }
    return rest === '' ? p : undefined;
}
function isDigit(c) {
    return c !== undefined && c >= '0' && c <= '9';
}
function parseNum(v) {
    if (!isDigit(v[0]))
        return undefined;
    let i = 1;
    while (i < v.length && isDigit(v[i]))
        i++;
    // Leading zeros are not allowed, except for the number 0 itself.
    if (v[0] === '0' && i !== 1)
        return undefined;
    return [v.slice(0, i), v.slice(i)];
}
function parsePrerelease(v) {
    let i = 1;
    let start = 1;
    while (i < v.length && v[i] !== '+') {
        const c = v[i];
        if (!isIdentChar(c) && c !== '.')
            return undefined;
        if (c === '.') {
            if (start === i || isBadNum(v.slice(start, i)))
                return undefined;
            start = i + 1;
        }
        i++;
    }
    if (start === i || isBadNum(v.slice(start, i)))
        return undefined;
    return [v.slice(0, i), v.slice(i)];
}
function parseBuild(v) {
    let i = 1;
    let start = 1;
    while (i < v.length) {
        const c = v[i];
        if (!isIdentChar(c) && c !== '.')
            return undefined;
        if (c === '.') {
            if (start === i)
                return undefined;
            start = i + 1;
        }
        i++;
    }
    if (start === i)
        return undefined;
    return [v.slice(0, i), v.slice(i)];
}
function isIdentChar(c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '-';
}
function isBadNum(v) {
    return /^[0-9]+$/.test(v) && v.length > 1 && v[0] === '0';
}
function isNum(v) {
    return /^[0-9]*$/.test(v);
}
function compareInt(x, y) {
    if (x === y)
        return 0;
    if (x.length !== y.length)
        return x.length < y.length ? -1 : 1;
    return x < y ? -1 : 1;
}
function comparePrerelease(x, y) {
    // A version without a prerelease sorts after every prerelease of it.
    if (x === y)
        return 0;
    if (x === '')
        return 1;
    if (y === '')
        return -1;
    while (x !== '' && y !== '') {
        x = x.slice(1); // skip '-' or '.'
        y = y.slice(1);
        let dx;
        let dy;
        [dx, x] = nextIdent(x);
        [dy, y] = nextIdent(y);
        if (dx !== dy) {
            const ix = isNum(dx);
            const iy = isNum(dy);
            if (ix !== iy)
                return ix ? -1 : 1;
            if (ix && dx.length !== dy.length)
                return dx.length < dy.length ? -1 : 1;
            return dx < dy ? -1 : 1;
        }
    }
    return x === '' ? -1 : 1;
}
function nextIdent(x) {
    const i = x.indexOf('.');
    return i < 0 ? [x, ''] : [x.slice(0, i), x.slice(i)];
}

;// CONCATENATED MODULE: ./src/proxy/module/modpath.ts
// Ports of golang.org/x/mod/module (path and version checks, case-escaping) and the one gate
// between a request URL and the store: parseProxyPath. Rules follow x/mod 0.7 line by line so the
// proxy accepts exactly what the go command sends and builds disk paths only from checked values.

const badWindowsNames = [
    'CON',
    'PRN',
    'AUX',
    'NUL',
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`COM${n}`, `LPT${n}`]),
];
function isLower(c) {
    return c >= 'a' && c <= 'z';
}
function isUpper(c) {
    return c >= 'A' && c <= 'Z';
}
function isDigitChar(c) {
    return c >= '0' && c <= '9';
}
function firstPathOK(c) {
    return c === '-' || c === '.' || isDigitChar(c) || isLower(c);
}
function modPathOK(c) {
    return c === '-' || c === '.' || c === '_' || c === '~' || isDigitChar(c) || isUpper(c) || isLower(c);
}
function importPathOK(c) {
    return modPathOK(c) || c === '+';
}
function fileNameOK(c) {
    if (c.charCodeAt(0) < 0x80) {
        return isDigitChar(c) || isUpper(c) || isLower(c) || '!#$%&()+,-.=@[]^_{}~ '.includes(c);
    }
    return /^\p{L}$/u.test(c);
}
/** A JS string holds valid UTF-8 text unless it carries a lone surrogate. */
function isValidUnicode(s) {
    return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}
const NON_ASCII = /[\u0080-\uffff]/;
/** True when every character of `s` is ASCII. */
function isAscii(s) {
    return !NON_ASCII.test(s);
}
function quote(s) {
    return JSON.stringify(s);
}
function checkPathKind(path, kind) {
    if (!isValidUnicode(path))
        return 'invalid UTF-8';
    if (path === '')
        return 'empty string';
    if (path[0] === '-' && kind !== 'file')
        return 'leading dash';
    if (path.includes('//'))
        return 'double slash';
    if (path.endsWith('/'))
        return 'trailing slash';
    for (const elem of path.split('/')) {
        const reason = checkElem(elem, kind);
        if (reason)
            return reason;
    }
    return undefined;
}
function checkElem(elem, kind) {
    if (elem === '')
        return 'empty path element';
    if (/^\.+$/.test(elem))
        return `invalid path element ${quote(elem)}`;
    if (elem[0] === '.' && kind === 'module')
        return 'leading dot in path element';
    if (elem.endsWith('.'))
        return 'trailing dot in path element';
    for (const c of elem) {
        const ok = kind === 'module' ? modPathOK(c) : kind === 'import' ? importPathOK(c) : fileNameOK(c);
        if (!ok)
            return `invalid char ${quote(c)}`;
    }
    // Windows disallows these names, with or without an extension, in any case.
    const dot = elem.indexOf('.');
    const short = dot >= 0 ? elem.slice(0, dot) : elem;
    if (isAscii(short) && badWindowsNames.includes(short.toUpperCase())) {
        return `${quote(short)} disallowed as path element component on Windows`;
    }
    if (kind === 'file')
        return undefined;
    // Windows short names (like "GOPAT~1") could collide with other paths.
    const tilde = short.lastIndexOf('~');
    if (tilde >= 0 && tilde < short.length - 1 && /^[0-9]+$/.test(short.slice(tilde + 1))) {
        return 'trailing tilde and digits in path element';
    }
    return undefined;
}
/** Why path is not a valid module path, or undefined when it is (module.CheckPath). */
function checkPath(path) {
    const reason = checkModulePath(path);
    return reason === undefined ? undefined : `malformed module path ${quote(path)}: ${reason}`;
}
function checkModulePath(path) {
    const reason = checkPathKind(path, 'module');
    if (reason)
        return reason;
    let i = path.indexOf('/');
    if (i < 0)
        i = path.length;
    if (i === 0)
        return 'leading slash';
    const first = path.slice(0, i);
    if (!first.includes('.'))
        return 'missing dot in first path element';
    if (path[0] === '-')
        return 'leading dash in first path element';
    for (const c of first) {
        if (!firstPathOK(c))
            return `invalid char ${quote(c)} in first path element`;
    }
    if (!splitPathVersion(path).ok)
        return 'invalid version';
    return undefined;
}
/** Why path is not a valid import path, or undefined (module.CheckImportPath). */
function checkImportPath(path) {
    const reason = checkPathKind(path, 'import');
    return reason === undefined ? undefined : `malformed import path ${quote(path)}: ${reason}`;
}
/**
 * File paths of the commonest shape: elements of ASCII letters, digits, '_', '+' and '-' joined by
 * single dots, perhaps after one leading dot, none a Windows device name. Every such path is clean
 * and passes checkFilePath (tests hold the two against each other), so a module zip's thousands
 * of names need two regex tests each rather than the rules element by element.
 */
const PLAIN_FILE_PATH = /^\.?[\w+-]+(?:\.[\w+-]+)*(?:\/\.?[\w+-]+(?:\.[\w+-]+)*)*$/;
const WINDOWS_DEVICE = /(?:^|\/)(?:con|prn|aux|nul|com[1-9]|lpt[1-9])(?:[./]|$)/i;
/** True for a path of that shape: clean, and valid as a file path in a module. */
function isPlainFilePath(path) {
    return PLAIN_FILE_PATH.test(path) && !WINDOWS_DEVICE.test(path);
}
/** Why path is not a valid file path inside a module, or undefined (module.CheckFilePath). */
function checkFilePath(path) {
    const reason = checkPathKind(path, 'file');
    return reason === undefined ? undefined : `malformed file path ${quote(path)}: ${reason}`;
}
/** Splits "x.y/z/v2" into "x.y/z" and "/v2", "gopkg.in/yaml.v2" into its ".v2" (module.SplitPathVersion). */
function splitPathVersion(path) {
    if (path.startsWith('gopkg.in/'))
        return splitGopkgIn(path);
    let i = path.length;
    let dot = false;
    while (i > 0 && (isDigitChar(path[i - 1]) || path[i - 1] === '.')) {
        if (path[i - 1] === '.')
            dot = true;
        i--;
    }
    if (i <= 1 || i === path.length || path[i - 1] !== 'v' || path[i - 2] !== '/') {
        return { prefix: path, pathMajor: '', ok: true };
    }
    const pathMajor = path.slice(i - 2);
    if (dot || pathMajor.length <= 2 || pathMajor[2] === '0' || pathMajor === '/v1') {
        return { prefix: path, pathMajor: '', ok: false };
    }
    return { prefix: path.slice(0, i - 2), pathMajor, ok: true };
}
function splitGopkgIn(path) {
    let i = path.length;
    if (path.endsWith('-unstable'))
        i -= '-unstable'.length;
    while (i > 0 && isDigitChar(path[i - 1]))
        i--;
    if (i <= 1 || path[i - 1] !== 'v' || path[i - 2] !== '.')
        return { prefix: path, pathMajor: '', ok: false };
    const pathMajor = path.slice(i - 2);
    if (pathMajor.length <= 2 || (pathMajor[2] === '0' && pathMajor !== '.v0')) {
        return { prefix: path, pathMajor: '', ok: false };
    }
    return { prefix: path.slice(0, i - 2), pathMajor, ok: true };
}
/** Why version v does not suit the major suffix pathMajor ("", "/v2", ".v1"), or undefined (module.CheckPathMajor). */
function matchPathMajor(v, pathMajor) {
    if (pathMajor.startsWith('.v') && pathMajor.endsWith('-unstable')) {
        pathMajor = pathMajor.slice(0, -'-unstable'.length);
    }
    // Early vgo wrote v0 pseudo-versions for gopkg.in/x.v1; existing go.mod files still name them.
    if (v.startsWith('v0.0.0-') && pathMajor === '.v1')
        return undefined;
    const m = semver.major(v);
    let want = pathMajor;
    if (pathMajor === '') {
        if (m === 'v0' || m === 'v1' || semver.build(v) === '+incompatible')
            return undefined;
        want = 'v0 or v1';
    }
    else if (pathMajor[0] === '/' || pathMajor[0] === '.') {
        if (m === pathMajor.slice(1))
            return undefined;
        want = pathMajor.slice(1);
    }
    return `version ${quote(v)} invalid: should be ${want}, not ${m}`;
}
/** Why version does not fit the major version of module path, or undefined (CheckPathMajor after SplitPathVersion). */
function checkPathMajor(version, path) {
    return matchPathMajor(version, splitPathVersion(path).pathMajor);
}
/** Why path@version is not a valid module version, or undefined (module.Check). */
function check(path, version) {
    const bad = checkPath(path);
    if (bad)
        return bad;
    if (!semver.isValid(version))
        return `${path}: version ${quote(version)} invalid: not a semantic version`;
    const major = checkPathMajor(version, path);
    return major === undefined ? undefined : `${path}: ${major}`;
}
/** The canonical form of a version, keeping "+incompatible" (module.CanonicalVersion). */
function canonicalVersion(v) {
    const cv = canonical(v);
    return build(v) === '+incompatible' ? cv + '+incompatible' : cv;
}
/** True when v is a valid version already in canonical form (pseudo-versions and +incompatible included). */
function isCanonicalVersion(v) {
    return isValid(v) && canonicalVersion(v) === v;
}
/** semver.Compare: -1, 0 or +1; invalid versions sort before all valid ones. */
function compareVersions(a, b) {
    return compare(a, b);
}
/** The case-escaped form of a module path ("!" before each upper-case letter); throws on an invalid path. */
function escapePath(path) {
    const bad = checkPath(path);
    if (bad)
        throw new Error(bad);
    return escapeString(path);
}
/** The case-escaped form of a version or query; throws when it is not a valid file path element (module.EscapeVersion). */
function escapeVersion(v) {
    if (checkElem(v, 'file') !== undefined || v.includes('!') || !isAscii(v)) {
        throw new Error(`version ${quote(v)} invalid: disallowed version string`);
    }
    return escapeString(v);
}
function escapeString(s) {
    return s.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}
/** The module path an escaped path stands for, or undefined when the escaping or the path is invalid. */
function unescapePath(escaped) {
    const path = unescapeString(escaped);
    if (path === undefined || checkPath(path) !== undefined)
        return undefined;
    return path;
}
/** The version an escaped version stands for, or undefined when invalid (module.UnescapeVersion). */
function unescapeVersion(escaped) {
    const v = unescapeString(escaped);
    if (v === undefined || checkElem(v, 'file') !== undefined)
        return undefined;
    return v;
}
function unescapeString(escaped) {
    let out = '';
    let bang = false;
    for (const c of escaped) {
        if (c.charCodeAt(0) >= 0x80)
            return undefined;
        if (bang) {
            bang = false;
            if (!isLower(c))
                return undefined;
            out += c.toUpperCase();
            continue;
        }
        if (c === '!') {
            bang = true;
            continue;
        }
        if (isUpper(c))
            return undefined;
        out += c;
    }
    return bang ? undefined : out;
}
const fileSuffixes = (/* unused pure expression or super */ null && (['.info', '.mod', '.zip']));
/**
 * Parses the URL path after the proxy base (no leading '/', as sent, still percent-encoded) into a request.
 * The only gate between a URL and the disk: anything that is not exactly what the go command sends
 * for a valid module is refused here.
 */
function parseProxyPath(rawPath) {
    // Cut before any work: the store could not hold it, so it is a miss, and it is not read whole.
    if (rawPath.length > 3 * MAX_STORE_PATH)
        return missing(`not found: a path of ${rawPath.length} bytes cannot be stored`);
    const parsed = parseRequest(rawPath);
    if ('status' in parsed)
        return parsed;
    const problem = storePathProblem(storePath(parsed));
    return problem === undefined ? parsed : missing(`not found: ${problem}`);
}
/**
 * The longest store path element, in bytes: a file name holds 255, and the store writes names
 * longer than a request's by a suffix (`.ziphash`, a temp mark, a stamp). Longer ones are misses.
 */
const MAX_STORE_ELEMENT = 200;
/** The longest store path, in bytes, leaving the store's own directory room under PATH_MAX. */
const MAX_STORE_PATH = 1024;
/** Why a store path could not be written on disk (ENAMETOOLONG), or undefined when it can. */
function storePathProblem(rel) {
    const total = Buffer.byteLength(rel);
    if (total > MAX_STORE_PATH)
        return `a store path of ${total} bytes cannot be stored (at most ${MAX_STORE_PATH})`;
    for (const elem of rel.split('/')) {
        const n = Buffer.byteLength(elem);
        if (n > MAX_STORE_ELEMENT)
            return `a path element of ${n} bytes cannot be stored (at most ${MAX_STORE_ELEMENT})`;
    }
    return undefined;
}
function parseRequest(rawPath) {
    const elems = pathElements(rawPath);
    if ('status' in elems)
        return elems;
    const last = elems[elems.length - 1];
    let modElems;
    let file;
    if (last === '@latest' && elems.length >= 2) {
        modElems = elems.slice(0, -1);
    }
    else if (elems.length >= 3 && elems[elems.length - 2] === '@v') {
        modElems = elems.slice(0, -2);
        file = last;
    }
    else {
        return missing('not a module proxy path: expected <module>/@v/<file> or <module>/@latest');
    }
    const escModule = modElems.join('/');
    const module = unescapeString(escModule);
    if (module === undefined)
        return bad(`invalid escaped module path ${quote(escModule)}`);
    const badPath = checkPath(module);
    if (badPath)
        return bad(`invalid escaped module path ${quote(escModule)}: ${badPath}`);
    if (file === undefined)
        return { kind: 'latest', module };
    if (file === 'list')
        return { kind: 'list', module };
    return fileRequest(module, file);
}
const bad = (message) => ({ status: 400, message });
const missing = (message) => ({ status: 404, message });
/** The path's elements, the last one decoded; refuses what the go command never sends. */
function pathElements(rawPath) {
    // The go command builds proxy URLs with url.PathEscape, which turns the '!' of case-escaping
    // into %21; valid escaped module paths need no other escape. Only the last element (a version
    // query such as a branch "a,b" arrives as a%2Cb.info) is decoded, and then checked as a file name.
    rawPath = rawPath.replace(/%21/gi, '!');
    if (rawPath.includes('\\'))
        return bad('backslash in path');
    if (/[^\x21-\x7e]/.test(rawPath))
        return bad('control, space or non-ASCII character in path');
    if (/[?#]/.test(rawPath))
        return bad('query or fragment in path');
    const elems = rawPath.split('/');
    if (elems.some((e) => e === ''))
        return bad('empty path element');
    if (elems.some((e) => e === '.' || e === '..'))
        return bad('relative path element');
    if (elems.slice(0, -1).some((e) => e.includes('%'))) {
        return bad('percent-encoded module paths are not accepted (only %21 for "!")');
    }
    const decoded = decodeElement(elems[elems.length - 1]);
    if (decoded === undefined)
        return bad('invalid percent-encoding in path');
    elems[elems.length - 1] = decoded;
    return elems;
}
/** `<version>.info`, `.mod` or `.zip` of a checked module path. */
function fileRequest(module, file) {
    const suffix = fileSuffixes.find((s) => file.endsWith(s));
    if (!suffix)
        return missing(`unknown file ${quote(file)}: expected list, <version>.info, .mod or .zip`);
    const escVersion = file.slice(0, -suffix.length);
    const version = unescapeVersion(escVersion);
    if (version === undefined)
        return bad(`invalid escaped version ${quote(escVersion)}`);
    const kind = suffix === '.info' ? 'info' : suffix === '.mod' ? 'mod' : 'zip';
    const canonical = isCanonicalVersion(version);
    const majorProblem = canonical ? checkPathMajor(version, module) : undefined;
    if (kind === 'info') {
        // A canonical version whose major does not fit the path is still a query: the go command
        // accepts a different Version back for it (e.g. v2.0.0 answered as v2.0.0+incompatible).
        return { kind, module, version, canonical: canonical && majorProblem === undefined };
    }
    if (!canonical) {
        const cv = canonicalVersion(version);
        const should = cv === '' ? '' : ` (should be ${quote(cv)})`;
        return missing(`${module}@${version}: invalid version: ${suffix} files need a canonical version, ${quote(version)} is not${should}`);
    }
    if (majorProblem)
        return missing(`${module}@${version}: invalid version: ${majorProblem}`);
    return { kind, module, version };
}
/** url.PathUnescape of one element; undefined for a malformed escape or bytes that are not UTF-8. */
function decodeElement(elem) {
    if (!elem.includes('%'))
        return elem;
    try {
        return decodeURIComponent(elem);
    }
    catch {
        return undefined;
    }
}
/** The store-relative path of a request, rebuilt from its validated values and re-escaped. */
function storePath(req) {
    const mod = escapePath(req.module);
    switch (req.kind) {
        case 'list':
            return `${mod}/@v/list`;
        case 'latest':
            return `${mod}/@latest`;
        default:
            return `${mod}/@v/${escapeVersion(req.version)}.${req.kind}`;
    }
}
/** True when a parse result is a refusal rather than a request. */
function isProxyPathError(r) {
    return 'status' in r;
}
/** The store path of a canonical version's .info, .mod or .zip (throws on an invalid path or version). */
function canonicalStorePath(module, version, kind) {
    return kind === 'info'
        ? storePath({ kind, module, version, canonical: true })
        : storePath({ kind, module, version });
}

;// CONCATENATED MODULE: ./src/entry/sumset.ts



/** The store-relative path of a module file, rebuilt from escaped values (throws on a bad path). */
function relPath(f) {
    return canonicalStorePath(f.module, f.version, f.file);
}
/** The go.sum set: .mod for every line, .info and .zip for versions with a full h1 line. */
function sumSet(sums) {
    const files = [];
    for (const { module, version, zip } of sums.versions()) {
        files.push({ module, version, file: 'mod' });
        if (zip)
            files.push({ module, version, file: 'info' }, { module, version, file: 'zip' });
    }
    return files;
}
/**
 * How many .mod and .zip files of the go.sum set the store got since `since` (ms since the epoch):
 * with no fetch in the journal, the go command fetched them past the proxy (GONOPROXY, `direct`).
 * Restored files keep their archive's older mtimes, so they do not count.
 */
async function fetchedPastProxy(store, sums, since) {
    const files = sumSet(sums).filter((f) => f.file !== 'info');
    const times = await mapLimited(files, 32, (f) => stat(join(store, relPath(f))).then((s) => s.mtimeMs, () => -1));
    return times.filter((t) => t >= since).length;
}

;// CONCATENATED MODULE: ./src/entry/restore.ts





// Only these travel in an entry: .lock is the go command's own, lists and queries are mutable.
// A .ziphash (checked against go.sum when the entry was saved) comes in only with its own zip.
// No element may start with a dot: no module path does, and the proxy's own records (.stamps/)
// must never come from an entry.
const ENTRY_FILE = /\/@v\/[^/]+\.(info|mod|zip|ziphash)$/;
const DOT_ELEMENT = /(^|\/)\./;
/** A store-relative, '/'-separated path an entry may hold (never absolute, '..' or a dot element). */
function isEntryFile(rel) {
    return ENTRY_FILE.test(rel) && !DOT_ELEMENT.test(rel) && !rel.startsWith('/') && !/\\|\/\//.test(rel);
}
/**
 * Moves a restored entry's files into the store, each only where the store lacks it (an empty store
 * takes the whole directory in one rename): jobs sharing a store only ever see whole files appear.
 * Files the job's go.sum contradicts stay out, counted in `contradicted`.
 */
async function moveIntoStore(entryDir, store, options = {}) {
    const { versions, others } = await readEntry(entryDir);
    const contradicted = options.sums ? await leaveOutContradicted(entryDir, versions, others, options.sums) : 0;
    if (options.zipHashes === false) {
        for (const key of versions.keys())
            setAside(entryDir, versions, others, key, (rel) => rel.endsWith('.ziphash'));
    }
    const moved = (await moveWhole(entryDir, store, versions, others)) ?? (await moveEach(entryDir, store, versions));
    await (0,promises_namespaceObject.rm)(entryDir, { recursive: true, force: true });
    return { ...moved, contradicted };
}
/**
 * Sets aside (into `others`) each .mod, and each zip's recorded .ziphash, whose hash go.sum does not
 * list: the go command would stop at the mismatch instead of fetching afresh. Returns the count.
 */
async function leaveOutContradicted(entryDir, versions, others, sums) {
    let count = 0;
    await pool_forEachLimited(sums.versions(), fs_FILE_CONCURRENCY, async ({ module, version }) => {
        const key = versionKey(module, version);
        const rels = key === undefined ? undefined : versions.get(key);
        if (key === undefined || rels === undefined)
            return;
        const read = (ext) => rels.includes(`${key}.${ext}`) ? (0,promises_namespaceObject.readFile)((0,external_node_path_namespaceObject.join)(entryDir, `${key}.${ext}`)) : Promise.resolve(undefined);
        const [mod, ziphash] = await Promise.all([read('mod'), read('ziphash')]);
        const modSums = sums.mod(module, version);
        const zipSums = sums.zip(module, version);
        const out = new Set();
        if (mod && modSums && !modSums.includes(hashMod(mod)))
            out.add('mod');
        if (ziphash && zipSums && !zipSums.includes(ziphash.toString('utf8').trim()))
            out.add('zip').add('ziphash');
        if (out.size === 0)
            return;
        count += setAside(entryDir, versions, others, key, (rel) => out.has(rel.slice(rel.lastIndexOf('.') + 1)));
    });
    return count;
}
/** Moves a version's files that `leave` picks from `versions` to `others`; returns how many. */
function setAside(entryDir, versions, others, key, leave) {
    const rels = versions.get(key) ?? [];
    const left = rels.filter(leave);
    others.push(...left.map((rel) => (0,external_node_path_namespaceObject.join)(entryDir, rel)));
    versions.set(key, rels.filter((rel) => !leave(rel)));
    return left.length;
}
// A module version's key in Versions: its store path (sumset.ts relPath) without the extension.
function versionKey(module, version) {
    try {
        return relPath({ module, version, file: 'mod' }).slice(0, -'.mod'.length);
    }
    catch {
        return undefined;
    }
}
// Sorts what the entry holds: module files by version, and everything else (paths to remove).
async function readEntry(entryDir) {
    const versions = new Map();
    const { files, others } = await restore_walk(entryDir);
    for (const file of files.sort()) {
        const rel = (0,external_node_path_namespaceObject.relative)(entryDir, file).split(external_node_path_namespaceObject.sep).join('/');
        if (!isEntryFile(rel)) {
            others.push(file);
            continue;
        }
        const version = rel.slice(0, rel.lastIndexOf('.'));
        versions.set(version, [...(versions.get(version) ?? []), rel]);
    }
    return { versions, others };
}
// The whole entry in one rename, when the store is missing or an empty directory: rename(2)
// replaces an empty directory and fails when another process has written into it meanwhile, when
// the store is a symlink (ENOTDIR: the link stays), across filesystems and on Windows; then the
// files move one by one as usual.
async function moveWhole(entryDir, store, versions, others) {
    const inStore = await (0,promises_namespaceObject.readdir)(store).catch((error) => error.code === 'ENOENT' ? [] : undefined);
    if (inStore === undefined || inStore.length > 0)
        return undefined;
    const counts = { files: 0, modules: 0, bytes: 0 };
    const orphans = [];
    await pool_forEachLimited([...versions.values()], fs_FILE_CONCURRENCY, async (rels) => {
        const hasZip = rels.some((rel) => rel.endsWith('.zip'));
        for (const rel of rels) {
            if (rel.endsWith('.ziphash') && !hasZip) {
                orphans.push((0,external_node_path_namespaceObject.join)(entryDir, rel));
                continue;
            }
            counts.files++;
            counts.bytes += (await (0,promises_namespaceObject.stat)((0,external_node_path_namespaceObject.join)(entryDir, rel))).size;
            if (rel.endsWith('.zip'))
                counts.modules++;
        }
    });
    await Promise.all([...others, ...orphans].map((path) => (0,promises_namespaceObject.rm)(path, { recursive: true, force: true })));
    try {
        await (0,promises_namespaceObject.mkdir)((0,external_node_path_namespaceObject.dirname)(store), { recursive: true });
        await (0,promises_namespaceObject.rename)(entryDir, store);
        return counts;
    }
    catch {
        return undefined;
    }
}
// File by file, each only when the store lacks it (rename on one filesystem, copy otherwise).
async function moveEach(entryDir, store, versions) {
    const counts = { files: 0, modules: 0, bytes: 0 };
    // Versions in parallel (each file is a few syscalls); within one, in order, so a .ziphash is
    // only ever placed after the zip it describes was.
    await pool_forEachLimited([...versions.values()], fs_FILE_CONCURRENCY, async (rels) => {
        let movedZip = false;
        for (const rel of rels) {
            if (rel.endsWith('.ziphash') && !movedZip)
                continue;
            const file = (0,external_node_path_namespaceObject.join)(entryDir, rel);
            const target = (0,external_node_path_namespaceObject.join)(store, rel);
            if (await fs_exists(target))
                continue;
            const size = (await (0,promises_namespaceObject.stat)(file)).size;
            await (0,promises_namespaceObject.mkdir)((0,external_node_path_namespaceObject.dirname)(target), { recursive: true });
            await place(file, target);
            counts.files++;
            counts.bytes += size;
            if (rel.endsWith('.zip')) {
                counts.modules++;
                movedZip = true;
            }
        }
    });
    return counts;
}
async function place(from, to) {
    try {
        await (0,promises_namespaceObject.rename)(from, to);
    }
    catch (error) {
        if (error.code !== 'EXDEV')
            throw error;
        const tmp = `${to}.tmp-${process.pid}`;
        await (0,promises_namespaceObject.copyFile)(from, tmp);
        // A copy keeps the archive's mtime as a rename would: post tells restored files from those the
        // go command fetched during the job by it (sumset.ts fetchedPastProxy).
        const { atime, mtime } = await (0,promises_namespaceObject.stat)(from);
        await (0,promises_namespaceObject.utimes)(tmp, atime, mtime);
        await (0,promises_namespaceObject.rename)(tmp, to);
    }
}
/**
 * Regular files, and the paths of everything else (symlinks, devices, directories whose name starts
 * with a dot, not walked into): those never reach the store.
 */
async function restore_walk(dir) {
    const entries = await (0,promises_namespaceObject.readdir)(dir, { withFileTypes: true }).catch(() => []);
    const files = [];
    const others = [];
    const below = await Promise.all(entries.map((entry) => {
        const path = (0,external_node_path_namespaceObject.join)(dir, entry.name);
        if (entry.isDirectory() && !entry.name.startsWith('.'))
            return restore_walk(path);
        (entry.isFile() ? files : others).push(path);
        return undefined;
    }));
    for (const b of below) {
        if (b === undefined)
            continue;
        files.push(...b.files);
        others.push(...b.others);
    }
    return { files, others };
}

;// CONCATENATED MODULE: ./src/cache/mode.ts
/** What ACTIONS_CACHE_MODE allows: `none`, `read`, `write`, `write-only`; unset or unknown allows both. */
function cacheMode(value) {
    const mode = (value ?? '').trim().toLowerCase();
    switch (mode) {
        case 'none':
            return { read: false, write: false };
        case 'read':
            return { read: true, write: false };
        case 'write':
            return { read: true, write: true };
        case 'write-only':
            return { read: false, write: true };
        default:
            return { read: true, write: true };
    }
}

;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/proxy/config.ts
/** The defaults a bare `serve` uses; `store`, `upstream` and `log` are filled by the caller. */
const config_DEFAULTS = {
    listen: '127.0.0.1:0',
    goSum: [],
    prefetch: true,
    offline: false,
    metrics: true,
    mutableTtlMs: 60_000,
    shutdownTimeoutMs: 5_000,
    concurrency: { upstream: 16, prefetch: 8 },
    verifyConcurrency: 2,
    verifyAtStart: false,
    sumdb: { name: 'sum.golang.org', url: 'https://sum.golang.org', viaProxies: true },
};
/** The accepted form of an access token, for every place that takes one (flag, env, input). */
const TOKEN_FORM = '16-512 characters of letters, digits and ._~+/=-';
/**
 * Why a token is refused, or undefined: a short token can be guessed over the network, so
 * the proxy, `serve --token`, GO_MOD_CACHE_TOKEN, the JSON config and the action's input share
 * this rule.
 */
function config_checkToken(token) {
    return /^[A-Za-z0-9._~+/=-]{16,512}$/.test(token)
        ? undefined
        : `expected TOKEN of ${TOKEN_FORM}, got ${token.length} characters`;
}
/** The upstream used when neither a flag nor the environment's GOPROXY says otherwise. */
const config_DEFAULT_UPSTREAM = 'https://proxy.golang.org,direct';

;// CONCATENATED MODULE: ./src/proxy/http/listener.ts
// A proxy on a socket: the core (core/core.ts), the checksum database and the HTTP handler
// behind one listener, background prefetch and verification, and a graceful close.










/** Splits "host:port" (IPv6 in brackets) into its parts. */
function splitListen(listen) {
    const m = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(listen);
    const port = Number(m?.[2]);
    if (!m?.[1] || !Number.isInteger(port) || port > 65535) {
        throw new Error(`listen: expected HOST:PORT (e.g. 127.0.0.1:0), got ${JSON.stringify(listen)}`);
    }
    return { host: m[1].replace(/^\[|\]$/g, ''), port };
}
/** Whether a host only answers this machine, so it may go without a token. */
function isLoopbackHost(host) {
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
/** Starts the proxy described by `config`; resolves once it listens. */
async function startProxy(config, tuning = {}) {
    const { host, port } = splitListen(config.listen);
    if (!isLoopbackHost(host) && !config.token) {
        throw new Error(`listening on ${host} (not loopback) needs an access token (config.token / --token)`);
    }
    const badToken = config.token === undefined ? undefined : checkToken(config.token);
    if (badToken)
        throw new Error(`token: ${badToken}`);
    const log = config.log;
    const { sumdb, sumdbUpstream } = sumdbFor(config, new Store(config.store));
    const checks = sumdb ? sumdb.check.bind(sumdb) : undefined;
    const core = await createCore(config, tuning, checks);
    if (sumdbUpstream)
        core.metrics.addCircuits(() => sumdbUpstream.circuits?.() ?? []);
    const server = createServer({ keepAlive: true }, createHandler({
        files: core.files,
        sumdb,
        journal: core.journal,
        metrics: core.metrics,
        exposeMetrics: config.metrics,
        token: config.token,
        log,
    }));
    try {
        await listen(server, host, port);
    }
    catch (err) {
        await Promise.allSettled([core.close(), sumdbUpstream?.close()]);
        throw new Error(`cannot listen on ${config.listen}: ${String(err)}`, { cause: err });
    }
    const actual = server.address().port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
    // Not basic auth in the URL: the go command refuses to send credentials to an http:// URL.
    const goproxy = config.token ? `${url}${TOKEN_PREFIX}${encodeURIComponent(config.token)}` : url;
    log.info(`proxy listening on ${url} (store ${core.store.root}, upstream ${config.upstream}${config.offline ? ', offline' : ''})`);
    const prefetched = startBackground(config, core);
    let closing;
    const close = () => {
        closing ??= shutdown(server, config.shutdownTimeoutMs, async () => {
            await Promise.all([core.close(), sumdbUpstream?.close().catch(() => undefined)]);
            log.info(`proxy closed (${memorySummary()})`);
        });
        return closing;
    };
    return { url, goproxy, port: actual, prefetched, files: core.files, metrics: core.metrics, close };
}
/** The checksum database proxy, with its own route to the database (through module proxies first, as the go command goes). */
function sumdbFor(config, store) {
    if (!config.sumdb) {
        config.log.info('no checksum database (GOSUMDB=off): what is stored without a go.sum line is checked for its form only');
        return { sumdb: null };
    }
    const { log, netrc, goauth } = config;
    const sumdbUpstream = routedUpstream(sumdbCandidates(config.upstream, config.sumdb), (list) => createUpstream({ list, netrc, goauth, log, maxConnections: 4, paths: 'sumdb', ...timeoutsOf(config) }), config.mutableTtlMs);
    const sumdb = createSumdb({
        sumdb: config.sumdb,
        store,
        upstream: sumdbUpstream,
        ttlMs: config.mutableTtlMs,
        offline: config.offline,
        noSumdb: config.noSumdb,
        log,
    });
    if (sumdb.coverage !== undefined)
        log.info(sumdb.coverage);
    return { sumdb, sumdbUpstream };
}
/** Starts prefetch and verify-at-start once config.backgroundAfter settles; resolves with prefetch's counts. */
function startBackground(config, core) {
    const { log } = config;
    const { sums, files } = core;
    // Settled either way: a failed gate still lets the background work run.
    const gate = (config.backgroundAfter ?? Promise.resolve()).then(() => undefined, () => undefined);
    const prefetched = config.prefetch && sums.size > 0 && !config.offline
        ? gate.then(() => prefetch(sums, files, config.concurrency.prefetch, log, config.noProxy))
        : Promise.resolve({ fetched: 0, failed: 0, skipped: 0 });
    // A restored store is verified up front only when asked (see ProxyConfig.verifyAtStart).
    if (config.verifyAtStart && sums.size > 0) {
        gate
            .then(() => verifyAtStart(sums, files, config.verifyConcurrency ?? DEFAULTS.verifyConcurrency, log))
            .catch((err) => log.warn(`verify at start failed: ${String(err)}`));
    }
    // A prefetch failure is logged, never an unhandled rejection.
    prefetched.catch((err) => log.warn(`prefetch failed: ${String(err)}`));
    return prefetched;
}
/** Where the memory is at close: V8 heap, off-heap and peak RSS, to place a regression without a profiler. */
function memorySummary() {
    const m = process.memoryUsage();
    const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
    let peak = '';
    try {
        const hwm = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
        if (hwm)
            peak = `, peak rss ${mb(Number(hwm[1]) * 1024)}`;
    }
    catch {
        // Not Linux: no peak to report.
    }
    return `rss ${mb(m.rss)}${peak}, heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)}, array buffers ${mb(m.arrayBuffers)}`;
}
function listen(server, host, port) {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
            server.off('error', reject);
            resolve();
        });
    });
}
/**
 * Stops accepting, lets in-flight requests finish for up to `timeoutMs` (idle keep-alive sockets
 * are closed at once and again as requests finish), then cuts what is left and runs `after`.
 */
async function shutdown(server, timeoutMs, after) {
    const closed = new Promise((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // A keep-alive socket turns idle when its request finishes; sweep so it does not hold close().
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    let timer;
    const timedOut = new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([closed, timedOut]);
    clearTimeout(timer);
    clearInterval(sweep);
    server.closeAllConnections();
    await closed;
    await after();
}

;// CONCATENATED MODULE: ./src/serve/flags.ts




/** The command's version, as package.json says. */
const VERSION = package_namespaceObject.rE;
// One table drives both the parser and the help text, so help can never miss a flag.
const FLAGS = [
    {
        name: 'listen',
        arg: 'HOST:PORT',
        help: 'address to listen on; port 0 picks a free port',
        shown: config_DEFAULTS.listen,
    },
    {
        name: 'store',
        arg: 'DIR',
        help: 'store directory (GOPROXY layout)',
        shown: '$XDG_CACHE_HOME/go-mod-cache or ~/.cache/go-mod-cache',
    },
    {
        name: 'upstream',
        arg: 'LIST',
        help: "upstream list in GOPROXY syntax (',' '|' direct off)",
        shown: `$GOPROXY, else ${config_DEFAULT_UPSTREAM}`,
    },
    {
        name: 'go-sum',
        arg: 'FILE',
        help: 'go.sum or go.work.sum to verify against and prefetch (repeatable)',
        shown: 'none',
    },
    { name: 'offline', help: 'never contact upstream; misses answer 404', shown: 'off' },
    { name: 'prefetch', help: 'fetch every version in --go-sum in the background at start', shown: 'on' },
    { name: 'no-prefetch', help: 'do not prefetch', shown: '' },
    {
        name: 'noproxy',
        arg: 'GLOBS',
        help: 'module path globs (GONOPROXY syntax) never asked of upstream: served from the store or 404',
        shown: '$GONOPROXY, else $GOPRIVATE',
    },
    {
        name: 'verify-at-start',
        help: 'verify every stored zip --go-sum names in the background at start (a restored store: ' +
            'first requests join checks under way); not for a store that is GOMODCACHE/cache/download',
        shown: 'off',
    },
    {
        name: 'token',
        arg: 'TOKEN',
        help: 'access token; the printed GOPROXY carries it as /_token/<TOKEN> (Bearer or basic auth also work)',
        shown: '$GO_MOD_CACHE_TOKEN, else none',
    },
    {
        name: 'sumdb',
        arg: 'NAME[+HASH+KEY][=URL]',
        help: "checksum database served under /sumdb/NAME/; what is stored without a go.sum line is checked against it (key: GOSUMDB's, or the go command's for sum.golang.org)",
        shown: `from $GOSUMDB, else ${config_DEFAULTS.sumdb.name}=${config_DEFAULTS.sumdb.url}`,
    },
    { name: 'no-sumdb', help: 'do not serve a checksum database (/sumdb/ answers 404)', shown: '' },
    {
        name: 'nosumdb',
        arg: 'GLOBS',
        help: 'module path globs (GONOSUMDB syntax) whose lookups are refused, never sent to the database',
        shown: '$GONOSUMDB, else $GOPRIVATE',
    },
    { name: 'journal', arg: 'FILE', help: 'JSONL journal of files served and fetched', shown: 'none' },
    { name: 'metrics', help: 'serve Prometheus text at /metrics', shown: 'on' },
    { name: 'no-metrics', help: 'do not serve /metrics', shown: '' },
    {
        name: 'ready-file',
        arg: 'FILE',
        help: 'write {url,goproxy,port,pid} here (atomically) once listening',
        shown: 'none',
    },
    {
        name: 'ttl',
        arg: 'SECONDS',
        help: 'freshness of lists, @latest, queries and sumdb /latest',
        shown: String(config_DEFAULTS.mutableTtlMs / 1000),
    },
    {
        name: 'headers-timeout',
        arg: 'SECONDS',
        help: 'longest wait for an upstream answer to start',
        shown: String(DEFAULT_TIMEOUTS.headersMs / 1000),
    },
    {
        name: 'idle-timeout',
        arg: 'SECONDS',
        help: 'longest silence while an upstream body arrives',
        shown: String(DEFAULT_TIMEOUTS.idleMs / 1000),
    },
    {
        name: 'cool-down',
        arg: 'SECONDS',
        help: 'how long an upstream entry that hung or refused is skipped (0: never skipped)',
        shown: String(DEFAULT_TIMEOUTS.coolDownMs / 1000),
    },
    {
        name: 'netrc',
        arg: 'FILE',
        help: '.netrc with credentials for https upstreams',
        shown: '$NETRC, else ~/.netrc',
    },
    {
        name: 'goauth',
        arg: 'LIST',
        help: "where https upstream credentials come from, as GOAUTH: ';'-separated netrc, git DIR, a command, or off",
        shown: '$GOAUTH, else netrc',
    },
    { name: 'debug', help: 'log internals too', shown: 'off' },
    { name: 'config-stdin', help: 'read the configuration as a JSON object from stdin', shown: 'off' },
    { name: 'help', help: 'print this help', shown: '' },
    { name: 'version', help: 'print the version', shown: '' },
];
/** The help text: usage and every flag with its default. */
function helpText() {
    const rows = FLAGS.map((f) => {
        const left = `  --${f.name}${f.arg ? ` ${f.arg}` : ''}`;
        const dflt = f.shown ? ` (default: ${f.shown})` : '';
        return `${left.padEnd(28)} ${f.help}${dflt}`;
    });
    return [
        'Usage: go-mod-cache serve [flags]',
        '',
        'Runs a verified, caching Go module proxy and prints the GOPROXY value to use.',
        '',
        'Flags:',
        ...rows,
        '',
        'Memory: for a smaller peak RSS, run it as the action does, with NODE_OPTIONS=--max-semi-space-size=1',
        'MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 (bench/README.md has the figures).',
        '',
    ].join('\n');
}
const fail = (flag, message) => ({
    error: `go-mod-cache: ${flag ? `--${flag}: ` : ''}${message}`,
});
/** Parses `serve ...` argv (without node and the script) into options, help, or one error line. */
function parseArgs(argv, fenv) {
    const args = [...argv];
    if (args[0] === 'serve')
        args.shift();
    else if (args[0] === undefined)
        return fail('', 'expected a command: serve (see --help)');
    else if (!args[0].startsWith('--'))
        return fail('', `unknown command "${args[0]}": expected serve`);
    const values = new Map();
    while (args.length > 0) {
        const word = args.shift();
        if (!word.startsWith('--'))
            return fail('', `unexpected argument "${word}"`);
        const eq = word.indexOf('=');
        const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
        const flag = FLAGS.find((f) => f.name === name);
        if (!flag)
            return fail('', `unknown flag "--${name}" (see --help)`);
        let value = '';
        if (flag.arg) {
            const next = eq < 0 ? args.shift() : word.slice(eq + 1);
            if (next === undefined || next === '')
                return fail(name, `expected ${flag.arg}`);
            value = next;
        }
        else if (eq >= 0) {
            return fail(name, 'takes no value');
        }
        values.set(name, [...(values.get(name) ?? []), value]);
    }
    if (values.has('help'))
        return { help: helpText() };
    if (values.has('version'))
        return { version: VERSION };
    return flags_build(values, fenv);
}
// Single-valued flags keep the last occurrence, as most command lines do.
const last = (values, name) => values.get(name)?.at(-1);
function flags_build(values, fenv) {
    const refused = conflicting(values);
    if (refused)
        return refused;
    const configStdin = values.has('config-stdin');
    const base = defaults(fenv);
    const listen = last(values, 'listen') ?? base.listen;
    const listenError = checkListen(listen);
    if (listenError)
        return fail('listen', listenError);
    const sumdb = sumdbOf(values, base.sumdb);
    if (sumdb !== null && 'error' in sumdb)
        return sumdb;
    const seconds = secondsFlags(values, base.mutableTtlMs);
    if ('error' in seconds)
        return seconds;
    const { mutableTtlMs, ...timeouts } = seconds;
    const config = {
        ...base,
        listen,
        store: last(values, 'store') ?? base.store,
        upstream: last(values, 'upstream') ?? base.upstream,
        goSum: values.get('go-sum') ?? [],
        prefetch: !values.has('no-prefetch'),
        noProxy: last(values, 'noproxy') ?? base.noProxy,
        noSumdb: last(values, 'nosumdb') ?? base.noSumdb,
        offline: values.has('offline'),
        sumdb,
        metrics: !values.has('no-metrics'),
        mutableTtlMs,
        ...timeouts,
        ...optionals(values, base),
    };
    if (!configStdin) {
        const err = checkConfig(config);
        if (err)
            return err;
    }
    const options = { config, debug: values.has('debug'), configStdin };
    const readyFile = last(values, 'ready-file');
    if (readyFile !== undefined)
        options.readyFile = readyFile;
    return options;
}
/** A flag given with its opposite, or beside --config-stdin (whose JSON holds the configuration). */
function conflicting(values) {
    for (const [a, b] of [
        ['prefetch', 'no-prefetch'],
        ['metrics', 'no-metrics'],
        ['sumdb', 'no-sumdb'],
    ]) {
        if (values.has(a) && values.has(b))
            return fail(b, `conflicts with --${a}`);
    }
    if (!values.has('config-stdin'))
        return undefined;
    const extra = [...values.keys()].find((k) => !['config-stdin', 'ready-file', 'debug'].includes(k));
    return extra ? fail(extra, 'not allowed with --config-stdin (put it in the JSON)') : undefined;
}
/** The checksum database: --no-sumdb turns it off, --sumdb names another, else the default's. */
function sumdbOf(values, dflt) {
    if (values.has('no-sumdb'))
        return null;
    const flag = last(values, 'sumdb');
    if (flag === undefined)
        return dflt;
    const parsed = parseSumdbFlag(flag);
    return 'error' in parsed ? fail('sumdb', parsed.error) : parsed;
}
/** The settings a configuration holds only when set: by a flag, else by the environment's default. */
function optionals(values, base) {
    const set = {};
    const token = last(values, 'token') ?? base.token;
    if (token !== undefined)
        set.token = token;
    const journal = last(values, 'journal');
    if (journal !== undefined)
        set.journal = journal;
    if (values.has('verify-at-start'))
        set.verifyAtStart = true;
    const netrc = last(values, 'netrc') ?? base.netrc;
    if (netrc !== undefined)
        set.netrc = netrc;
    const goauth = last(values, 'goauth') ?? base.goauth;
    if (goauth !== undefined)
        set.goauth = goauth;
    return set;
}
/** The flags given in SECONDS, as milliseconds: --ttl (else `ttlMs`) and the upstream timeouts given. */
function secondsFlags(values, ttlMs) {
    const out = {
        mutableTtlMs: ttlMs,
    };
    const fields = [
        ['ttl', 'mutableTtlMs'],
        ['headers-timeout', 'headersTimeoutMs'],
        ['idle-timeout', 'idleTimeoutMs'],
        ['cool-down', 'coolDownMs'],
    ];
    for (const [flag, field] of fields) {
        const text = last(values, flag);
        if (text === undefined)
            continue;
        if (!/^\d+(\.\d+)?$/.test(text))
            return fail(flag, `expected SECONDS (a number >= 0), got "${text}"`);
        out[field] = Math.round(Number(text) * 1000);
    }
    return out;
}
/** The configuration a bare `serve` uses in this environment. */
function defaults(fenv) {
    const { env, home } = fenv;
    const cacheHome = env.XDG_CACHE_HOME || join(home, '.cache');
    const config = {
        listen: DEFAULTS.listen,
        store: join(cacheHome, 'go-mod-cache'),
        upstream: upstreamFromEnv(env.GOPROXY, DEFAULTS.listen),
        goSum: [],
        prefetch: DEFAULTS.prefetch,
        noProxy: noProxyFromEnv(env),
        offline: DEFAULTS.offline,
        noSumdb: noSumdbFromEnv(env),
        sumdb: sumdbFromEnv(env.GOSUMDB),
        metrics: DEFAULTS.metrics,
        mutableTtlMs: DEFAULTS.mutableTtlMs,
        shutdownTimeoutMs: DEFAULTS.shutdownTimeoutMs,
        concurrency: { ...DEFAULTS.concurrency },
    };
    if (env.GO_MOD_CACHE_TOKEN)
        config.token = env.GO_MOD_CACHE_TOKEN;
    if (env.NETRC)
        config.netrc = env.NETRC;
    if (env.GOAUTH)
        config.goauth = env.GOAUTH;
    return config;
}
/** The go command's GONOPROXY: the variable when set and not empty, else GOPRIVATE. */
function noProxyFromEnv(env) {
    return env.GONOPROXY || env.GOPRIVATE || '';
}
/** The go command's GONOSUMDB: the variable when set and not empty, else GOPRIVATE. */
function noSumdbFromEnv(env) {
    return env.GONOSUMDB || env.GOPRIVATE || '';
}
/**
 * The upstream to take from the environment's GOPROXY: entries that point at our own listen
 * address are dropped (a proxy must not loop to itself); a list left with no URL at all
 * (only direct/off) gives the default, since a caching proxy without an upstream is no use.
 */
function upstreamFromEnv(goproxy, listen) {
    if (!goproxy)
        return DEFAULT_UPSTREAM;
    const ours = listen.endsWith(':0') ? undefined : listen;
    const kept = [];
    let hasUrl = false;
    for (const part of goproxy.split(/([,|])/)) {
        if (part === ',' || part === '|') {
            if (kept.length > 0)
                kept.push(part);
            continue;
        }
        const entry = part.trim();
        if (!entry)
            continue;
        // Read as cmd/go reads it (a bare host is https); an entry it refuses is kept for the
        // proxy's start to report.
        const parsed = parseOne(entry);
        if (ours && parsed?.kind === 'http' && pointsAt(parsed, ours)) {
            kept.pop();
            continue;
        }
        kept.push(entry);
        if (parsed?.kind === 'http' || parsed?.kind === 'file')
            hasUrl = true;
    }
    if (kept.at(-1) === ',' || kept.at(-1) === '|')
        kept.pop();
    if (!hasUrl)
        return DEFAULT_UPSTREAM;
    return kept.join('');
}
function parseOne(entry) {
    try {
        return parseProxyList(entry)[0];
    }
    catch {
        return undefined;
    }
}
function pointsAt(entry, listen) {
    const port = /:(\d+)$/.exec(entry.host)?.[1] ?? (entry.protocol === 'https:' ? '443' : '80');
    const host = entry.hostname.replace(/^\[|\]$/g, '');
    return `${host}:${port}` === listen || `[${host}]:${port}` === listen;
}
/**
 * GOSUMDB as the go command reads it: "off", "name", "name+key", or "name+key url". Without a URL
 * the database is reached through the upstream proxies' /sumdb/<name>/ first, as cmd/go does.
 */
function sumdbFromEnv(gosumdb) {
    const value = (gosumdb ?? '').trim();
    if (!value)
        return { ...config_DEFAULTS.sumdb };
    if (value === 'off')
        return null;
    const [key = '', url] = value.split(/\s+/);
    const name = key.split('+')[0] ?? '';
    if (!checkSumdbName(name))
        return { ...config_DEFAULTS.sumdb };
    const keyed = key.includes('+') ? { key } : {};
    return url ? { name, url, ...keyed } : { name, url: `https://${name}`, viaProxies: true, ...keyed };
}
/** --sumdb NAME[=URL], NAME perhaps a verifier key NAME+HASH+KEY: without URL the database is https://NAME. */
function parseSumdbFlag(value) {
    // A key's base64 holds no '=': 33 bytes encode to 44 characters without padding.
    const eq = value.indexOf('=');
    const spec = eq < 0 ? value : value.slice(0, eq);
    const name = spec.split('+')[0] ?? '';
    const url = eq < 0 ? `https://${name}` : value.slice(eq + 1);
    if (!checkSumdbName(name))
        return { error: `expected NAME[=URL] with NAME like sum.golang.org, got "${value}"` };
    if (!checkHttpUrl(url))
        return { error: `expected NAME[=URL] with an http(s) URL, got "${value}"` };
    return { name, url, ...(spec.includes('+') ? { key: spec } : {}) };
}
// Names travel in the URL path /sumdb/<name>/, so no traversal, spaces or '+' (which starts a key).
function checkSumdbName(name) {
    return /^[A-Za-z0-9][A-Za-z0-9._:-]*(\/[A-Za-z0-9._:-]+)*$/.test(name) && !name.split('/').includes('..');
}
function checkHttpUrl(value) {
    try {
        const u = new URL(value);
        return u.protocol === 'http:' || u.protocol === 'https:';
    }
    catch {
        return false;
    }
}
/**
 * Why a listen address is bad, or undefined: the proxy's own HOST:PORT parse (splitListen), and
 * then an IPv6 address in brackets, else an IPv4 address or a host name. The action's input too.
 */
function checkListen(listen) {
    const bad = `expected HOST:PORT (e.g. 127.0.0.1:3000, [::1]:0), got "${listen}"`;
    let host;
    try {
        host = splitListen(listen).host;
    }
    catch {
        return bad;
    }
    if (listen.startsWith('['))
        return (0,external_node_net_namespaceObject.isIP)(host) === 6 ? undefined : bad;
    return (0,external_node_net_namespaceObject.isIP)(host) === 4 || /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host) ? undefined : bad;
}
/** Whether a listen address is loopback-only, so it may go without a token (the proxy's rule). */
function isLoopback(listen) {
    try {
        return isLoopbackHost(splitListen(listen).host);
    }
    catch {
        return false;
    }
}
// Cross-field rules shared by flags and --config-stdin.
function checkConfig(config) {
    if (!isLoopback(config.listen) && !config.token) {
        return fail('listen', `a non-loopback address needs --token or GO_MOD_CACHE_TOKEN, got "${config.listen}"`);
    }
    if (!config.upstream.trim())
        return fail('upstream', 'expected LIST in GOPROXY syntax, got ""');
    const badToken = config.token === undefined ? undefined : checkToken(config.token);
    if (badToken)
        return fail('token', `${badToken} (from --token or GO_MOD_CACHE_TOKEN)`);
    if (config.goauth !== undefined) {
        try {
            parseGoAuth(config.goauth);
        }
        catch (error) {
            return fail('goauth', error.message);
        }
    }
    return undefined;
}
const isString = (v) => typeof v === 'string' && v !== '';
const isBool = (v) => typeof v === 'boolean';
const isMs = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isCount = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1024;
// Every field --config-stdin accepts, with its check and the accepted form for the error line.
const FIELDS = {
    listen: [(v) => typeof v === 'string' && checkListen(v) === undefined, 'a "HOST:PORT" string'],
    store: [isString, 'a directory path'],
    upstream: [isString, 'a GOPROXY-style list'],
    goSum: [(v) => Array.isArray(v) && v.every(isString), 'an array of file paths'],
    prefetch: [isBool, 'a boolean'],
    noProxy: [(v) => typeof v === 'string', 'a string of module path globs (GONOPROXY syntax)'],
    noSumdb: [(v) => typeof v === 'string', 'a string of module path globs (GONOSUMDB syntax)'],
    offline: [isBool, 'a boolean'],
    token: [(v) => typeof v === 'string' && config_checkToken(v) === undefined, `a string of ${TOKEN_FORM}`],
    sumdb: [
        (v) => v === null || (typeof v === 'object' && isSumdb(v)),
        'null or {"name": NAME, "url": "http(s)://...", "viaProxies"?: BOOLEAN, "key"?: "NAME+HASH+KEY"}',
    ],
    journal: [isString, 'a file path'],
    metrics: [isBool, 'a boolean'],
    mutableTtlMs: [isMs, 'a number of milliseconds >= 0'],
    shutdownTimeoutMs: [isMs, 'a number of milliseconds >= 0'],
    concurrency: [
        (v) => typeof v === 'object' && v !== null && isConcurrency(v),
        '{"upstream": N, "prefetch": N} with 1 <= N <= 1024',
    ],
    netrc: [isString, 'a file path'],
    goauth: [(v) => typeof v === 'string', 'a GOAUTH list'],
    verifyConcurrency: [isCount, 'an integer 1 <= N <= 1024'],
    verifyAtStart: [isBool, 'a boolean'],
    headersTimeoutMs: [isMs, 'a number of milliseconds >= 0'],
    idleTimeoutMs: [isMs, 'a number of milliseconds >= 0'],
    coolDownMs: [isMs, 'a number of milliseconds >= 0'],
};
function isSumdb(v) {
    const extra = Object.keys(v).filter((k) => k !== 'name' && k !== 'url');
    return (extra.every((k) => k === 'viaProxies' || k === 'key') &&
        (v.viaProxies === undefined || typeof v.viaProxies === 'boolean') &&
        (v.key === undefined || (typeof v.key === 'string' && v.key.startsWith(`${String(v.name)}+`))) &&
        typeof v.name === 'string' &&
        checkSumdbName(v.name) &&
        checkHttpUrl(String(v.url)));
}
function isConcurrency(v) {
    return Object.keys(v).sort().join(',') === 'prefetch,upstream' && isCount(v.upstream) && isCount(v.prefetch);
}
/**
 * Parses the --config-stdin JSON: a ProxyConfig without `log`. Missing fields take the same
 * defaults as flags; unknown fields and wrong types are refused, naming the field.
 */
function parseConfigJson(text, fenv) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (e) {
        return fail('config-stdin', `expected a JSON object on stdin: ${e.message}`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        return fail('config-stdin', 'expected a JSON object on stdin');
    }
    const config = { ...defaults(fenv) };
    for (const [key, value] of Object.entries(raw)) {
        const field = FIELDS[key];
        if (!field)
            return fail('config-stdin', `unknown field "${key}"`);
        if (!field[0](value))
            return fail('config-stdin', `field "${key}": expected ${field[1]}`);
        config[key] = value;
    }
    const checked = config;
    const err = checkConfig(checked);
    return err ?? { config: checked };
}

;// CONCATENATED MODULE: ./src/proxy/upstream/goproxy-list.ts


const ACCEPTED = 'accepted: entries separated by "," or "|", each "direct", "off", or an http://, https:// or file:// URL';
/**
 * Parses a GOPROXY-style list the way cmd/go does: empty entries are skipped, a bare
 * "host/path" gets https://, and nothing after `direct` or `off` can ever be reached.
 * Throws an Error naming the bad entry and the accepted form.
 */
function goproxy_list_parseProxyList(list) {
    const entries = [];
    let rest = list;
    while (rest !== '') {
        const at = rest.search(/[,|]/);
        const raw = (at >= 0 ? rest.slice(0, at) : rest).trim();
        const next = at >= 0 ? rest[at] : undefined;
        rest = at >= 0 ? rest.slice(at + 1) : '';
        if (raw === '')
            continue;
        const entry = parseEntry(raw);
        entries.push(next ? { ...entry, next } : entry);
        // direct and off always answer; entries after them would never be asked.
        if (entry.kind === 'direct' || entry.kind === 'off')
            break;
    }
    const last = entries.at(-1);
    if (last === undefined)
        throw new Error(`invalid GOPROXY list "${list}": no entries (${ACCEPTED})`);
    delete last.next;
    return entries;
}
function parseEntry(raw) {
    if (raw === 'direct')
        return { kind: 'direct', base: raw };
    if (raw === 'off')
        return { kind: 'off', base: raw };
    // cmd/go: single words are reserved; anything with '.', ':' or '/' but no scheme is https.
    let text = raw;
    if (/[.:/]/.test(raw) && !raw.includes(':/') && !external_node_path_default().isAbsolute(raw))
        text = 'https://' + raw;
    const bad = (why) => new Error(`invalid GOPROXY entry "${redactEntry(raw)}": ${why} (${ACCEPTED})`);
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw bad('not a URL');
    }
    if (url.hash !== '')
        throw bad('a fragment is not allowed');
    if (url.protocol === 'file:') {
        if (url.username !== '' || url.password !== '')
            throw bad('file URLs take no credentials');
        if (url.search !== '')
            throw bad('file URLs take no query');
        let dir;
        try {
            dir = external_node_path_default().resolve((0,external_node_url_namespaceObject.fileURLToPath)(url));
        }
        catch {
            throw bad('a file URL needs a local absolute path');
        }
        return { kind: 'file', base: 'file://' + url.pathname.replace(/\/+$/, ''), dir };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw bad(`unsupported scheme "${url.protocol}"`);
    if (url.hostname === '')
        throw bad('no host');
    const userinfo = url.username !== '' || url.password !== ''
        ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
        : undefined;
    const base = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
    return {
        kind: 'http',
        base,
        protocol: url.protocol,
        host: url.host,
        hostname: url.hostname,
        search: url.search,
        ...(userinfo ? { userinfo } : {}),
    };
}
/** An entry as it may appear in an error message: userinfo replaced, whatever its form. */
function redactEntry(raw) {
    return raw.replace(/^([^/@]*\/\/)?[^/@]*@/, (_m, scheme) => `${scheme ?? ''}***@`);
}

;// CONCATENATED MODULE: ./src/action/goenv.ts




/** GOMODCACHE as the go command computes it, without running `go env` (too slow for main). */
function modCache(env) {
    if (env.GOMODCACHE)
        return env.GOMODCACHE;
    const first = (env.GOPATH ?? '').split(external_node_path_namespaceObject.delimiter).find((p) => p !== '');
    return (0,external_node_path_namespaceObject.join)(first ?? (0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.homedir)(), 'go'), 'pkg', 'mod');
}
/**
 * The GOPROXY to export: the proxy first, then after `|` (any failure moves on) the upstream list.
 * Credentials in the upstream URLs are for the proxy only: every later step can read GOPROXY, so
 * the exported fallback is rebuilt from the parsed list without them (the go command's own .netrc
 * still applies to https entries). `upstream` is a list the proxy accepted.
 */
function exportedGoproxy(proxy, upstream) {
    const entries = goproxy_list_parseProxyList(upstream).map((e) => (e.kind === 'http' ? e.base + e.search : e.base) + (e.next ?? ''));
    return `${proxy}|${entries.join('')}`;
}
/** GOFLAGS with -modcacherw added once, so extracted modules stay deletable on persistent machines. */
function exportedGoflags(goflags) {
    const flags = (goflags ?? '').trim();
    if (flags.split(/\s+/).some((f) => /^--?modcacherw(=true)?$/.test(f)))
        return flags;
    return flags === '' ? '-modcacherw' : `${flags} -modcacherw`;
}
/** True for a pull request from a fork (the event payload at `eventPath` says): it restores, never saves. */
function isForkPullRequest(eventPath) {
    if (!eventPath)
        return false;
    try {
        const event = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(eventPath, 'utf8'));
        return event.pull_request?.head?.repo?.fork === true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/action/inputs.ts


/** A bad input: the message is one line naming the input and the accepted form. */
class InputError extends Error {
    name = 'InputError';
}
/** The defaults action.yml documents, used when an input is empty. */
const INPUT_DEFAULTS = {
    // testdata holds fixtures, never the project's dependencies (the go command ignores it too).
    cacheDependencyPath: ['**/go.sum', 'go.work.sum', '!**/testdata/**'],
    keyPrefix: 'go-mod-cache-v1',
    listen: '127.0.0.1:0',
};
/** Reads the action's inputs from `INPUT_*` variables (as the runner sets them) and validates them. */
function readInputs(env) {
    const get = (name) => (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
    const patterns = get('cache-dependency-path')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
    return {
        cacheDependencyPath: patterns.length > 0 ? patterns : INPUT_DEFAULTS.cacheDependencyPath,
        keyPrefix: keyPrefix(get('key-prefix') || INPUT_DEFAULTS.keyPrefix),
        // The job's own GOPROXY is not an input: a list the proxy cannot read makes it fail to start,
        // which main reports with a warning, leaving GOPROXY as it was.
        upstream: get('upstream')
            ? upstreamList(get('upstream'))
            : (env.GOPROXY ?? '').trim() || config_DEFAULT_UPSTREAM,
        save: oneOf('save', get('save') || 'auto', ['auto', 'always', 'never']),
        cache: bool('cache', get('cache'), true),
        store: get('store'),
        listen: listenAddress(get('listen') || INPUT_DEFAULTS.listen),
        prefetch: bool('prefetch', get('prefetch'), true),
        verifyRestore: bool('verify-restore', get('verify-restore'), false),
        token: token(get('token')),
        buildCache: oneOf('build-cache', get('build-cache') || 'true', ['true', 'false', 'gocacheprog']),
        buildCacheScope: scope(get('build-cache-scope')),
    };
}
function oneOf(name, value, allowed) {
    const found = allowed.find((a) => a === value.toLowerCase());
    if (found === undefined) {
        throw new InputError(`input ${name}: '${value}' is not one of ${allowed.join('|')}`);
    }
    return found;
}
function bool(name, value, fallback) {
    if (value === '')
        return fallback;
    return oneOf(name, value, ['true', 'false']) === 'true';
}
// Keys may not hold commas and are capped at 512 characters; the hash and '-' take 65 of them.
function keyPrefix(value) {
    if (!/^[A-Za-z0-9._/+=:-]{1,200}$/.test(value)) {
        throw new InputError(`input key-prefix: '${value}' must be 1-200 characters of letters, digits and ._/+=:- (no commas or spaces)`);
    }
    return value;
}
// Any text (a matrix value): the key takes it with characters a key cannot hold replaced.
function scope(value) {
    if (value.length > 100 || value.includes('\n')) {
        throw new InputError(`input build-cache-scope: must be one line of at most 100 characters, e.g. \${{ matrix.service }}`);
    }
    return value;
}
// The input is a GOPROXY list, checked by the proxy's own parser, which reads it as cmd/go does
// (a bare host gets https://, empty entries are skipped, file:// works).
function upstreamList(value) {
    try {
        goproxy_list_parseProxyList(value);
    }
    catch (error) {
        throw new InputError(`input upstream: ${error.message}`);
    }
    return value.replace(/\s/g, '');
}
/** The passwords (and bare tokens) in an upstream list's URLs, for the runner to mask in logs. */
function upstreamSecrets(list) {
    let entries;
    try {
        entries = goproxy_list_parseProxyList(list);
    }
    catch {
        return []; // the proxy refuses such a list and never starts; its error line is redacted
    }
    return entries.flatMap((e) => e.kind === 'http' && e.userinfo ? [e.userinfo.password || e.userinfo.username] : []);
}
// The serve flag's rule (serve/flags.ts), so the input and `serve --listen` take the same addresses.
function listenAddress(value) {
    if (checkListen(value) !== undefined) {
        throw new InputError(`input listen: '${value}' must be host:port, e.g. 127.0.0.1:0 or 172.17.0.1:8181`);
    }
    return value;
}
// The proxy's rule (config.ts), so the input and `serve --token` take the same tokens.
function token(value) {
    if (value !== '' && config_checkToken(value) !== undefined) {
        throw new InputError(`input token: must be ${TOKEN_FORM}`);
    }
    return value;
}
/** True when the listen host is a loopback address, where no token is needed. */


;// CONCATENATED MODULE: ./src/action/context.ts






/** Turns the environment into the action's context; the only reader of the action's variables. */
function readContext(env) {
    return { inputs: inputsOf(env), go: goContext(env), runner: runnerContext(env), env: { ...env } };
}
function inputsOf(env) {
    try {
        return readInputs(env);
    }
    catch (error) {
        if (error instanceof InputError)
            return error;
        throw error;
    }
}
function goContext(env) {
    return {
        goflags: env.GOFLAGS ?? '',
        modCache: modCache(env),
        noProxy: noProxyFromEnv(env),
        noSumdb: noSumdbFromEnv(env),
        sumdb: sumdbFromEnv(env.GOSUMDB),
        goauth: env.GOAUTH || 'netrc',
    };
}
function runnerContext(env) {
    const workspace = (0,external_node_path_namespaceObject.resolve)(env.GITHUB_WORKSPACE ?? process.cwd());
    return {
        workspace,
        temp: env.RUNNER_TEMP || (0,external_node_os_namespaceObject.tmpdir)(),
        eventPath: env.GITHUB_EVENT_PATH ?? '',
        run: { id: env.GITHUB_RUN_ID ?? '0', attempt: env.GITHUB_RUN_ATTEMPT ?? '1' },
        cache: cacheEnv(env, workspace),
        channel: channelOf(env),
    };
}
function channelOf(env) {
    const states = {};
    for (const [name, value] of Object.entries(env))
        if (name.startsWith('STATE_') && value !== undefined)
            states[name.slice('STATE_'.length)] = value;
    return {
        files: {
            OUTPUT: env.GITHUB_OUTPUT ?? '',
            ENV: env.GITHUB_ENV ?? '',
            STATE: env.GITHUB_STATE ?? '',
            STEP_SUMMARY: env.GITHUB_STEP_SUMMARY ?? '',
        },
        debug: env.RUNNER_DEBUG === '1',
        states,
    };
}
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
/** The cache clients' part of the context. */
function cacheEnv(env, workspace = (0,external_node_path_namespaceObject.resolve)(env.GITHUB_WORKSPACE ?? process.cwd())) {
    return {
        mode: cacheMode(env.ACTIONS_CACHE_MODE),
        serviceV2: Boolean(env.ACTIONS_CACHE_SERVICE_V2),
        resultsUrl: env.ACTIONS_RESULTS_URL ?? '',
        runtimeToken: env.ACTIONS_RUNTIME_TOKEN ?? '',
        serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
        httpProxy: PROXY_VARIABLES.some((name) => (env[name] ?? '') !== ''),
        path: env.PATH ?? '',
        workspace,
        uploadBlockBytes: env.GO_MOD_CACHE_UPLOAD_BLOCK_BYTES ?? '',
    };
}

;// CONCATENATED MODULE: ./scripts/glob-core/index.js
// What @actions/glob uses of @actions/core, written as @actions/core writes it (src/workflow.ts
// writes the same lines for our own code). The real package imports @actions/http-client and
// undici at load, for OIDC tokens, which cost the main step about 0.1 s of its start on every
// job only for glob's debug lines. scripts/build.js bundles main with this package in its place
// under @actions/glob; every other bundle, and the tests of src/, get the real one.


/** A line shown only when the run has debug logging on. */
function glob_core_debug(message) {
  const data = String(message).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  process.stdout.write(`::debug::${data}${external_node_os_namespaceObject.EOL}`)
}

/** A log line. */
function glob_core_info(message) {
  process.stdout.write(String(message) + EOL)
}

;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");
;// CONCATENATED MODULE: ./node_modules/@actions/glob/lib/internal-glob-options-helper.js

/**
 * Returns a copy with defaults filled in.
 */
function getOptions(copy) {
    const result = {
        followSymbolicLinks: true,
        implicitDescendants: true,
        matchDirectories: true,
        omitBrokenSymbolicLinks: true,
        excludeHiddenFiles: false
    };
    if (copy) {
        if (typeof copy.followSymbolicLinks === 'boolean') {
            result.followSymbolicLinks = copy.followSymbolicLinks;
            glob_core_debug(`followSymbolicLinks '${result.followSymbolicLinks}'`);
        }
        if (typeof copy.implicitDescendants === 'boolean') {
            result.implicitDescendants = copy.implicitDescendants;
            glob_core_debug(`implicitDescendants '${result.implicitDescendants}'`);
        }
        if (typeof copy.matchDirectories === 'boolean') {
            result.matchDirectories = copy.matchDirectories;
            glob_core_debug(`matchDirectories '${result.matchDirectories}'`);
        }
        if (typeof copy.omitBrokenSymbolicLinks === 'boolean') {
            result.omitBrokenSymbolicLinks = copy.omitBrokenSymbolicLinks;
            glob_core_debug(`omitBrokenSymbolicLinks '${result.omitBrokenSymbolicLinks}'`);
        }
        if (typeof copy.excludeHiddenFiles === 'boolean') {
            result.excludeHiddenFiles = copy.excludeHiddenFiles;
            glob_core_debug(`excludeHiddenFiles '${result.excludeHiddenFiles}'`);
        }
    }
    return result;
}
//# sourceMappingURL=internal-glob-options-helper.js.map
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
;// CONCATENATED MODULE: external "assert"
const external_assert_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");
;// CONCATENATED MODULE: ./node_modules/@actions/glob/lib/internal-path-helper.js


const IS_WINDOWS = process.platform === 'win32';
/**
 * Similar to path.dirname except normalizes the path separators and slightly better handling for Windows UNC paths.
 *
 * For example, on Linux/macOS:
 * - `/               => /`
 * - `/hello          => /`
 *
 * For example, on Windows:
 * - `C:\             => C:\`
 * - `C:\hello        => C:\`
 * - `C:              => C:`
 * - `C:hello         => C:`
 * - `\               => \`
 * - `\hello          => \`
 * - `\\hello         => \\hello`
 * - `\\hello\world   => \\hello\world`
 */
function internal_path_helper_dirname(p) {
    // Normalize slashes and trim unnecessary trailing slash
    p = safeTrimTrailingSeparator(p);
    // Windows UNC root, e.g. \\hello or \\hello\world
    if (IS_WINDOWS && /^\\\\[^\\]+(\\[^\\]+)?$/.test(p)) {
        return p;
    }
    // Get dirname
    let result = external_path_namespaceObject.dirname(p);
    // Trim trailing slash for Windows UNC root, e.g. \\hello\world\
    if (IS_WINDOWS && /^\\\\[^\\]+\\[^\\]+\\$/.test(result)) {
        result = safeTrimTrailingSeparator(result);
    }
    return result;
}
/**
 * Roots the path if not already rooted. On Windows, relative roots like `\`
 * or `C:` are expanded based on the current working directory.
 */
function ensureAbsoluteRoot(root, itemPath) {
    external_assert_namespaceObject(root, `ensureAbsoluteRoot parameter 'root' must not be empty`);
    external_assert_namespaceObject(itemPath, `ensureAbsoluteRoot parameter 'itemPath' must not be empty`);
    // Already rooted
    if (hasAbsoluteRoot(itemPath)) {
        return itemPath;
    }
    // Windows
    if (IS_WINDOWS) {
        // Check for itemPath like C: or C:foo
        if (itemPath.match(/^[A-Z]:[^\\/]|^[A-Z]:$/i)) {
            let cwd = process.cwd();
            external_assert_namespaceObject(cwd.match(/^[A-Z]:\\/i), `Expected current directory to start with an absolute drive root. Actual '${cwd}'`);
            // Drive letter matches cwd? Expand to cwd
            if (itemPath[0].toUpperCase() === cwd[0].toUpperCase()) {
                // Drive only, e.g. C:
                if (itemPath.length === 2) {
                    // Preserve specified drive letter case (upper or lower)
                    return `${itemPath[0]}:\\${cwd.substr(3)}`;
                }
                // Drive + path, e.g. C:foo
                else {
                    if (!cwd.endsWith('\\')) {
                        cwd += '\\';
                    }
                    // Preserve specified drive letter case (upper or lower)
                    return `${itemPath[0]}:\\${cwd.substr(3)}${itemPath.substr(2)}`;
                }
            }
            // Different drive
            else {
                return `${itemPath[0]}:\\${itemPath.substr(2)}`;
            }
        }
        // Check for itemPath like \ or \foo
        else if (normalizeSeparators(itemPath).match(/^\\$|^\\[^\\]/)) {
            const cwd = process.cwd();
            external_assert_namespaceObject(cwd.match(/^[A-Z]:\\/i), `Expected current directory to start with an absolute drive root. Actual '${cwd}'`);
            return `${cwd[0]}:\\${itemPath.substr(1)}`;
        }
    }
    external_assert_namespaceObject(hasAbsoluteRoot(root), `ensureAbsoluteRoot parameter 'root' must have an absolute root`);
    // Otherwise ensure root ends with a separator
    if (root.endsWith('/') || (IS_WINDOWS && root.endsWith('\\'))) {
        // Intentionally empty
    }
    else {
        // Append separator
        root += external_path_namespaceObject.sep;
    }
    return root + itemPath;
}
/**
 * On Linux/macOS, true if path starts with `/`. On Windows, true for paths like:
 * `\\hello\share` and `C:\hello` (and using alternate separator).
 */
function hasAbsoluteRoot(itemPath) {
    external_assert_namespaceObject(itemPath, `hasAbsoluteRoot parameter 'itemPath' must not be empty`);
    // Normalize separators
    itemPath = normalizeSeparators(itemPath);
    // Windows
    if (IS_WINDOWS) {
        // E.g. \\hello\share or C:\hello
        return itemPath.startsWith('\\\\') || /^[A-Z]:\\/i.test(itemPath);
    }
    // E.g. /hello
    return itemPath.startsWith('/');
}
/**
 * On Linux/macOS, true if path starts with `/`. On Windows, true for paths like:
 * `\`, `\hello`, `\\hello\share`, `C:`, and `C:\hello` (and using alternate separator).
 */
function hasRoot(itemPath) {
    external_assert_namespaceObject(itemPath, `isRooted parameter 'itemPath' must not be empty`);
    // Normalize separators
    itemPath = normalizeSeparators(itemPath);
    // Windows
    if (IS_WINDOWS) {
        // E.g. \ or \hello or \\hello
        // E.g. C: or C:\hello
        return itemPath.startsWith('\\') || /^[A-Z]:/i.test(itemPath);
    }
    // E.g. /hello
    return itemPath.startsWith('/');
}
/**
 * Removes redundant slashes and converts `/` to `\` on Windows
 */
function normalizeSeparators(p) {
    p = p || '';
    // Windows
    if (IS_WINDOWS) {
        // Convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // Remove redundant slashes
        const isUnc = /^\\\\+[^\\]/.test(p); // e.g. \\hello
        return (isUnc ? '\\' : '') + p.replace(/\\\\+/g, '\\'); // preserve leading \\ for UNC
    }
    // Remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
/**
 * Normalizes the path separators and trims the trailing separator (when safe).
 * For example, `/foo/ => /foo` but `/ => /`
 */
function safeTrimTrailingSeparator(p) {
    // Short-circuit if empty
    if (!p) {
        return '';
    }
    // Normalize separators
    p = normalizeSeparators(p);
    // No trailing slash
    if (!p.endsWith(external_path_namespaceObject.sep)) {
        return p;
    }
    // Check '/' on Linux/macOS and '\' on Windows
    if (p === external_path_namespaceObject.sep) {
        return p;
    }
    // On Windows check if drive root. E.g. C:\
    if (IS_WINDOWS && /^[A-Z]:\\$/i.test(p)) {
        return p;
    }
    // Otherwise trim trailing slash
    return p.substr(0, p.length - 1);
}
//# sourceMappingURL=internal-path-helper.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/glob/lib/internal-match-kind.js
/**
 * Indicates whether a pattern matches a path
 */
var MatchKind;
(function (MatchKind) {
    /** Not matched */
    MatchKind[MatchKind["None"] = 0] = "None";
    /** Matched if the path is a directory */
    MatchKind[MatchKind["Directory"] = 1] = "Directory";
    /** Matched if the path is a regular file */
    MatchKind[MatchKind["File"] = 2] = "File";
    /** Matched */
    MatchKind[MatchKind["All"] = 3] = "All";
})(MatchKind || (MatchKind = {}));
//# sourceMappingURL=internal-match-kind.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/glob/lib/internal-pattern-helper.js


const internal_pattern_helper_IS_WINDOWS = process.platform === 'win32';
/**
 * Given an array of patterns, returns an array of paths to search.
 * Duplicates and paths under other included paths are filtered out.
 */
function getSearchPaths(patterns) {
    // Ignore negate patterns
    patterns = patterns.filter(x => !x.negate);
    // Create a map of all search paths
    const searchPathMap = {};
    for (const pattern of patterns) {
        const key = internal_pattern_helper_IS_WINDOWS
            ? pattern.searchPath.toUpperCase()
            : pattern.searchPath;
        searchPathMap[key] = 'candidate';
    }
    const result = [];
    for (const pattern of patterns) {
        // Check if already included
        const key = internal_pattern_helper_IS_WINDOWS
            ? pattern.searchPath.toUpperCase()
            : pattern.searchPath;
        if (searchPathMap[key] === 'included') {
            continue;
        }
        // Check for an ancestor search path
        let foundAncestor = false;
        let tempKey = key;
        let parent = internal_path_helper_dirname(tempKey);
        while (parent !== tempKey) {
            if (searchPathMap[parent]) {
                foundAncestor = true;
                break;
            }
            tempKey = parent;
            parent = internal_path_helper_dirname(tempKey);
        }
        // Include the search pattern in the result
        if (!foundAncestor) {
            result.push(pattern.searchPath);
            searchPathMap[key] = 'included';
        }
    }
    return result;
}
/**
 * Matches the patterns against the path
 */
function internal_pattern_helper_match(patterns, itemPath) {
    let result = MatchKind.None;
    for (const pattern of patterns) {
        if (pattern.negate) {
            result &= ~pattern.match(itemPath);
        }
        else {
            result |= pattern.match(itemPath);
        }
    }
    return result;
}
/**
 * Checks whether to descend further into the directory
 */
function internal_pattern_helper_partialMatch(patterns, itemPath) {
    return patterns.some(x => !x.negate && x.partialMatch(itemPath));
}
//# sourceMappingURL=internal-pattern-helper.js.map
;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");
;// CONCATENATED MODULE: ./node_modules/balanced-match/dist/esm/index.js
const balanced = (a, b, str) => {
    const ma = a instanceof RegExp ? maybeMatch(a, str) : a;
    const mb = b instanceof RegExp ? maybeMatch(b, str) : b;
    const r = ma !== null && mb != null && range(ma, mb, str);
    return (r && {
        start: r[0],
        end: r[1],
        pre: str.slice(0, r[0]),
        body: str.slice(r[0] + ma.length, r[1]),
        post: str.slice(r[1] + mb.length),
    });
};
const maybeMatch = (reg, str) => {
    const m = str.match(reg);
    return m ? m[0] : null;
};
const range = (a, b, str) => {
    let begs, beg, left, right = undefined, result;
    let ai = str.indexOf(a);
    let bi = str.indexOf(b, ai + 1);
    let i = ai;
    if (ai >= 0 && bi > 0) {
        if (a === b) {
            return [ai, bi];
        }
        begs = [];
        left = str.length;
        while (i >= 0 && !result) {
            if (i === ai) {
                begs.push(i);
                ai = str.indexOf(a, i + 1);
            }
            else if (begs.length === 1) {
                const r = begs.pop();
                if (r !== undefined)
                    result = [r, bi];
            }
            else {
                beg = begs.pop();
                if (beg !== undefined && beg < left) {
                    left = beg;
                    right = bi;
                }
                bi = str.indexOf(b, i + 1);
            }
            i = ai < bi && ai >= 0 ? ai : bi;
        }
        if (begs.length && right !== undefined) {
            result = [left, right];
        }
    }
    return result;
};
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/brace-expansion/dist/esm/index.js

const escSlash = '\0SLASH' + Math.random().toFixed(16) + '\0';
const escOpen = '\0OPEN' + Math.random().toFixed(16) + '\0';
const escClose = '\0CLOSE' + Math.random().toFixed(16) + '\0';
const escComma = '\0COMMA' + Math.random().toFixed(16) + '\0';
const escPeriod = '\0PERIOD' + Math.random().toFixed(16) + '\0';
const escSlashPattern = new RegExp(escSlash, 'g');
const escOpenPattern = new RegExp(escOpen, 'g');
const escClosePattern = new RegExp(escClose, 'g');
const escCommaPattern = new RegExp(escComma, 'g');
const escPeriodPattern = new RegExp(escPeriod, 'g');
const slashPattern = /\\\\/g;
const openPattern = /\\{/g;
const closePattern = /\\}/g;
const commaPattern = /\\,/g;
const periodPattern = /\\\./g;
const EXPANSION_MAX = 100_000;
// `EXPANSION_MAX` caps the *number* of expansions, but not their length. An
// input like `'{a,b}'.repeat(1500)` stays under that count - its output is
// truncated to 100k results - while making every result ~1500 characters
// long. The result set, and the intermediate arrays built while combining
// brace sets, then grow large enough to exhaust memory and crash the process
// (CVE-2026-14257). `EXPANSION_MAX_LENGTH` bounds the total number of
// characters the accumulator may hold at any point, so memory stays flat no
// matter how many brace groups are chained. The limit sits well above any
// realistic expansion (100k results hitting `EXPANSION_MAX` measure ~1M
// characters) so legitimate input is unaffected.
const EXPANSION_MAX_LENGTH = 4_000_000;
// `expand_` recurses once per level of brace *nesting* - both when expanding a
// set's comma members and when re-wrapping a set whose body is a single part.
// The CVE-2026-14257 fix made the *tail* iterative (recursion on `m.post`, one
// level per chained group), which left nesting depth unbounded: about 3,100
// levels of `{{{...a,b...}}}` - only ~6KB of input - exhausted the native stack
// and crashed the process. `EXPANSION_MAX_DEPTH` bounds how deep the parser
// will follow nesting. It sits far above any realistic pattern and well below
// the depth at which the stack runs out.
const EXPANSION_MAX_DEPTH = 1_000;
// Bash keeps a quirk where a brace group followed by a comma set still expands
// (`{a},b}`). The parser implements it by rewriting the string and restarting
// the scan, absorbing one `}` per pass. `n` trailing braces therefore cost `n`
// full passes over a string that itself grows by one `escClose` sentinel each
// time - quadratic in `n`, with a ~26x constant from the sentinel's length.
// 128KB of `'{a}' + '}'.repeat(n) + ',z}'` blocked the event loop for 27
// seconds to produce two results. `EXPANSION_MAX_REWRITES` bounds how many
// times the scan may restart. Real `{a},b}` input needs a handful.
const EXPANSION_MAX_REWRITES = 1_000;
// `EXPANSION_MAX_STEPS` bounds the work one `expand` call does, which `max`,
// `maxLength` and `maxDepth` don't: nested sets are rescanned at every level
// and chained groups each rebuild up to `max` results, so 2KB of input could
// block the event loop for over 30 seconds. Each character scanned, result
// built and sequence value generated is a step, and each `expand_` call costs
// `CALL_STEPS` more. Past the budget, the set being expanded and everything
// after it stay literal. A glob needs a few hundred steps, and nesting all the
// way to `EXPANSION_MAX_DEPTH` about 4M.
const EXPANSION_MAX_STEPS = 20_000_000;
// What one `expand_` call costs on top of what it scans and builds. Setting
// one up takes about as long as scanning 16 characters, and a set whose
// results are wrapped to be expanded again makes one call per result, each
// scanning and building next to nothing: 64KB of
// `('{{' + ','.repeat(316) + '}{' + ','.repeat(316) + '}}').repeat(n)` made
// 4M such calls, which spent the budget three times as slowly as anything
// else.
const CALL_STEPS = 16;
function numeric(str) {
    return !isNaN(str) ? parseInt(str, 10) : str.charCodeAt(0);
}
function escapeBraces(str) {
    return str
        .replace(slashPattern, escSlash)
        .replace(openPattern, escOpen)
        .replace(closePattern, escClose)
        .replace(commaPattern, escComma)
        .replace(periodPattern, escPeriod);
}
function unescapeBraces(str) {
    return str
        .replace(escSlashPattern, '\\')
        .replace(escOpenPattern, '{')
        .replace(escClosePattern, '}')
        .replace(escCommaPattern, ',')
        .replace(escPeriodPattern, '.');
}
// Like `target.push(...items)` but doesn't overflow the stack
function pushAll(target, items) {
    for (let i = 0; i < items.length; i++) {
        target.push(items[i]);
    }
}
// `balanced`, run on `masked` (see `maskUnmatchedOpens`), sliced from `str`
// and charged for the characters it walks: up to the group's `}`, or the
// whole string when there is no match or unmatched `{` come first, which
// `unmatched` then flags for masking. Once a call overdraws the budget, it
// and every later one return undefined, so the rest stays literal.
function balancedWithBudget(str, masked, budget) {
    if (budget.remaining < 0) {
        return undefined;
    }
    const r = range('{', '}', masked);
    const unmatched = r !== undefined && masked.indexOf('{') < r[0];
    budget.remaining -= r && !unmatched ? r[1] + 1 : str.length;
    if (!r || budget.remaining < 0) {
        return undefined;
    }
    return {
        end: r[1],
        pre: str.slice(0, r[0]),
        body: str.slice(r[0] + 1, r[1]),
        post: str.slice(r[1] + 1),
        unmatched,
    };
}
// `masked` with every `{` that has no matching `}` swapped for a `\0`, which
// keeps the length, so a scan of it still lines up with the string it was
// made from. Such a `{` is literal either way, but `balanced` only learns that
// one is unmatched by reading to the end of the string, so with one at the
// head of every group (`'{a,{b,c}'.repeat(n)`) each scan read the rest of the
// input. That was quadratic, and once the step budget charged for it, it ran
// out partway through and left the rest literal. A scan of the masked copy
// stops at the group's `}`. It is one pass, charged as such.
function maskUnmatchedOpens(masked, budget) {
    budget.remaining -= masked.length;
    const open = [];
    for (let i = 0; i < masked.length; i++) {
        const c = masked.charCodeAt(i);
        if (c === 0x7b) {
            open.push(i);
        }
        else if (c === 0x7d && open.length) {
            open.pop();
        }
    }
    let out = '';
    let last = 0;
    for (let i = 0; i < open.length; i++) {
        const at = open[i];
        out += masked.slice(last, at) + '\0';
        last = at + 1;
    }
    return out + masked.slice(last);
}
// Whether `str` has a `,` not followed by another `,`, with a `}` after it on
// the same line - what `/,(?!,).*\}/.test(str)` asks, answered in one pass from
// the end. The regex tries every `,` and backtracks through the rest of its
// line from each, which is quadratic, and the `{a},b}` rewrite asks again on
// every pass. Like a scan, it is charged for the whole string and refused if
// that overdraws the budget.
function commaSetFollows(str, budget) {
    budget.remaining -= str.length;
    if (budget.remaining < 0) {
        return false;
    }
    // Whether a `}` follows the current position before the line ends
    let close = false;
    for (let i = str.length - 1; i >= 0; i--) {
        const c = str.charCodeAt(i);
        if (c === 0x7d) {
            close = true;
        }
        else if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
            // A line terminator, which `.` does not match
            close = false;
        }
        else if (c === 0x2c && close && str.charCodeAt(i + 1) !== 0x2c) {
            return true;
        }
    }
    return false;
}
/**
 * Basically just str.split(","), but handling cases
 * where we have nested braced sections, which should be
 * treated as individual members, like {a,{b,c},d}
 *
 * Returns `undefined` if the step budget runs out before the whole set is
 * split, since splitting what is left on every comma would tear apart the
 * nested sets it still holds.
 */
function parseCommaParts(str, budget) {
    const parts = [];
    // Walk the brace groups iteratively. Recursing on `post` once per group let a
    // chain of them exhaust the stack - the parsing-side counterpart to
    // the `expand_` overflow fixed for CVE-2026-14257, and not something `max` or
    // `maxLength` can bound, since it happens before expansion.
    //
    // The part the next chunk continues
    let carry = '';
    for (;;) {
        // A set's body holds no unmatched `{`, so there is nothing to mask.
        const m = balancedWithBudget(str, str, budget);
        if (budget.remaining < 0) {
            return undefined;
        }
        if (!m) {
            const tail = str.split(',');
            tail[0] = carry + tail[0];
            pushAll(parts, tail);
            return parts;
        }
        const { pre, body, post } = m;
        const p = pre.split(',');
        p[0] = carry + p[0];
        p[p.length - 1] += '{' + body + '}';
        if (!post.length) {
            pushAll(parts, p);
            return parts;
        }
        carry = p.pop();
        pushAll(parts, p);
        str = post;
    }
}
// An option that is left out, or that is NaN, gets its default. Every
// comparison against NaN is false, so a NaN bound would never be reached:
// `{ maxSteps: NaN }` let 15KB of input block the event loop for 16 seconds,
// and `{ maxDepth: NaN }` overflowed the stack again (CVE-2026-102278). Pass
// `Infinity` to lift a bound.
function bound(value, fallback) {
    return value === undefined || isNaN(value) ? fallback : value;
}
function expand(str, options = {}) {
    if (!str) {
        return [];
    }
    const max = bound(options.max, EXPANSION_MAX);
    const maxLength = bound(options.maxLength, EXPANSION_MAX_LENGTH);
    const maxDepth = bound(options.maxDepth, EXPANSION_MAX_DEPTH);
    const maxRewrites = bound(options.maxRewrites, EXPANSION_MAX_REWRITES);
    const maxSteps = bound(options.maxSteps, EXPANSION_MAX_STEPS);
    // I don't know why Bash 4.3 does this, but it does.
    // Anything starting with {} will have the first two bytes preserved
    // but *only* at the top level, so {},a}b will not expand to anything,
    // but a{},b}c will be expanded to [a}c,abc].
    // One could argue that this is a bug in Bash, but since the goal of
    // this module is to match Bash's rules, we escape a leading {}
    if (str.slice(0, 2) === '{}') {
        str = '\\{\\}' + str.slice(2);
    }
    return expand_(escapeBraces(str), max, maxLength, maxDepth, 0, maxRewrites, { remaining: maxSteps }, true).map(unescapeBraces);
}
function embrace(str) {
    return '{' + str + '}';
}
function isPadded(el) {
    return /^-?0\d/.test(el);
}
function lte(i, y) {
    return i <= y;
}
function gte(i, y) {
    return i >= y;
}
// Build `{ acc[a] + pre + values[v] }` for every combination, capping the
// number of results at `max` and the total number of characters at `maxLength`.
// This is the one place output grows, so bounding it here keeps the single
// accumulator - and therefore memory - flat regardless of how many brace groups
// are combined (CVE-2026-14257). Each result built is a step, since `max` and
// `maxLength` bound one combination, not how many brace groups are combined.
function combine(acc, pre, values, max, maxLength, dropEmpties, budget) {
    const out = [];
    let length = 0;
    // Bash drops empty results at the top level, and they don't count against
    // `max`, so `max` bounds the number of *kept* results. Only an empty
    // `acc[a] + pre` can make one, so for those the empty values are skipped
    // without being visited. Visiting them one at a time let a set of empties
    // cost `acc.length * values.length` while keeping nothing.
    let nonEmpty;
    outer: for (let a = 0; a < acc.length; a++) {
        const prefix = acc[a] + pre;
        let vs = values;
        if (dropEmpties && !prefix) {
            if (!nonEmpty)
                nonEmpty = values.filter(v => v);
            vs = nonEmpty;
        }
        for (let v = 0; v < vs.length; v++) {
            if (out.length >= max)
                break outer;
            const expansion = prefix + vs[v];
            if (length + expansion.length > maxLength)
                break outer;
            out.push(expansion);
            length += expansion.length;
        }
    }
    budget.remaining -= out.length;
    return out;
}
// The expansion values of a single numeric (`1..5`) or alphabetic (`a..e..2`)
// sequence body, or `undefined` if the step budget runs out generating them.
function expandSequence(body, isAlphaSequence, max, maxLength, budget) {
    const n = body.split(/\.\./);
    const N = [];
    // A sequence body always splits into two or three parts, but the compiler
    // can't know that.
    /* c8 ignore start */
    if (n[0] === undefined || n[1] === undefined) {
        return N;
    }
    /* c8 ignore stop */
    const x = numeric(n[0]);
    const y = numeric(n[1]);
    const width = Math.max(n[0].length, n[1].length);
    let incr = n.length === 3 && n[2] !== undefined ?
        Math.max(Math.abs(numeric(n[2])), 1)
        : 1;
    let test = lte;
    const reverse = y < x;
    if (reverse) {
        incr *= -1;
        test = gte;
    }
    const pad = n.some(isPadded);
    // A padded value is built a character at a time to `width`, which the input
    // sets, so it costs one step per character: 64KB of
    // `('{' + '0'.repeat(100) + '..99999}').repeat(n)` took 7 seconds charged
    // one step per value.
    const cost = pad ? width : 1;
    let length = 0;
    for (let i = x; test(i, y) && N.length < max; i += incr) {
        // Each value is a step. `max` and `maxLength` bound one sequence, but a
        // chain of them still generated up to `max` values each, however few
        // combining could keep.
        budget.remaining -= cost;
        if (budget.remaining < 0) {
            return undefined;
        }
        let c;
        if (isAlphaSequence) {
            c = String.fromCharCode(i);
            if (c === '\\') {
                c = '';
            }
        }
        else {
            c = String(i);
            if (pad) {
                const need = width - c.length;
                if (need > 0) {
                    const z = new Array(need + 1).join('0');
                    if (i < 0) {
                        c = '-' + z + c.slice(1);
                    }
                    else {
                        c = z + c;
                    }
                }
            }
        }
        if (length + c.length > maxLength)
            break;
        N.push(c);
        length += c.length;
    }
    return N;
}
function expand_(str, max, maxLength, maxDepth, depth, maxRewrites, budget, isTop) {
    // An overdraft here makes the first scan refuse, so `str` stays literal.
    budget.remaining -= CALL_STEPS;
    // Too deeply nested to keep following: treat the rest as literal, the same
    // way a group that cannot expand is already handled. Truncating rather than
    // throwing keeps `expand` total, matching `max` and `maxLength`.
    if (depth > maxDepth) {
        return [str];
    }
    // Consume the string's top-level brace groups left to right, threading a
    // running set of combined prefixes (`acc`). Expanding the tail iteratively -
    // rather than recursing on `m.post` once per group - keeps the native stack
    // depth constant, so deeply chained input (`'{a,b}'.repeat(3000)`) can no
    // longer overflow the stack, and leaves a single accumulator whose size
    // `maxLength` bounds directly (CVE-2026-14257).
    let acc = [''];
    // Bash drops empty results, but only when the *first* top-level group is a
    // comma set - a sequence like `{a..\}` may legitimately yield ''. The drop
    // is on the final strings, so it is applied to whichever `combine` produces
    // them (the one with no brace set left in the tail).
    // How many times the `{a},b}` rewrite below has restarted the scan. Each pass
    // re-reads the whole string, so leaving this unbounded is quadratic.
    let rewrites = 0;
    let dropEmpties = false;
    let firstGroup = true;
    // `str` with its unmatched `{` masked, once a scan has run into them
    let masked = str;
    for (;;) {
        const m = balancedWithBudget(str, masked, budget);
        // No brace set left, or no step budget left to look for one: the rest of
        // the string is literal.
        if (!m) {
            return combine(acc, str, [''], max, maxLength, dropEmpties, budget);
        }
        if (m.unmatched) {
            masked = maskUnmatchedOpens(masked, budget);
        }
        // no need to expand pre, since it is guaranteed to be free of brace-sets
        const pre = m.pre;
        // This set and the rest of the string, literal: for a set that cannot
        // expand, and for one the step budget runs out on. Once it is overdrawn,
        // every set still being expanded, at every level, stays literal like this -
        // otherwise each level above would go on combining, and wrapping and
        // expanding again, results the budget was too small for.
        const literal = () => combine(acc, pre + '{' + m.body + '}' + m.post, [''], max, maxLength, dropEmpties, budget);
        if (/\$$/.test(pre)) {
            acc = combine(acc, pre + '{' + m.body + '}', [''], max, maxLength, dropEmpties && !m.post.length, budget);
            firstGroup = false;
            if (!m.post.length)
                break;
            str = m.post;
            masked = masked.slice(m.end + 1);
            continue;
        }
        const isNumericSequence = /^-?\d+\.\.-?\d+(?:\.\.-?\d+)?$/.test(m.body);
        const isAlphaSequence = /^[a-zA-Z]\.\.[a-zA-Z](?:\.\.-?\d+)?$/.test(m.body);
        const isSequence = isNumericSequence || isAlphaSequence;
        const isOptions = m.body.indexOf(',') >= 0;
        if (!isSequence && !isOptions) {
            // {a},b}
            if (rewrites < maxRewrites && commaSetFollows(m.post, budget)) {
                rewrites++;
                str = m.pre + '{' + m.body + escClose + m.post;
                // Taking a `}` away never gives an unmatched `{` a partner, so what
                // is masked stays unmatched. The `{` it closed can be left without
                // one, and the next scan masks it.
                masked =
                    masked.slice(0, m.end) + escClose + masked.slice(m.end + 1);
                isTop = true;
                continue;
            }
            // Nothing here expands, so the whole remaining string is literal.
            return literal();
        }
        if (firstGroup) {
            dropEmpties = isTop && !isSequence;
            firstGroup = false;
        }
        let values;
        if (isSequence) {
            values = expandSequence(m.body, isAlphaSequence, max, maxLength, budget);
            if (!values) {
                return literal();
            }
        }
        else {
            let n = parseCommaParts(m.body, budget);
            // The step budget ran out partway through the set.
            if (!n) {
                return literal();
            }
            if (n.length === 1 && n[0] !== undefined) {
                // x{{a,b}}y ==> x{a}y x{b}y
                n = expand_(n[0], max, maxLength, maxDepth, depth + 1, maxRewrites, budget, false).map(embrace);
                // The step budget ran out expanding the set's only part.
                if (budget.remaining < 0) {
                    return literal();
                }
                //XXX is this necessary? Can't seem to hit it in tests.
                /* c8 ignore start */
                if (n.length === 1) {
                    const next = combine(acc, pre + n[0], [''], max, maxLength, dropEmpties && !m.post.length, budget);
                    if (budget.remaining < 0) {
                        return literal();
                    }
                    acc = next;
                    if (!m.post.length)
                        break;
                    str = m.post;
                    masked = masked.slice(m.end + 1);
                    continue;
                }
                /* c8 ignore stop */
            }
            // Values that `combine` is going to drop as empty produce no result, so
            // they must not count against `max` - otherwise `{a,,b}` with `max: 2`
            // would stop at `['a', '']` and yield one result instead of two. Skipping
            // them outright keeps `values` bounded while leaving `max` a bound on
            // *kept* results.
            let dropsEmpties = dropEmpties && !m.post.length && !pre;
            for (let d = 0; dropsEmpties && d < acc.length; d++) {
                if (acc[d]) {
                    dropsEmpties = false;
                }
            }
            values = [];
            let valuesLength = 0;
            outer: for (let j = 0; j < n.length; j++) {
                const expanded = expand_(n[j], max, maxLength, maxDepth, depth + 1, maxRewrites, budget, false);
                // The step budget ran out expanding a member.
                if (budget.remaining < 0) {
                    return literal();
                }
                for (let k = 0; k < expanded.length; k++) {
                    const v = expanded[k];
                    if (dropsEmpties && !v)
                        continue;
                    if (values.length >= max ||
                        valuesLength + v.length > maxLength) {
                        break outer;
                    }
                    values.push(v);
                    valuesLength += v.length;
                }
            }
        }
        const next = combine(acc, pre, values, max, maxLength, dropEmpties && !m.post.length, budget);
        // The step budget ran out combining the set's values in.
        if (budget.remaining < 0) {
            return literal();
        }
        acc = next;
        if (!m.post.length)
            break;
        str = m.post;
        masked = masked.slice(m.end + 1);
    }
    return acc;
}
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/minimatch/dist/esm/assert-valid-pattern.js
const MAX_PATTERN_LENGTH = 1024 * 64;
const assertValidPattern = (pattern) => {
    if (typeof pattern !== 'string') {
        throw new TypeError('invalid pattern');
    }
    if (pattern.length > MAX_PATTERN_LENGTH) {
        throw new TypeError('pattern is too long');
    }
};
//# sourceMappingURL=assert-valid-pattern.js.map
;// CONCATENATED MODULE: ./node_modules/minimatch/dist/esm/brace-expressions.js
// translate the various posix character classes into unicode properties
// this works across all unicode locales
// { <posix class>: [<translation>, /u flag required, negated]
const posixClasses = {
    '[:alnum:]': ['\\p{L}\\p{Nl}\\p{Nd}', true],
    '[:alpha:]': ['\\p{L}\\p{Nl}', true],
    '[:ascii:]': ['\\x' + '00-\\x' + '7f', false],
    '[:blank:]': ['\\p{Zs}\\t', true],
    '[:cntrl:]': ['\\p{Cc}', true],
    '[:digit:]': ['\\p{Nd}', true],
    '[:graph:]': ['\\p{Z}\\p{C}', true, true],
    '[:lower:]': ['\\p{Ll}', true],
    '[:print:]': ['\\p{C}', true],
    '[:punct:]': ['\\p{P}', true],
    '[:space:]': ['\\p{Z}\\t\\r\\n\\v\\f', true],
    '[:upper:]': ['\\p{Lu}', true],
    '[:word:]': ['\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}', true],
    '[:xdigit:]': ['A-Fa-f0-9', false],
};
// only need to escape a few things inside of brace expressions
// escapes: [ \ ] -
const braceEscape = (s) => s.replace(/[[\]\\-]/g, '\\$&');
// escape all regexp magic characters
const regexpEscape = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, '\\$&');
// everything has already been escaped, we just have to join
const rangesToString = (ranges) => ranges.join('');
// takes a glob string at a posix brace expression, and returns
// an equivalent regular expression source, and boolean indicating
// whether the /u flag needs to be applied, and the number of chars
// consumed to parse the character class.
// This also removes out of order ranges, and returns ($.) if the
// entire class just no good.
const parseClass = (glob, position) => {
    const pos = position;
    /* c8 ignore start */
    if (glob.charAt(pos) !== '[') {
        throw new Error('not in a brace expression');
    }
    /* c8 ignore stop */
    const ranges = [];
    const negs = [];
    let i = pos + 1;
    let sawStart = false;
    let uflag = false;
    let escaping = false;
    let negate = false;
    let endPos = pos;
    let rangeStart = '';
    WHILE: while (i < glob.length) {
        const c = glob.charAt(i);
        if ((c === '!' || c === '^') && i === pos + 1) {
            negate = true;
            i++;
            continue;
        }
        if (c === ']' && sawStart && !escaping) {
            endPos = i + 1;
            break;
        }
        sawStart = true;
        if (c === '\\') {
            if (!escaping) {
                escaping = true;
                i++;
                continue;
            }
            // escaped \ char, fall through and treat like normal char
        }
        if (c === '[' && !escaping) {
            // either a posix class, a collation equivalent, or just a [
            for (const [cls, [unip, u, neg]] of Object.entries(posixClasses)) {
                if (glob.startsWith(cls, i)) {
                    // invalid, [a-[] is fine, but not [a-[:alpha]]
                    if (rangeStart) {
                        return ['$.', false, glob.length - pos, true];
                    }
                    i += cls.length;
                    if (neg)
                        negs.push(unip);
                    else
                        ranges.push(unip);
                    uflag = uflag || u;
                    continue WHILE;
                }
            }
        }
        // now it's just a normal character, effectively
        escaping = false;
        if (rangeStart) {
            // throw this range away if it's not valid, but others
            // can still match.
            if (c > rangeStart) {
                ranges.push(braceEscape(rangeStart) + '-' + braceEscape(c));
            }
            else if (c === rangeStart) {
                ranges.push(braceEscape(c));
            }
            rangeStart = '';
            i++;
            continue;
        }
        // now might be the start of a range.
        // can be either c-d or c-] or c<more...>] or c] at this point
        if (glob.startsWith('-]', i + 1)) {
            ranges.push(braceEscape(c + '-'));
            i += 2;
            continue;
        }
        if (glob.startsWith('-', i + 1)) {
            rangeStart = c;
            i += 2;
            continue;
        }
        // not the start of a range, just a single character
        ranges.push(braceEscape(c));
        i++;
    }
    if (endPos < i) {
        // didn't see the end of the class, not a valid class,
        // but might still be valid as a literal match.
        return ['', false, 0, false];
    }
    // if we got no ranges and no negates, then we have a range that
    // cannot possibly match anything, and that poisons the whole glob
    if (!ranges.length && !negs.length) {
        return ['$.', false, glob.length - pos, true];
    }
    // if we got one positive range, and it's a single character, then that's
    // not actually a magic pattern, it's just that one literal character.
    // we should not treat that as "magic", we should just return the literal
    // character. [_] is a perfectly valid way to escape glob magic chars.
    if (negs.length === 0 &&
        ranges.length === 1 &&
        /^\\?.$/.test(ranges[0]) &&
        !negate) {
        const r = ranges[0].length === 2 ? ranges[0].slice(-1) : ranges[0];
        return [regexpEscape(r), false, endPos - pos, false];
    }
    const sranges = '[' + (negate ? '^' : '') + rangesToString(ranges) + ']';
    const snegs = '[' + (negate ? '' : '^') + rangesToString(negs) + ']';
    const comb = ranges.length && negs.length ? '(' + sranges + '|' + snegs + ')'
        : ranges.length ? sranges
            : snegs;
    return [comb, uflag, endPos - pos, true];
};
//# sourceMappingURL=brace-expressions.js.map
;// CONCATENATED MODULE: ./node_modules/minimatch/dist/esm/unescape.js
/**
 * Un-escape a string that has been escaped with {@link escape}.
 *
 * If the {@link MinimatchOptions.windowsPathsNoEscape} option is used, then
 * square-bracket escapes are removed, but not backslash escapes.
 *
 * For example, it will turn the string `'[*]'` into `*`, but it will not
 * turn `'\\*'` into `'*'`, because `\` is a path separator in
 * `windowsPathsNoEscape` mode.
 *
 * When `windowsPathsNoEscape` is not set, then both square-bracket escapes and
 * backslash escapes are removed.
 *
 * Slashes (and backslashes in `windowsPathsNoEscape` mode) cannot be escaped
 * or unescaped.
 *
 * When `magicalBraces` is not set, escapes of braces (`{` and `}`) will not be
 * unescaped.
 */
const unescape_unescape = (s, { windowsPathsNoEscape = false, magicalBraces = true, } = {}) => {
    if (magicalBraces) {
        return windowsPathsNoEscape ?
            s.replace(/\[([^/\\])\]/g, '$1')
            : s
                .replace(/((?!\\).|^)\[([^/\\])\]/g, '$1$2')
                .replace(/\\([^/])/g, '$1');
    }
    return windowsPathsNoEscape ?
        s.replace(/\[([^/\\{}])\]/g, '$1')
        : s
            .replace(/((?!\\).|^)\[([^/\\{}])\]/g, '$1$2')
            .replace(/\\([^/{}])/g, '$1');
};
//# sourceMappingURL=unescape.js.map
;// CONCATENATED MODULE: ./node_modules/minimatch/dist/esm/ast.js
// parse a single path portion
var _a;


const types = new Set(['!', '?', '+', '*', '@']);
const isExtglobType = (c) => types.has(c);
const isExtglobAST = (c) => isExtglobType(c.type);
// Map of which extglob types can adopt the children of a nested extglob
//
// anything but ! can adopt a matching type:
// +(a|+(b|c)|d) => +(a|b|c|d)
// *(a|*(b|c)|d) => *(a|b|c|d)
// @(a|@(b|c)|d) => @(a|b|c|d)
// ?(a|?(b|c)|d) => ?(a|b|c|d)
//
// * can adopt anything, because 0 or repetition is allowed
// *(a|?(b|c)|d) => *(a|b|c|d)
// *(a|+(b|c)|d) => *(a|b|c|d)
// *(a|@(b|c)|d) => *(a|b|c|d)
//
// + can adopt @, because 1 or repetition is allowed
// +(a|@(b|c)|d) => +(a|b|c|d)
//
// + and @ CANNOT adopt *, because 0 would be allowed
// +(a|*(b|c)|d) => would match "", on *(b|c)
// @(a|*(b|c)|d) => would match "", on *(b|c)
//
// + and @ CANNOT adopt ?, because 0 would be allowed
// +(a|?(b|c)|d) => would match "", on ?(b|c)
// @(a|?(b|c)|d) => would match "", on ?(b|c)
//
// ? can adopt @, because 0 or 1 is allowed
// ?(a|@(b|c)|d) => ?(a|b|c|d)
//
// ? and @ CANNOT adopt * or +, because >1 would be allowed
// ?(a|*(b|c)|d) => would match bbb on *(b|c)
// @(a|*(b|c)|d) => would match bbb on *(b|c)
// ?(a|+(b|c)|d) => would match bbb on +(b|c)
// @(a|+(b|c)|d) => would match bbb on +(b|c)
//
// ! CANNOT adopt ! (nothing else can either)
// !(a|!(b|c)|d) => !(a|b|c|d) would fail to match on b (not not b|c)
//
// ! can adopt @
// !(a|@(b|c)|d) => !(a|b|c|d)
//
// ! CANNOT adopt *
// !(a|*(b|c)|d) => !(a|b|c|d) would match on bbb, not allowed
//
// ! CANNOT adopt +
// !(a|+(b|c)|d) => !(a|b|c|d) would match on bbb, not allowed
//
// ! CANNOT adopt ?
// x!(a|?(b|c)|d) => x!(a|b|c|d) would fail to match "x"
const adoptionMap = new Map([
    ['!', ['@']],
    ['?', ['?', '@']],
    ['@', ['@']],
    ['*', ['*', '+', '?', '@']],
    ['+', ['+', '@']],
]);
// nested extglobs that can be adopted in, but with the addition of
// a blank '' element.
const adoptionWithSpaceMap = new Map([
    ['!', ['?']],
    ['@', ['?']],
    ['+', ['?', '*']],
]);
// union of the previous two maps
const adoptionAnyMap = new Map([
    ['!', ['?', '@']],
    ['?', ['?', '@']],
    ['@', ['?', '@']],
    ['*', ['*', '+', '?', '@']],
    ['+', ['+', '@', '?', '*']],
]);
// Extglobs that can take over their parent if they are the only child
// the key is parent, value maps child to resulting extglob parent type
// '@' is omitted because it's a special case. An `@` extglob with a single
// member can always be usurped by that subpattern.
const usurpMap = new Map([
    ['!', new Map([['!', '@']])],
    [
        '?',
        new Map([
            ['*', '*'],
            ['+', '*'],
        ]),
    ],
    [
        '@',
        new Map([
            ['!', '!'],
            ['?', '?'],
            ['@', '@'],
            ['*', '*'],
            ['+', '+'],
        ]),
    ],
    [
        '+',
        new Map([
            ['?', '*'],
            ['*', '*'],
        ]),
    ],
]);
// Patterns that get prepended to bind to the start of either the
// entire string, or just a single path portion, to prevent dots
// and/or traversal patterns, when needed.
// Exts don't need the ^ or / bit, because the root binds that already.
const startNoTraversal = '(?!(?:^|/)\\.\\.?(?:$|/))';
const startNoDot = '(?!\\.)';
// characters that indicate a start of pattern needs the "no dots" bit,
// because a dot *might* be matched. ( is not in the list, because in
// the case of a child extglob, it will handle the prevention itself.
const addPatternStart = new Set(['[', '.']);
// cases where traversal is A-OK, no dot prevention needed
const justDots = new Set(['..', '.']);
const reSpecials = new Set('().*{}+?[]^$\\!');
const regExpEscape = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, '\\$&');
// any single thing other than /
const qmark = '[^/]';
// * => any number of characters
const star = qmark + '*?';
// use + when we need to ensure that *something* matches, because the * is
// the only thing in the path portion.
const starNoEmpty = qmark + '+?';
// remove the \ chars that we added if we end up doing a nonmagic compare
// const deslash = (s: string) => s.replace(/\\(.)/g, '$1')
let ID = 0;
class AST {
    type;
    #root;
    #hasMagic;
    #uflag = false;
    #parts = [];
    #parent;
    #parentIndex;
    #negs;
    #filledNegs = false;
    #options;
    #toString;
    // set to true if it's an extglob with no children
    // (which really means one child of '')
    #emptyExt = false;
    id = ++ID;
    get depth() {
        return (this.#parent?.depth ?? -1) + 1;
    }
    [Symbol.for('nodejs.util.inspect.custom')]() {
        return {
            '@@type': 'AST',
            id: this.id,
            type: this.type,
            root: this.#root.id,
            parent: this.#parent?.id,
            depth: this.depth,
            partsLength: this.#parts.length,
            parts: this.#parts,
        };
    }
    constructor(type, parent, options = {}) {
        this.type = type;
        // extglobs are inherently magical
        if (type)
            this.#hasMagic = true;
        this.#parent = parent;
        this.#root = this.#parent ? this.#parent.#root : this;
        this.#options = this.#root === this ? options : this.#root.#options;
        this.#negs = this.#root === this ? [] : this.#root.#negs;
        if (type === '!' && !this.#root.#filledNegs)
            this.#negs.push(this);
        this.#parentIndex = this.#parent ? this.#parent.#parts.length : 0;
    }
    get hasMagic() {
        /* c8 ignore start */
        if (this.#hasMagic !== undefined)
            return this.#hasMagic;
        /* c8 ignore stop */
        for (const p of this.#parts) {
            if (typeof p === 'string')
                continue;
            if (p.type || p.hasMagic)
                return (this.#hasMagic = true);
        }
        // note: will be undefined until we generate the regexp src and find out
        return this.#hasMagic;
    }
    // reconstructs the pattern
    toString() {
        return (this.#toString !== undefined ? this.#toString
            : !this.type ?
                (this.#toString = this.#parts.map(p => String(p)).join(''))
                : (this.#toString =
                    this.type +
                        '(' +
                        this.#parts.map(p => String(p)).join('|') +
                        ')'));
    }
    #fillNegs() {
        /* c8 ignore start */
        if (this !== this.#root)
            throw new Error('should only call on root');
        if (this.#filledNegs)
            return this;
        /* c8 ignore stop */
        // call toString() once to fill this out
        this.toString();
        this.#filledNegs = true;
        let n;
        while ((n = this.#negs.pop())) {
            if (n.type !== '!')
                continue;
            // walk up the tree, appending everthing that comes AFTER parentIndex
            let p = n;
            let pp = p.#parent;
            while (pp) {
                for (let i = p.#parentIndex + 1; !pp.type && i < pp.#parts.length; i++) {
                    for (const part of n.#parts) {
                        /* c8 ignore start */
                        if (typeof part === 'string') {
                            throw new Error('string part in extglob AST??');
                        }
                        /* c8 ignore stop */
                        part.copyIn(pp.#parts[i]);
                    }
                }
                p = pp;
                pp = p.#parent;
            }
        }
        return this;
    }
    push(...parts) {
        for (const p of parts) {
            if (p === '')
                continue;
            /* c8 ignore start */
            if (typeof p !== 'string' &&
                !(p instanceof _a && p.#parent === this)) {
                throw new Error('invalid part: ' + p);
            }
            /* c8 ignore stop */
            this.#parts.push(p);
        }
    }
    toJSON() {
        const ret = this.type === null ?
            this.#parts
                .slice()
                .map(p => (typeof p === 'string' ? p : p.toJSON()))
            : [this.type, ...this.#parts.map(p => p.toJSON())];
        if (this.isStart() && !this.type)
            ret.unshift([]);
        if (this.isEnd() &&
            (this === this.#root ||
                (this.#root.#filledNegs && this.#parent?.type === '!'))) {
            ret.push({});
        }
        return ret;
    }
    isStart() {
        if (this.#root === this)
            return true;
        // if (this.type) return !!this.#parent?.isStart()
        if (!this.#parent?.isStart())
            return false;
        if (this.#parentIndex === 0)
            return true;
        // if everything AHEAD of this is a negation, then it's still the "start"
        const p = this.#parent;
        for (let i = 0; i < this.#parentIndex; i++) {
            const pp = p.#parts[i];
            if (!(pp instanceof _a && pp.type === '!')) {
                return false;
            }
        }
        return true;
    }
    isEnd() {
        if (this.#root === this)
            return true;
        if (this.#parent?.type === '!')
            return true;
        if (!this.#parent?.isEnd())
            return false;
        if (!this.type)
            return this.#parent?.isEnd();
        // if not root, it'll always have a parent
        /* c8 ignore start */
        const pl = this.#parent ? this.#parent.#parts.length : 0;
        /* c8 ignore stop */
        return this.#parentIndex === pl - 1;
    }
    copyIn(part) {
        if (typeof part === 'string')
            this.push(part);
        else
            this.push(part.clone(this));
    }
    clone(parent) {
        const c = new _a(this.type, parent);
        for (const p of this.#parts) {
            c.copyIn(p);
        }
        return c;
    }
    static #parseAST(str, ast, pos, opt, extDepth) {
        const maxDepth = opt.maxExtglobRecursion ?? 2;
        let escaping = false;
        let inBrace = false;
        let braceStart = -1;
        let braceNeg = false;
        if (ast.type === null) {
            // outside of a extglob, append until we find a start
            let i = pos;
            let acc = '';
            while (i < str.length) {
                const c = str.charAt(i++);
                // still accumulate escapes at this point, but we do ignore
                // starts that are escaped
                if (escaping || c === '\\') {
                    escaping = !escaping;
                    acc += c;
                    continue;
                }
                if (inBrace) {
                    if (i === braceStart + 1) {
                        if (c === '^' || c === '!') {
                            braceNeg = true;
                        }
                    }
                    else if (c === ']' && !(i === braceStart + 2 && braceNeg)) {
                        inBrace = false;
                    }
                    acc += c;
                    continue;
                }
                else if (c === '[') {
                    inBrace = true;
                    braceStart = i;
                    braceNeg = false;
                    acc += c;
                    continue;
                }
                // we don't have to check for adoption here, because that's
                // done at the other recursion point.
                const doRecurse = !opt.noext &&
                    isExtglobType(c) &&
                    str.charAt(i) === '(' &&
                    extDepth <= maxDepth;
                if (doRecurse) {
                    ast.push(acc);
                    acc = '';
                    const ext = new _a(c, ast);
                    i = _a.#parseAST(str, ext, i, opt, extDepth + 1);
                    ast.push(ext);
                    continue;
                }
                acc += c;
            }
            ast.push(acc);
            return i;
        }
        // some kind of extglob, pos is at the (
        // find the next | or )
        let i = pos + 1;
        let part = new _a(null, ast);
        const parts = [];
        let acc = '';
        while (i < str.length) {
            const c = str.charAt(i++);
            // still accumulate escapes at this point, but we do ignore
            // starts that are escaped
            if (escaping || c === '\\') {
                escaping = !escaping;
                acc += c;
                continue;
            }
            if (inBrace) {
                if (i === braceStart + 1) {
                    if (c === '^' || c === '!') {
                        braceNeg = true;
                    }
                }
                else if (c === ']' && !(i === braceStart + 2 && braceNeg)) {
                    inBrace = false;
                }
                acc += c;
                continue;
            }
            else if (c === '[') {
                inBrace = true;
                braceStart = i;
                braceNeg = false;
                acc += c;
                continue;
            }
            const doRecurse = !opt.noext &&
                isExtglobType(c) &&
                str.charAt(i) === '(' &&
                /* c8 ignore start - the maxDepth is sufficient here */
                (extDepth <= maxDepth || (ast && ast.#canAdoptType(c)));
            /* c8 ignore stop */
            if (doRecurse) {
                const depthAdd = ast && ast.#canAdoptType(c) ? 0 : 1;
                part.push(acc);
                acc = '';
                const ext = new _a(c, part);
                part.push(ext);
                i = _a.#parseAST(str, ext, i, opt, extDepth + depthAdd);
                continue;
            }
            if (c === '|') {
                part.push(acc);
                acc = '';
                parts.push(part);
                part = new _a(null, ast);
                continue;
            }
            if (c === ')') {
                if (acc === '' && ast.#parts.length === 0) {
                    ast.#emptyExt = true;
                }
                part.push(acc);
                acc = '';
                ast.push(...parts, part);
                return i;
            }
            acc += c;
        }
        // unfinished extglob
        // if we got here, it was a malformed extglob! not an extglob, but
        // maybe something else in there.
        ast.type = null;
        ast.#hasMagic = undefined;
        ast.#parts = [str.substring(pos - 1)];
        return i;
    }
    #canAdoptWithSpace(child) {
        return this.#canAdopt(child, adoptionWithSpaceMap);
    }
    #canAdopt(child, map = adoptionMap) {
        if (!child ||
            typeof child !== 'object' ||
            child.type !== null ||
            child.#parts.length !== 1 ||
            this.type === null) {
            return false;
        }
        const gc = child.#parts[0];
        if (!gc || typeof gc !== 'object' || gc.type === null) {
            return false;
        }
        return this.#canAdoptType(gc.type, map);
    }
    #canAdoptType(c, map = adoptionAnyMap) {
        return !!map.get(this.type)?.includes(c);
    }
    #adoptWithSpace(child, index) {
        const gc = child.#parts[0];
        const blank = new _a(null, gc, this.options);
        blank.#parts.push('');
        gc.push(blank);
        this.#adopt(child, index);
    }
    #adopt(child, index) {
        const gc = child.#parts[0];
        this.#parts.splice(index, 1, ...gc.#parts);
        for (const p of gc.#parts) {
            if (typeof p === 'object')
                p.#parent = this;
        }
        this.#toString = undefined;
    }
    #canUsurpType(c) {
        const m = usurpMap.get(this.type);
        return !!m?.has(c);
    }
    #canUsurp(child) {
        if (!child ||
            typeof child !== 'object' ||
            child.type !== null ||
            child.#parts.length !== 1 ||
            this.type === null ||
            this.#parts.length !== 1) {
            return false;
        }
        const gc = child.#parts[0];
        if (!gc || typeof gc !== 'object' || gc.type === null) {
            return false;
        }
        return this.#canUsurpType(gc.type);
    }
    #usurp(child) {
        const m = usurpMap.get(this.type);
        const gc = child.#parts[0];
        const nt = m?.get(gc.type);
        /* c8 ignore start - impossible */
        if (!nt)
            return false;
        /* c8 ignore stop */
        this.#parts = gc.#parts;
        for (const p of this.#parts) {
            if (typeof p === 'object') {
                p.#parent = this;
            }
        }
        this.type = nt;
        this.#toString = undefined;
        this.#emptyExt = false;
    }
    static fromGlob(pattern, options = {}) {
        const ast = new _a(null, undefined, options);
        _a.#parseAST(pattern, ast, 0, options, 0);
        return ast;
    }
    // returns the regular expression if there's magic, or the unescaped
    // string if not.
    toMMPattern() {
        // should only be called on root
        /* c8 ignore start */
        if (this !== this.#root)
            return this.#root.toMMPattern();
        /* c8 ignore stop */
        const glob = this.toString();
        const [re, body, hasMagic, uflag] = this.toRegExpSource();
        // if we're in nocase mode, and not nocaseMagicOnly, then we do
        // still need a regular expression if we have to case-insensitively
        // match capital/lowercase characters.
        const anyMagic = hasMagic ||
            this.#hasMagic ||
            (this.#options.nocase &&
                !this.#options.nocaseMagicOnly &&
                glob.toUpperCase() !== glob.toLowerCase());
        if (!anyMagic) {
            return body;
        }
        const flags = (this.#options.nocase ? 'i' : '') + (uflag ? 'u' : '');
        return Object.assign(new RegExp(`^${re}$`, flags), {
            _src: re,
            _glob: glob,
        });
    }
    get options() {
        return this.#options;
    }
    // returns the string match, the regexp source, whether there's magic
    // in the regexp (so a regular expression is required) and whether or
    // not the uflag is needed for the regular expression (for posix classes)
    // TODO: instead of injecting the start/end at this point, just return
    // the BODY of the regexp, along with the start/end portions suitable
    // for binding the start/end in either a joined full-path makeRe context
    // (where we bind to (^|/), or a standalone matchPart context (where
    // we bind to ^, and not /).  Otherwise slashes get duped!
    //
    // In part-matching mode, the start is:
    // - if not isStart: nothing
    // - if traversal possible, but not allowed: ^(?!\.\.?$)
    // - if dots allowed or not possible: ^
    // - if dots possible and not allowed: ^(?!\.)
    // end is:
    // - if not isEnd(): nothing
    // - else: $
    //
    // In full-path matching mode, we put the slash at the START of the
    // pattern, so start is:
    // - if first pattern: same as part-matching mode
    // - if not isStart(): nothing
    // - if traversal possible, but not allowed: /(?!\.\.?(?:$|/))
    // - if dots allowed or not possible: /
    // - if dots possible and not allowed: /(?!\.)
    // end is:
    // - if last pattern, same as part-matching mode
    // - else nothing
    //
    // Always put the (?:$|/) on negated tails, though, because that has to be
    // there to bind the end of the negated pattern portion, and it's easier to
    // just stick it in now rather than try to inject it later in the middle of
    // the pattern.
    //
    // We can just always return the same end, and leave it up to the caller
    // to know whether it's going to be used joined or in parts.
    // And, if the start is adjusted slightly, can do the same there:
    // - if not isStart: nothing
    // - if traversal possible, but not allowed: (?:/|^)(?!\.\.?$)
    // - if dots allowed or not possible: (?:/|^)
    // - if dots possible and not allowed: (?:/|^)(?!\.)
    //
    // But it's better to have a simpler binding without a conditional, for
    // performance, so probably better to return both start options.
    //
    // Then the caller just ignores the end if it's not the first pattern,
    // and the start always gets applied.
    //
    // But that's always going to be $ if it's the ending pattern, or nothing,
    // so the caller can just attach $ at the end of the pattern when building.
    //
    // So the todo is:
    // - better detect what kind of start is needed
    // - return both flavors of starting pattern
    // - attach $ at the end of the pattern when creating the actual RegExp
    //
    // Ah, but wait, no, that all only applies to the root when the first pattern
    // is not an extglob. If the first pattern IS an extglob, then we need all
    // that dot prevention biz to live in the extglob portions, because eg
    // +(*|.x*) can match .xy but not .yx.
    //
    // So, return the two flavors if it's #root and the first child is not an
    // AST, otherwise leave it to the child AST to handle it, and there,
    // use the (?:^|/) style of start binding.
    //
    // Even simplified further:
    // - Since the start for a join is eg /(?!\.) and the start for a part
    // is ^(?!\.), we can just prepend (?!\.) to the pattern (either root
    // or start or whatever) and prepend ^ or / at the Regexp construction.
    toRegExpSource(allowDot) {
        const dot = allowDot ?? !!this.#options.dot;
        if (this.#root === this) {
            this.#flatten();
            this.#fillNegs();
        }
        if (!isExtglobAST(this)) {
            const noEmpty = this.isStart() &&
                this.isEnd() &&
                !this.#parts.some(s => typeof s !== 'string');
            const src = this.#parts
                .map(p => {
                const [re, _, hasMagic, uflag] = typeof p === 'string' ?
                    _a.#parseGlob(p, this.#hasMagic, noEmpty)
                    : p.toRegExpSource(allowDot);
                this.#hasMagic = this.#hasMagic || hasMagic;
                this.#uflag = this.#uflag || uflag;
                return re;
            })
                .join('');
            let start = '';
            if (this.isStart()) {
                if (typeof this.#parts[0] === 'string') {
                    // this is the string that will match the start of the pattern,
                    // so we need to protect against dots and such.
                    // '.' and '..' cannot match unless the pattern is that exactly,
                    // even if it starts with . or dot:true is set.
                    const dotTravAllowed = this.#parts.length === 1 && justDots.has(this.#parts[0]);
                    if (!dotTravAllowed) {
                        const aps = addPatternStart;
                        // check if we have a possibility of matching . or ..,
                        // and prevent that.
                        const needNoTrav = 
                        // dots are allowed, and the pattern starts with [ or .
                        (dot && aps.has(src.charAt(0))) ||
                            // the pattern starts with \., and then [ or .
                            (src.startsWith('\\.') && aps.has(src.charAt(2))) ||
                            // the pattern starts with \.\., and then [ or .
                            (src.startsWith('\\.\\.') && aps.has(src.charAt(4)));
                        // no need to prevent dots if it can't match a dot, or if a
                        // sub-pattern will be preventing it anyway.
                        const needNoDot = !dot && !allowDot && aps.has(src.charAt(0));
                        start =
                            needNoTrav ? startNoTraversal
                                : needNoDot ? startNoDot
                                    : '';
                    }
                }
            }
            // append the "end of path portion" pattern to negation tails
            let end = '';
            if (this.isEnd() &&
                this.#root.#filledNegs &&
                this.#parent?.type === '!') {
                end = '(?:$|\\/)';
            }
            const final = start + src + end;
            return [
                final,
                unescape_unescape(src),
                (this.#hasMagic = !!this.#hasMagic),
                this.#uflag,
            ];
        }
        // We need to calculate the body *twice* if it's a repeat pattern
        // at the start, once in nodot mode, then again in dot mode, so a
        // pattern like *(?) can match 'x.y'
        const repeated = this.type === '*' || this.type === '+';
        // some kind of extglob
        const start = this.type === '!' ? '(?:(?!(?:' : '(?:';
        let body = this.#partsToRegExp(dot);
        if (this.isStart() && this.isEnd() && !body && this.type !== '!') {
            // invalid extglob, has to at least be *something* present, if it's
            // the entire path portion.
            const s = this.toString();
            const me = this;
            me.#parts = [s];
            me.type = null;
            me.#hasMagic = undefined;
            return [s, unescape_unescape(this.toString()), false, false];
        }
        let bodyDotAllowed = !repeated || allowDot || dot || !startNoDot ?
            ''
            : this.#partsToRegExp(true);
        if (bodyDotAllowed === body) {
            bodyDotAllowed = '';
        }
        if (bodyDotAllowed) {
            body = `(?:${body})(?:${bodyDotAllowed})*?`;
        }
        // an empty !() is exactly equivalent to a starNoEmpty
        let final = '';
        if (this.type === '!' && this.#emptyExt) {
            final = (this.isStart() && !dot ? startNoDot : '') + starNoEmpty;
        }
        else {
            const close = this.type === '!' ?
                // !() must match something,but !(x) can match ''
                '))' +
                    (this.isStart() && !dot && !allowDot ? startNoDot : '') +
                    star +
                    ')'
                : this.type === '@' ? ')'
                    : this.type === '?' ? ')?'
                        : this.type === '+' && bodyDotAllowed ? ')'
                            : this.type === '*' && bodyDotAllowed ? `)?`
                                : `)${this.type}`;
            final = start + body + close;
        }
        return [
            final,
            unescape_unescape(body),
            (this.#hasMagic = !!this.#hasMagic),
            this.#uflag,
        ];
    }
    #flatten() {
        if (!isExtglobAST(this)) {
            for (const p of this.#parts) {
                if (typeof p === 'object') {
                    p.#flatten();
                }
            }
        }
        else {
            // do up to 10 passes to flatten as much as possible
            let iterations = 0;
            let done = false;
            do {
                done = true;
                for (let i = 0; i < this.#parts.length; i++) {
                    const c = this.#parts[i];
                    if (typeof c === 'object') {
                        c.#flatten();
                        if (this.#canAdopt(c)) {
                            done = false;
                            this.#adopt(c, i);
                        }
                        else if (this.#canAdoptWithSpace(c)) {
                            done = false;
                            this.#adoptWithSpace(c, i);
                        }
                        else if (this.#canUsurp(c)) {
                            done = false;
                            this.#usurp(c);
                        }
                    }
                }
            } while (!done && ++iterations < 10);
        }
        this.#toString = undefined;
    }
    #partsToRegExp(dot) {
        return this.#parts
            .map(p => {
            // extglob ASTs should only contain parent ASTs
            /* c8 ignore start */
            if (typeof p === 'string') {
                throw new Error('string type in extglob ast??');
            }
            /* c8 ignore stop */
            // can ignore hasMagic, because extglobs are already always magic
            const [re, _, _hasMagic, uflag] = p.toRegExpSource(dot);
            this.#uflag = this.#uflag || uflag;
            return re;
        })
            .filter(p => !(this.isStart() && this.isEnd()) || !!p)
            .join('|');
    }
    static #parseGlob(glob, hasMagic, noEmpty = false) {
        let escaping = false;
        let re = '';
        let uflag = false;
        // multiple stars that aren't globstars coalesce into one *
        let inStar = false;
        for (let i = 0; i < glob.length; i++) {
            const c = glob.charAt(i);
            if (escaping) {
                escaping = false;
                re += (reSpecials.has(c) ? '\\' : '') + c;
                continue;
            }
            if (c === '*') {
                if (inStar)
                    continue;
                inStar = true;
                re += noEmpty && /^[*]+$/.test(glob) ? starNoEmpty : star;
                hasMagic = true;
                continue;
            }
            else {
                inStar = false;
            }
            if (c === '\\') {
                if (i === glob.length - 1) {
                    re += '\\\\';
                }
                else {
                    escaping = true;
                }
                continue;
            }
            if (c === '[') {
                const [src, needUflag, consumed, magic] = parseClass(glob, i);
                if (consumed) {
                    re += src;
                    uflag = uflag || needUflag;
                    i += consumed - 1;
                    hasMagic = hasMagic || magic;
                    continue;
                }
            }
            if (c === '?') {
                re += qmark;
                hasMagic = true;
                continue;
            }
            re += regExpEscape(c);
        }
        return [re, unescape_unescape(glob), !!hasMagic, uflag];
    }
}
_a = AST;
//# sourceMappingURL=ast.js.map
;// CONCATENATED MODULE: ./node_modules/minimatch/dist/esm/escape.js
/**
 * Escape all magic characters in a glob pattern.
 *
 * If the {@link MinimatchOptions.windowsPathsNoEscape}
 * option is used, then characters are escaped by wrapping in `[]`, because
 * a magic character wrapped in a character class can only be satisfied by
 * that exact character.  In this mode, `\` is _not_ escaped, because it is
 * not interpreted as a magic character, but instead as a path separator.
 *
 * If the {@link MinimatchOptions.magicalBraces} option is used,
 * then braces (`{` and `}`) will be escaped.
 */
const escape_escape = (s, { windowsPathsNoEscape = false, magicalBraces = false, } = {}) => {
    // don't need to escape +@! because we escape the parens
    // that make those magic, and escaping ! as [!] isn't valid,
    // because [!]] is a valid glob class meaning not ']'.
    if (magicalBraces) {
        return windowsPathsNoEscape ?
            s.replace(/[?*()[\]{}]/g, '[$&]')
            : s.replace(/[?*()[\]\\{}]/g, '\\$&');
    }
    return windowsPathsNoEscape ?
        s.replace(/[?*()[\]]/g, '[$&]')
        : s.replace(/[?*()[\]\\]/g, '\\$&');
};
//# sourceMappingURL=escape.js.map
;// CONCATENATED MODULE: ./node_modules/minimatch/dist/esm/index.js





const minimatch = (p, pattern, options = {}) => {
    assertValidPattern(pattern);
    // shortcut: comments match nothing.
    if (!options.nocomment && pattern.charAt(0) === '#') {
        return false;
    }
    return new Minimatch(pattern, options).match(p);
};
// Optimized checking for the most common glob patterns.
const starDotExtRE = /^\*+([^+@!?*[(]*)$/;
const starDotExtTest = (ext) => (f) => !f.startsWith('.') && f.endsWith(ext);
const starDotExtTestDot = (ext) => (f) => f.endsWith(ext);
const starDotExtTestNocase = (ext) => {
    ext = ext.toLowerCase();
    return (f) => !f.startsWith('.') && f.toLowerCase().endsWith(ext);
};
const starDotExtTestNocaseDot = (ext) => {
    ext = ext.toLowerCase();
    return (f) => f.toLowerCase().endsWith(ext);
};
const starDotStarRE = /^\*+\.\*+$/;
const starDotStarTest = (f) => !f.startsWith('.') && f.includes('.');
const starDotStarTestDot = (f) => f !== '.' && f !== '..' && f.includes('.');
const dotStarRE = /^\.\*+$/;
const dotStarTest = (f) => f !== '.' && f !== '..' && f.startsWith('.');
const starRE = /^\*+$/;
const starTest = (f) => f.length !== 0 && !f.startsWith('.');
const starTestDot = (f) => f.length !== 0 && f !== '.' && f !== '..';
const qmarksRE = /^\?+([^+@!?*[(]*)?$/;
const qmarksTestNocase = ([$0, ext = '']) => {
    const noext = qmarksTestNoExt([$0]);
    if (!ext)
        return noext;
    ext = ext.toLowerCase();
    return (f) => noext(f) && f.toLowerCase().endsWith(ext);
};
const qmarksTestNocaseDot = ([$0, ext = '']) => {
    const noext = qmarksTestNoExtDot([$0]);
    if (!ext)
        return noext;
    ext = ext.toLowerCase();
    return (f) => noext(f) && f.toLowerCase().endsWith(ext);
};
const qmarksTestDot = ([$0, ext = '']) => {
    const noext = qmarksTestNoExtDot([$0]);
    return !ext ? noext : (f) => noext(f) && f.endsWith(ext);
};
const qmarksTest = ([$0, ext = '']) => {
    const noext = qmarksTestNoExt([$0]);
    return !ext ? noext : (f) => noext(f) && f.endsWith(ext);
};
const qmarksTestNoExt = ([$0]) => {
    const len = $0.length;
    return (f) => f.length === len && !f.startsWith('.');
};
const qmarksTestNoExtDot = ([$0]) => {
    const len = $0.length;
    return (f) => f.length === len && f !== '.' && f !== '..';
};
/* c8 ignore start */
const defaultPlatform = (typeof process === 'object' && process ?
    (typeof process.env === 'object' &&
        process.env &&
        process.env.__MINIMATCH_TESTING_PLATFORM__) ||
        process.platform
    : 'posix');
const esm_path = {
    win32: { sep: '\\' },
    posix: { sep: '/' },
};
/* c8 ignore stop */
const esm_sep = defaultPlatform === 'win32' ? esm_path.win32.sep : esm_path.posix.sep;
minimatch.sep = esm_sep;
const GLOBSTAR = Symbol('globstar **');
minimatch.GLOBSTAR = GLOBSTAR;
// any single thing other than /
// don't need to escape / when using new RegExp()
const esm_qmark = '[^/]';
// * => any number of characters
const esm_star = esm_qmark + '*?';
// ** when dots are allowed.  Anything goes, except .. and .
// not (^ or / followed by one or two dots followed by $ or /),
// followed by anything, any number of times.
const twoStarDot = '(?:(?!(?:\\/|^)(?:\\.{1,2})($|\\/)).)*?';
// not a ^ or / followed by a dot,
// followed by anything, any number of times.
const twoStarNoDot = '(?:(?!(?:\\/|^)\\.).)*?';
const filter = (pattern, options = {}) => (p) => minimatch(p, pattern, options);
minimatch.filter = filter;
const ext = (a, b = {}) => Object.assign({}, a, b);
const esm_defaults = (def) => {
    if (!def || typeof def !== 'object' || !Object.keys(def).length) {
        return minimatch;
    }
    const orig = minimatch;
    const m = (p, pattern, options = {}) => orig(p, pattern, ext(def, options));
    return Object.assign(m, {
        Minimatch: class Minimatch extends orig.Minimatch {
            constructor(pattern, options = {}) {
                super(pattern, ext(def, options));
            }
            static defaults(options) {
                return orig.defaults(ext(def, options)).Minimatch;
            }
        },
        AST: class AST extends orig.AST {
            /* c8 ignore start */
            constructor(type, parent, options = {}) {
                super(type, parent, ext(def, options));
            }
            /* c8 ignore stop */
            static fromGlob(pattern, options = {}) {
                return orig.AST.fromGlob(pattern, ext(def, options));
            }
        },
        unescape: (s, options = {}) => orig.unescape(s, ext(def, options)),
        escape: (s, options = {}) => orig.escape(s, ext(def, options)),
        filter: (pattern, options = {}) => orig.filter(pattern, ext(def, options)),
        defaults: (options) => orig.defaults(ext(def, options)),
        makeRe: (pattern, options = {}) => orig.makeRe(pattern, ext(def, options)),
        braceExpand: (pattern, options = {}) => orig.braceExpand(pattern, ext(def, options)),
        match: (list, pattern, options = {}) => orig.match(list, pattern, ext(def, options)),
        sep: orig.sep,
        GLOBSTAR: GLOBSTAR,
    });
};
minimatch.defaults = esm_defaults;
// Brace expansion:
// a{b,c}d -> abd acd
// a{b,}c -> abc ac
// a{0..3}d -> a0d a1d a2d a3d
// a{b,c{d,e}f}g -> abg acdfg acefg
// a{b,c}d{e,f}g -> abdeg acdeg abdeg abdfg
//
// Invalid sets are not expanded.
// a{2..}b -> a{2..}b
// a{b}c -> a{b}c
const braceExpand = (pattern, options = {}) => {
    assertValidPattern(pattern);
    // Thanks to Yeting Li <https://github.com/yetingli> for
    // improving this regexp to avoid a ReDOS vulnerability.
    if (options.nobrace || !/\{(?:(?!\{).)*\}/.test(pattern)) {
        // shortcut. no need to expand.
        return [pattern];
    }
    return expand(pattern, { max: options.braceExpandMax });
};
minimatch.braceExpand = braceExpand;
// parse a component of the expanded set.
// At this point, no pattern may contain "/" in it
// so we're going to return a 2d array, where each entry is the full
// pattern, split on '/', and then turned into a regular expression.
// A regexp is made at the end which joins each array with an
// escaped /, and another full one which joins each regexp with |.
//
// Following the lead of Bash 4.1, note that "**" only has special meaning
// when it is the *only* thing in a path portion.  Otherwise, any series
// of * is equivalent to a single *.  Globstar behavior is enabled by
// default, and can be disabled by setting options.noglobstar.
const makeRe = (pattern, options = {}) => new Minimatch(pattern, options).makeRe();
minimatch.makeRe = makeRe;
const match = (list, pattern, options = {}) => {
    const mm = new Minimatch(pattern, options);
    list = list.filter(f => mm.match(f));
    if (mm.options.nonull && !list.length) {
        list.push(pattern);
    }
    return list;
};
minimatch.match = match;
// replace stuff like \* with *
const globMagic = /[?*]|[+@!]\(.*?\)|\[|\]/;
const esm_regExpEscape = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, '\\$&');
class Minimatch {
    options;
    set;
    pattern;
    windowsPathsNoEscape;
    nonegate;
    negate;
    comment;
    empty;
    preserveMultipleSlashes;
    partial;
    globSet;
    globParts;
    nocase;
    isWindows;
    platform;
    windowsNoMagicRoot;
    maxGlobstarRecursion;
    regexp;
    constructor(pattern, options = {}) {
        assertValidPattern(pattern);
        options = options || {};
        this.options = options;
        this.maxGlobstarRecursion = options.maxGlobstarRecursion ?? 200;
        this.pattern = pattern;
        this.platform = options.platform || defaultPlatform;
        this.isWindows = this.platform === 'win32';
        // avoid the annoying deprecation flag lol
        const awe = ('allowWindow' + 'sEscape');
        this.windowsPathsNoEscape =
            !!options.windowsPathsNoEscape || options[awe] === false;
        if (this.windowsPathsNoEscape) {
            this.pattern = this.pattern.replace(/\\/g, '/');
        }
        this.preserveMultipleSlashes = !!options.preserveMultipleSlashes;
        this.regexp = null;
        this.negate = false;
        this.nonegate = !!options.nonegate;
        this.comment = false;
        this.empty = false;
        this.partial = !!options.partial;
        this.nocase = !!this.options.nocase;
        this.windowsNoMagicRoot =
            options.windowsNoMagicRoot !== undefined ?
                options.windowsNoMagicRoot
                : !!(this.isWindows && this.nocase);
        this.globSet = [];
        this.globParts = [];
        this.set = [];
        // make the set of regexps etc.
        this.make();
    }
    hasMagic() {
        if (this.options.magicalBraces && this.set.length > 1) {
            return true;
        }
        for (const pattern of this.set) {
            for (const part of pattern) {
                if (typeof part !== 'string')
                    return true;
            }
        }
        return false;
    }
    debug(..._) { }
    make() {
        const pattern = this.pattern;
        const options = this.options;
        // empty patterns and comments match nothing.
        if (!options.nocomment && pattern.charAt(0) === '#') {
            this.comment = true;
            return;
        }
        if (!pattern) {
            this.empty = true;
            return;
        }
        // step 1: figure out negation, etc.
        this.parseNegate();
        // step 2: expand braces
        this.globSet = [...new Set(this.braceExpand())];
        if (options.debug) {
            //oxlint-disable-next-line no-console
            this.debug = (...args) => console.error(...args);
        }
        this.debug(this.pattern, this.globSet);
        // step 3: now we have a set, so turn each one into a series of
        // path-portion matching patterns.
        // These will be regexps, except in the case of "**", which is
        // set to the GLOBSTAR object for globstar behavior,
        // and will not contain any / characters
        //
        // First, we preprocess to make the glob pattern sets a bit simpler
        // and deduped.  There are some perf-killing patterns that can cause
        // problems with a glob walk, but we can simplify them down a bit.
        const rawGlobParts = this.globSet.map(s => this.slashSplit(s));
        this.globParts = this.preprocess(rawGlobParts);
        this.debug(this.pattern, this.globParts);
        // glob --> regexps
        let set = this.globParts.map((s, _, __) => {
            if (this.isWindows && this.windowsNoMagicRoot) {
                // check if it's a drive or unc path.
                const isUNC = s[0] === '' &&
                    s[1] === '' &&
                    (s[2] === '?' || !globMagic.test(s[2])) &&
                    !globMagic.test(s[3]);
                const isDrive = /^[a-z]:/i.test(s[0]);
                if (isUNC) {
                    return [
                        ...s.slice(0, 4),
                        ...s.slice(4).map(ss => this.parse(ss)),
                    ];
                }
                else if (isDrive) {
                    return [s[0], ...s.slice(1).map(ss => this.parse(ss))];
                }
            }
            return s.map(ss => this.parse(ss));
        });
        this.debug(this.pattern, set);
        // filter out everything that didn't compile properly.
        this.set = set.filter(s => s.indexOf(false) === -1);
        // do not treat the ? in UNC paths as magic
        if (this.isWindows) {
            for (let i = 0; i < this.set.length; i++) {
                const p = this.set[i];
                if (p[0] === '' &&
                    p[1] === '' &&
                    this.globParts[i][2] === '?' &&
                    typeof p[3] === 'string' &&
                    /^[a-z]:$/i.test(p[3])) {
                    p[2] = '?';
                }
            }
        }
        this.debug(this.pattern, this.set);
    }
    // various transforms to equivalent pattern sets that are
    // faster to process in a filesystem walk.  The goal is to
    // eliminate what we can, and push all ** patterns as far
    // to the right as possible, even if it increases the number
    // of patterns that we have to process.
    preprocess(globParts) {
        // if we're not in globstar mode, then turn ** into *
        if (this.options.noglobstar) {
            for (const partset of globParts) {
                for (let j = 0; j < partset.length; j++) {
                    if (partset[j] === '**') {
                        partset[j] = '*';
                    }
                }
            }
        }
        const { optimizationLevel = 1 } = this.options;
        if (optimizationLevel >= 2) {
            // aggressive optimization for the purpose of fs walking
            globParts = this.firstPhasePreProcess(globParts);
            globParts = this.secondPhasePreProcess(globParts);
        }
        else if (optimizationLevel >= 1) {
            // just basic optimizations to remove some .. parts
            globParts = this.levelOneOptimize(globParts);
        }
        else {
            // just collapse multiple ** portions into one
            globParts = this.adjascentGlobstarOptimize(globParts);
        }
        return globParts;
    }
    // just get rid of adjascent ** portions
    adjascentGlobstarOptimize(globParts) {
        return globParts.map(parts => {
            let gs = -1;
            while (-1 !== (gs = parts.indexOf('**', gs + 1))) {
                let i = gs;
                while (parts[i + 1] === '**') {
                    i++;
                }
                if (i !== gs) {
                    parts.splice(gs, i - gs);
                }
            }
            return parts;
        });
    }
    // get rid of adjascent ** and resolve .. portions
    levelOneOptimize(globParts) {
        return globParts.map(parts => {
            parts = parts.reduce((set, part) => {
                const prev = set[set.length - 1];
                if (part === '**' && prev === '**') {
                    return set;
                }
                if (part === '..') {
                    if (prev && prev !== '..' && prev !== '.' && prev !== '**') {
                        set.pop();
                        return set;
                    }
                }
                set.push(part);
                return set;
            }, []);
            return parts.length === 0 ? [''] : parts;
        });
    }
    levelTwoFileOptimize(parts) {
        if (!Array.isArray(parts)) {
            parts = this.slashSplit(parts);
        }
        let didSomething = false;
        do {
            didSomething = false;
            // <pre>/<e>/<rest> -> <pre>/<rest>
            if (!this.preserveMultipleSlashes) {
                for (let i = 1; i < parts.length - 1; i++) {
                    const p = parts[i];
                    // don't squeeze out UNC patterns
                    if (i === 1 && p === '' && parts[0] === '')
                        continue;
                    if (p === '.' || p === '') {
                        didSomething = true;
                        parts.splice(i, 1);
                        i--;
                    }
                }
                if (parts[0] === '.' &&
                    parts.length === 2 &&
                    (parts[1] === '.' || parts[1] === '')) {
                    didSomething = true;
                    parts.pop();
                }
            }
            // <pre>/<p>/../<rest> -> <pre>/<rest>
            let dd = 0;
            while (-1 !== (dd = parts.indexOf('..', dd + 1))) {
                const p = parts[dd - 1];
                if (p &&
                    p !== '.' &&
                    p !== '..' &&
                    p !== '**' &&
                    !(this.isWindows && /^[a-z]:$/i.test(p))) {
                    didSomething = true;
                    parts.splice(dd - 1, 2);
                    dd -= 2;
                }
            }
        } while (didSomething);
        return parts.length === 0 ? [''] : parts;
    }
    // First phase: single-pattern processing
    // <pre> is 1 or more portions
    // <rest> is 1 or more portions
    // <p> is any portion other than ., .., '', or **
    // <e> is . or ''
    //
    // **/.. is *brutal* for filesystem walking performance, because
    // it effectively resets the recursive walk each time it occurs,
    // and ** cannot be reduced out by a .. pattern part like a regexp
    // or most strings (other than .., ., and '') can be.
    //
    // <pre>/**/../<p>/<p>/<rest> -> {<pre>/../<p>/<p>/<rest>,<pre>/**/<p>/<p>/<rest>}
    // <pre>/<e>/<rest> -> <pre>/<rest>
    // <pre>/<p>/../<rest> -> <pre>/<rest>
    // **/**/<rest> -> **/<rest>
    //
    // **/*/<rest> -> */**/<rest> <== not valid because ** doesn't follow
    // this WOULD be allowed if ** did follow symlinks, or * didn't
    firstPhasePreProcess(globParts) {
        let didSomething = false;
        do {
            didSomething = false;
            // <pre>/**/../<p>/<p>/<rest> -> {<pre>/../<p>/<p>/<rest>,<pre>/**/<p>/<p>/<rest>}
            for (let parts of globParts) {
                let gs = -1;
                while (-1 !== (gs = parts.indexOf('**', gs + 1))) {
                    let gss = gs;
                    while (parts[gss + 1] === '**') {
                        // <pre>/**/**/<rest> -> <pre>/**/<rest>
                        gss++;
                    }
                    // eg, if gs is 2 and gss is 4, that means we have 3 **
                    // parts, and can remove 2 of them.
                    if (gss > gs) {
                        parts.splice(gs + 1, gss - gs);
                    }
                    let next = parts[gs + 1];
                    const p = parts[gs + 2];
                    const p2 = parts[gs + 3];
                    if (next !== '..')
                        continue;
                    if (!p ||
                        p === '.' ||
                        p === '..' ||
                        !p2 ||
                        p2 === '.' ||
                        p2 === '..') {
                        continue;
                    }
                    didSomething = true;
                    // edit parts in place, and push the new one
                    parts.splice(gs, 1);
                    const other = parts.slice(0);
                    other[gs] = '**';
                    globParts.push(other);
                    gs--;
                }
                // <pre>/<e>/<rest> -> <pre>/<rest>
                if (!this.preserveMultipleSlashes) {
                    for (let i = 1; i < parts.length - 1; i++) {
                        const p = parts[i];
                        // don't squeeze out UNC patterns
                        if (i === 1 && p === '' && parts[0] === '')
                            continue;
                        if (p === '.' || p === '') {
                            didSomething = true;
                            parts.splice(i, 1);
                            i--;
                        }
                    }
                    if (parts[0] === '.' &&
                        parts.length === 2 &&
                        (parts[1] === '.' || parts[1] === '')) {
                        didSomething = true;
                        parts.pop();
                    }
                }
                // <pre>/<p>/../<rest> -> <pre>/<rest>
                let dd = 0;
                while (-1 !== (dd = parts.indexOf('..', dd + 1))) {
                    const p = parts[dd - 1];
                    if (p && p !== '.' && p !== '..' && p !== '**') {
                        didSomething = true;
                        const needDot = dd === 1 && parts[dd + 1] === '**';
                        const splin = needDot ? ['.'] : [];
                        parts.splice(dd - 1, 2, ...splin);
                        if (parts.length === 0)
                            parts.push('');
                        dd -= 2;
                    }
                }
            }
        } while (didSomething);
        return globParts;
    }
    // second phase: multi-pattern dedupes
    // {<pre>/*/<rest>,<pre>/<p>/<rest>} -> <pre>/*/<rest>
    // {<pre>/<rest>,<pre>/<rest>} -> <pre>/<rest>
    // {<pre>/**/<rest>,<pre>/<rest>} -> <pre>/**/<rest>
    //
    // {<pre>/**/<rest>,<pre>/**/<p>/<rest>} -> <pre>/**/<rest>
    // ^-- not valid because ** doens't follow symlinks
    secondPhasePreProcess(globParts) {
        for (let i = 0; i < globParts.length - 1; i++) {
            for (let j = i + 1; j < globParts.length; j++) {
                const matched = this.partsMatch(globParts[i], globParts[j], !this.preserveMultipleSlashes);
                if (matched) {
                    globParts[i] = [];
                    globParts[j] = matched;
                    break;
                }
            }
        }
        return globParts.filter(gs => gs.length);
    }
    partsMatch(a, b, emptyGSMatch = false) {
        let ai = 0;
        let bi = 0;
        let result = [];
        let which = '';
        while (ai < a.length && bi < b.length) {
            if (a[ai] === b[bi]) {
                result.push(which === 'b' ? b[bi] : a[ai]);
                ai++;
                bi++;
            }
            else if (emptyGSMatch && a[ai] === '**' && b[bi] === a[ai + 1]) {
                result.push(a[ai]);
                ai++;
            }
            else if (emptyGSMatch && b[bi] === '**' && a[ai] === b[bi + 1]) {
                result.push(b[bi]);
                bi++;
            }
            else if (a[ai] === '*' &&
                b[bi] &&
                (this.options.dot || !b[bi].startsWith('.')) &&
                b[bi] !== '**') {
                if (which === 'b')
                    return false;
                which = 'a';
                result.push(a[ai]);
                ai++;
                bi++;
            }
            else if (b[bi] === '*' &&
                a[ai] &&
                (this.options.dot || !a[ai].startsWith('.')) &&
                a[ai] !== '**') {
                if (which === 'a')
                    return false;
                which = 'b';
                result.push(b[bi]);
                ai++;
                bi++;
            }
            else {
                return false;
            }
        }
        // if we fall out of the loop, it means they two are identical
        // as long as their lengths match
        return a.length === b.length && result;
    }
    parseNegate() {
        if (this.nonegate)
            return;
        const pattern = this.pattern;
        let negate = false;
        let negateOffset = 0;
        for (let i = 0; i < pattern.length && pattern.charAt(i) === '!'; i++) {
            negate = !negate;
            negateOffset++;
        }
        if (negateOffset)
            this.pattern = pattern.slice(negateOffset);
        this.negate = negate;
    }
    // set partial to true to test if, for example,
    // "/a/b" matches the start of "/*/b/*/d"
    // Partial means, if you run out of file before you run
    // out of pattern, then that's fine, as long as all
    // the parts match.
    matchOne(file, pattern, partial = false) {
        let fileStartIndex = 0;
        let patternStartIndex = 0;
        // UNC paths like //?/X:/... can match X:/... and vice versa
        // Drive letters in absolute drive or unc paths are always compared
        // case-insensitively.
        if (this.isWindows) {
            const fileDrive = typeof file[0] === 'string' && /^[a-z]:$/i.test(file[0]);
            const fileUNC = !fileDrive &&
                file[0] === '' &&
                file[1] === '' &&
                file[2] === '?' &&
                /^[a-z]:$/i.test(file[3]);
            const patternDrive = typeof pattern[0] === 'string' && /^[a-z]:$/i.test(pattern[0]);
            const patternUNC = !patternDrive &&
                pattern[0] === '' &&
                pattern[1] === '' &&
                pattern[2] === '?' &&
                typeof pattern[3] === 'string' &&
                /^[a-z]:$/i.test(pattern[3]);
            const fdi = fileUNC ? 3
                : fileDrive ? 0
                    : undefined;
            const pdi = patternUNC ? 3
                : patternDrive ? 0
                    : undefined;
            if (typeof fdi === 'number' && typeof pdi === 'number') {
                const [fd, pd] = [
                    file[fdi],
                    pattern[pdi],
                ];
                // start matching at the drive letter index of each
                if (fd.toLowerCase() === pd.toLowerCase()) {
                    pattern[pdi] = fd;
                    patternStartIndex = pdi;
                    fileStartIndex = fdi;
                }
            }
        }
        // resolve and reduce . and .. portions in the file as well.
        // don't need to do the second phase, because it's only one string[]
        const { optimizationLevel = 1 } = this.options;
        if (optimizationLevel >= 2) {
            file = this.levelTwoFileOptimize(file);
        }
        if (pattern.includes(GLOBSTAR)) {
            return this.#matchGlobstar(file, pattern, partial, fileStartIndex, patternStartIndex);
        }
        return this.#matchOne(file, pattern, partial, fileStartIndex, patternStartIndex);
    }
    #matchGlobstar(file, pattern, partial, fileIndex, patternIndex) {
        // split the pattern into head, tail, and middle of ** delimited parts
        const firstgs = pattern.indexOf(GLOBSTAR, patternIndex);
        const lastgs = pattern.lastIndexOf(GLOBSTAR);
        // split the pattern up into globstar-delimited sections
        // the tail has to be at the end, and the others just have
        // to be found in order from the head.
        const [head, body, tail] = partial ?
            [
                pattern.slice(patternIndex, firstgs),
                pattern.slice(firstgs + 1),
                [],
            ]
            : [
                pattern.slice(patternIndex, firstgs),
                pattern.slice(firstgs + 1, lastgs),
                pattern.slice(lastgs + 1),
            ];
        // check the head, from the current file/pattern index.
        if (head.length) {
            const fileHead = file.slice(fileIndex, fileIndex + head.length);
            if (!this.#matchOne(fileHead, head, partial, 0, 0)) {
                return false;
            }
            fileIndex += head.length;
            patternIndex += head.length;
        }
        // now we know the head matches!
        // if the last portion is not empty, it MUST match the end
        // check the tail
        let fileTailMatch = 0;
        if (tail.length) {
            // if head + tail > file, then we cannot possibly match
            if (tail.length + fileIndex > file.length)
                return false;
            // try to match the tail
            let tailStart = file.length - tail.length;
            if (this.#matchOne(file, tail, partial, tailStart, 0)) {
                fileTailMatch = tail.length;
            }
            else {
                // affordance for stuff like a/**/* matching a/b/
                // if the last file portion is '', and there's more to the pattern
                // then try without the '' bit.
                if (file[file.length - 1] !== '' ||
                    fileIndex + tail.length === file.length) {
                    return false;
                }
                tailStart--;
                if (!this.#matchOne(file, tail, partial, tailStart, 0)) {
                    return false;
                }
                fileTailMatch = tail.length + 1;
            }
        }
        // now we know the tail matches!
        // the middle is zero or more portions wrapped in **, possibly
        // containing more ** sections.
        // so a/**/b/**/c/**/d has become **/b/**/c/**
        // if it's empty, it means a/**/b, just verify we have no bad dots
        // if there's no tail, so it ends on /**, then we must have *something*
        // after the head, or it's not a matc
        if (!body.length) {
            let sawSome = !!fileTailMatch;
            for (let i = fileIndex; i < file.length - fileTailMatch; i++) {
                const f = String(file[i]);
                sawSome = true;
                if (f === '.' ||
                    f === '..' ||
                    (!this.options.dot && f.startsWith('.'))) {
                    return false;
                }
            }
            // in partial mode, we just need to get past all file parts
            return partial || sawSome;
        }
        // now we know that there's one or more body sections, which can
        // be matched anywhere from the 0 index (because the head was pruned)
        // through to the length-fileTailMatch index.
        // split the body up into sections, and note the minimum index it can
        // be found at (start with the length of all previous segments)
        // [section, before, after]
        const bodySegments = [[[], 0]];
        let currentBody = bodySegments[0];
        let nonGsParts = 0;
        const nonGsPartsSums = [0];
        for (const b of body) {
            if (b === GLOBSTAR) {
                nonGsPartsSums.push(nonGsParts);
                currentBody = [[], 0];
                bodySegments.push(currentBody);
            }
            else {
                currentBody[0].push(b);
                nonGsParts++;
            }
        }
        let i = bodySegments.length - 1;
        const fileLength = file.length - fileTailMatch;
        for (const b of bodySegments) {
            b[1] = fileLength - (nonGsPartsSums[i--] + b[0].length);
        }
        return !!this.#matchGlobStarBodySections(file, bodySegments, fileIndex, 0, partial, 0, !!fileTailMatch);
    }
    // return false for "nope, not matching"
    // return null for "not matching, cannot keep trying"
    #matchGlobStarBodySections(file, 
    // pattern section, last possible position for it
    bodySegments, fileIndex, bodyIndex, partial, globStarDepth, sawTail) {
        // take the first body segment, and walk from fileIndex to its "after"
        // value at the end
        // If it doesn't match at that position, we increment, until we hit
        // that final possible position, and give up.
        // If it does match, then advance and try to rest.
        // If any of them fail we keep walking forward.
        // this is still a bit recursively painful, but it's more constrained
        // than previous implementations, because we never test something that
        // can't possibly be a valid matching condition.
        const bs = bodySegments[bodyIndex];
        if (!bs) {
            // just make sure that there's no bad dots
            for (let i = fileIndex; i < file.length; i++) {
                sawTail = true;
                const f = file[i];
                if (f === '.' ||
                    f === '..' ||
                    (!this.options.dot && f.startsWith('.'))) {
                    return false;
                }
            }
            return sawTail;
        }
        // have a non-globstar body section to test
        const [body, after] = bs;
        while (fileIndex <= after) {
            const m = this.#matchOne(file.slice(0, fileIndex + body.length), body, partial, fileIndex, 0);
            // if limit exceeded, no match. intentional false negative,
            // acceptable break in correctness for security.
            if (m && globStarDepth < this.maxGlobstarRecursion) {
                // match! see if the rest match. if so, we're done!
                const sub = this.#matchGlobStarBodySections(file, bodySegments, fileIndex + body.length, bodyIndex + 1, partial, globStarDepth + 1, sawTail);
                if (sub !== false) {
                    return sub;
                }
            }
            const f = file[fileIndex];
            if (f === '.' ||
                f === '..' ||
                (!this.options.dot && f.startsWith('.'))) {
                return false;
            }
            fileIndex++;
        }
        // walked off. no point continuing
        return partial || null;
    }
    #matchOne(file, pattern, partial, fileIndex, patternIndex) {
        let fi;
        let pi;
        let pl;
        let fl;
        for (fi = fileIndex,
            pi = patternIndex,
            fl = file.length,
            pl = pattern.length; fi < fl && pi < pl; fi++, pi++) {
            this.debug('matchOne loop');
            let p = pattern[pi];
            let f = file[fi];
            this.debug(pattern, p, f);
            // should be impossible.
            // some invalid regexp stuff in the set.
            /* c8 ignore start */
            if (p === false || p === GLOBSTAR) {
                return false;
            }
            /* c8 ignore stop */
            // something other than **
            // non-magic patterns just have to match exactly
            // patterns with magic have been turned into regexps.
            let hit;
            if (typeof p === 'string') {
                hit = f === p;
                this.debug('string match', p, f, hit);
            }
            else {
                hit = p.test(f);
                this.debug('pattern match', p, f, hit);
            }
            if (!hit)
                return false;
        }
        // Note: ending in / means that we'll get a final ""
        // at the end of the pattern.  This can only match a
        // corresponding "" at the end of the file.
        // If the file ends in /, then it can only match a
        // a pattern that ends in /, unless the pattern just
        // doesn't have any more for it. But, a/b/ should *not*
        // match "a/b/*", even though "" matches against the
        // [^/]*? pattern, except in partial mode, where it might
        // simply not be reached yet.
        // However, a/b/ should still satisfy a/*
        // now either we fell off the end of the pattern, or we're done.
        if (fi === fl && pi === pl) {
            // ran out of pattern and filename at the same time.
            // an exact hit!
            return true;
        }
        else if (fi === fl) {
            // ran out of file, but still had pattern left.
            // this is ok if we're doing the match as part of
            // a glob fs traversal.
            return partial;
        }
        else if (pi === pl) {
            // ran out of pattern, still have file left.
            // this is only acceptable if we're on the very last
            // empty segment of a file with a trailing slash.
            // a/* should match a/b/
            return fi === fl - 1 && file[fi] === '';
            /* c8 ignore start */
        }
        else {
            // should be unreachable.
            throw new Error('wtf?');
        }
        /* c8 ignore stop */
    }
    braceExpand() {
        return braceExpand(this.pattern, this.options);
    }
    parse(pattern) {
        assertValidPattern(pattern);
        const options = this.options;
        // shortcuts
        if (pattern === '**')
            return GLOBSTAR;
        if (pattern === '')
            return '';
        // far and away, the most common glob pattern parts are
        // *, *.*, and *.<ext>  Add a fast check method for those.
        let m;
        let fastTest = null;
        if ((m = pattern.match(starRE))) {
            fastTest = options.dot ? starTestDot : starTest;
        }
        else if ((m = pattern.match(starDotExtRE))) {
            fastTest = (options.nocase ?
                options.dot ?
                    starDotExtTestNocaseDot
                    : starDotExtTestNocase
                : options.dot ? starDotExtTestDot
                    : starDotExtTest)(m[1]);
        }
        else if ((m = pattern.match(qmarksRE))) {
            fastTest = (options.nocase ?
                options.dot ?
                    qmarksTestNocaseDot
                    : qmarksTestNocase
                : options.dot ? qmarksTestDot
                    : qmarksTest)(m);
        }
        else if ((m = pattern.match(starDotStarRE))) {
            fastTest = options.dot ? starDotStarTestDot : starDotStarTest;
        }
        else if ((m = pattern.match(dotStarRE))) {
            fastTest = dotStarTest;
        }
        const re = AST.fromGlob(pattern, this.options).toMMPattern();
        if (fastTest && typeof re === 'object') {
            // Avoids overriding in frozen environments
            Reflect.defineProperty(re, 'test', { value: fastTest });
        }
        return re;
    }
    makeRe() {
        if (this.regexp || this.regexp === false)
            return this.regexp;
        // at this point, this.set is a 2d array of partial
        // pattern strings, or "**".
        //
        // It's better to use .match().  This function shouldn't
        // be used, really, but it's pretty convenient sometimes,
        // when you just want to work with a regex.
        const set = this.set;
        if (!set.length) {
            this.regexp = false;
            return this.regexp;
        }
        const options = this.options;
        const twoStar = options.noglobstar ? esm_star
            : options.dot ? twoStarDot
                : twoStarNoDot;
        const flags = new Set(options.nocase ? ['i'] : []);
        // regexpify non-globstar patterns
        // if ** is only item, then we just do one twoStar
        // if ** is first, and there are more, prepend (\/|twoStar\/)? to next
        // if ** is last, append (\/twoStar|) to previous
        // if ** is in the middle, append (\/|\/twoStar\/) to previous
        // then filter out GLOBSTAR symbols
        let re = set
            .map(pattern => {
            const pp = pattern.map(p => {
                if (p instanceof RegExp) {
                    for (const f of p.flags.split(''))
                        flags.add(f);
                }
                return (typeof p === 'string' ? esm_regExpEscape(p)
                    : p === GLOBSTAR ? GLOBSTAR
                        : p._src);
            });
            pp.forEach((p, i) => {
                const next = pp[i + 1];
                const prev = pp[i - 1];
                if (p !== GLOBSTAR || prev === GLOBSTAR) {
                    return;
                }
                if (prev === undefined) {
                    if (next !== undefined && next !== GLOBSTAR) {
                        pp[i + 1] = '(?:\\/|' + twoStar + '\\/)?' + next;
                    }
                    else {
                        pp[i] = twoStar;
                    }
                }
                else if (next === undefined) {
                    pp[i - 1] = prev + '(?:\\/|\\/' + twoStar + ')?';
                }
                else if (next !== GLOBSTAR) {
                    pp[i - 1] = prev + '(?:\\/|\\/' + twoStar + '\\/)' + next;
                    pp[i + 1] = GLOBSTAR;
                }
            });
            const filtered = pp.filter(p => p !== GLOBSTAR);
            // For partial matches, we need to make the pattern match
            // any prefix of the full path. We do this by generating
            // alternative patterns that match progressively longer prefixes.
            if (this.partial && filtered.length >= 1) {
                const prefixes = [];
                for (let i = 1; i <= filtered.length; i++) {
                    prefixes.push(filtered.slice(0, i).join('/'));
                }
                return '(?:' + prefixes.join('|') + ')';
            }
            return filtered.join('/');
        })
            .join('|');
        // need to wrap in parens if we had more than one thing with |,
        // otherwise only the first will be anchored to ^ and the last to $
        const [open, close] = set.length > 1 ? ['(?:', ')'] : ['', ''];
        // must match entire pattern
        // ending in a * or ** will make it less strict.
        re = '^' + open + re + close + '$';
        // In partial mode, '/' should always match as it's a valid prefix for any pattern
        if (this.partial) {
            re = '^(?:\\/|' + open + re.slice(1, -1) + close + ')$';
        }
        // can match anything, as long as it's not this.
        if (this.negate)
            re = '^(?!' + re + ').+$';
        try {
            this.regexp = new RegExp(re, [...flags].join(''));
            /* c8 ignore start */
        }
        catch {
            // should be impossible
            this.regexp = false;
        }
        /* c8 ignore stop */
        return this.regexp;
    }
    slashSplit(p) {
        // if p starts with // on windows, we preserve that
        // so that UNC paths aren't broken.  Otherwise, any number of
        // / characters are coalesced into one, unless
        // preserveMultipleSlashes is set to true.
        if (this.preserveMultipleSlashes) {
            return p.split('/');
        }
        else if (this.isWindows && /^\/\/[^/]+/.test(p)) {
            // add an extra '' for the one we lose
            return ['', ...p.split(/\/+/)];
        }
        else {
            return p.split(/\/+/);
        }
    }
    match(f, partial = this.partial) {
        this.debug('match', f, this.pattern);
        // short-circuit in the case of busted things.
        // comments, etc.
        if (this.comment) {
            return false;
        }
        if (this.empty) {
            return f === '';
        }
        if (f === '/' && partial) {
            return true;
        }
        const options = this.options;
        // windows: need to use /, not \
        if (this.isWindows) {
            f = f.split('\\').join('/');
        }
        // treat the test path as a set of pathparts.
        const ff = this.slashSplit(f);
        this.debug(this.pattern, 'split', ff);
        // just ONE of the pattern sets in this.set needs to match
        // in order for it to be valid.  If negating, then just one
        // match means that we have failed.
        // Either way, return on the first hit.
        const set = this.set;
        this.debug(this.pattern, 'set', set);
        // Find the basename of the path by looking for the last non-empty segment
        let filename = ff[ff.length - 1];
        if (!filename) {
            for (let i = ff.length - 2; !filename && i >= 0; i--) {
                filename = ff[i];
            }
        }
        for (const pattern of set) {
            let file = ff;
            if (options.matchBase && pattern.length === 1) {
                file = [filename];
            }
            const hit = this.matchOne(file, pattern, partial);
            if (hit) {
                if (options.flipNegate) {
                    return true;
                }
                return !this.negate;
            }
        }
        // didn't get any hits.  this is success if it's a negative
        // pattern, failure otherwise.
        if (options.flipNegate) {
            return false;
        }
        return this.negate;
    }
    static defaults(def) {
        return minimatch.defaults(def).Minimatch;
    }
}
/* c8 ignore start */



/* c8 ignore stop */
minimatch.AST = AST;
minimatch.Minimatch = Minimatch;
minimatch.escape = escape_escape;
minimatch.unescape = unescape_unescape;
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/glob/lib/internal-path.js



const internal_path_IS_WINDOWS = process.platform === 'win32';
/**
 * Helper class for parsing paths into segments
 */
class Path {
    /**
     * Constructs a Path
     * @param itemPath Path or array of segments
     */
    constructor(itemPath) {
        this.segments = [];
        // String
        if (typeof itemPath === 'string') {
            external_assert_namespaceObject(itemPath, `Parameter 'itemPath' must not be empty`);
            // Normalize slashes and trim unnecessary trailing slash
            itemPath = safeTrimTrailingSeparator(itemPath);
            // Not rooted
            if (!hasRoot(itemPath)) {
                this.segments = itemPath.split(external_path_namespaceObject.sep);
            }
            // Rooted
            else {
                // Add all segments, while not at the root
                let remaining = itemPath;
                let dir = internal_path_helper_dirname(remaining);
                while (dir !== remaining) {
                    // Add the segment
                    const basename = external_path_namespaceObject.basename(remaining);
                    this.segments.unshift(basename);
                    // Truncate the last segment
                    remaining = dir;
                    dir = internal_path_helper_dirname(remaining);
                }
                // Remainder is the root
                this.segments.unshift(remaining);
            }
        }
        // Array
        else {
            // Must not be empty
            external_assert_namespaceObject(itemPath.length > 0, `Parameter 'itemPath' must not be an empty array`);
            // Each segment
            for (let i = 0; i < itemPath.length; i++) {
                let segment = itemPath[i];
                // Must not be empty
                external_assert_namespaceObject(segment, `Parameter 'itemPath' must not contain any empty segments`);
                // Normalize slashes
                segment = normalizeSeparators(itemPath[i]);
                // Root segment
                if (i === 0 && hasRoot(segment)) {
                    segment = safeTrimTrailingSeparator(segment);
                    external_assert_namespaceObject(segment === internal_path_helper_dirname(segment), `Parameter 'itemPath' root segment contains information for multiple segments`);
                    this.segments.push(segment);
                }
                // All other segments
                else {
                    // Must not contain slash
                    external_assert_namespaceObject(!segment.includes(external_path_namespaceObject.sep), `Parameter 'itemPath' contains unexpected path separators`);
                    this.segments.push(segment);
                }
            }
        }
    }
    /**
     * Converts the path to it's string representation
     */
    toString() {
        // First segment
        let result = this.segments[0];
        // All others
        let skipSlash = result.endsWith(external_path_namespaceObject.sep) || (internal_path_IS_WINDOWS && /^[A-Z]:$/i.test(result));
        for (let i = 1; i < this.segments.length; i++) {
            if (skipSlash) {
                skipSlash = false;
            }
            else {
                result += external_path_namespaceObject.sep;
            }
            result += this.segments[i];
        }
        return result;
    }
}
//# sourceMappingURL=internal-path.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/glob/lib/internal-pattern.js







const internal_pattern_IS_WINDOWS = process.platform === 'win32';
class Pattern {
    constructor(patternOrNegate, isImplicitPattern = false, segments, homedir) {
        /**
         * Indicates whether matches should be excluded from the result set
         */
        this.negate = false;
        // Pattern overload
        let pattern;
        if (typeof patternOrNegate === 'string') {
            pattern = patternOrNegate.trim();
        }
        // Segments overload
        else {
            // Convert to pattern
            segments = segments || [];
            external_assert_namespaceObject(segments.length, `Parameter 'segments' must not empty`);
            const root = Pattern.getLiteral(segments[0]);
            external_assert_namespaceObject(root && hasAbsoluteRoot(root), `Parameter 'segments' first element must be a root path`);
            pattern = new Path(segments).toString().trim();
            if (patternOrNegate) {
                pattern = `!${pattern}`;
            }
        }
        // Negate
        while (pattern.startsWith('!')) {
            this.negate = !this.negate;
            pattern = pattern.substr(1).trim();
        }
        // Normalize slashes and ensures absolute root
        pattern = Pattern.fixupPattern(pattern, homedir);
        // Segments
        this.segments = new Path(pattern).segments;
        // Trailing slash indicates the pattern should only match directories, not regular files
        this.trailingSeparator = normalizeSeparators(pattern)
            .endsWith(external_path_namespaceObject.sep);
        pattern = safeTrimTrailingSeparator(pattern);
        // Search path (literal path prior to the first glob segment)
        let foundGlob = false;
        const searchSegments = this.segments
            .map(x => Pattern.getLiteral(x))
            .filter(x => !foundGlob && !(foundGlob = x === ''));
        this.searchPath = new Path(searchSegments).toString();
        // Root RegExp (required when determining partial match)
        this.rootRegExp = new RegExp(Pattern.regExpEscape(searchSegments[0]), internal_pattern_IS_WINDOWS ? 'i' : '');
        this.isImplicitPattern = isImplicitPattern;
        // Create minimatch
        const minimatchOptions = {
            dot: true,
            nobrace: true,
            nocase: internal_pattern_IS_WINDOWS,
            nocomment: true,
            noext: true,
            nonegate: true
        };
        pattern = internal_pattern_IS_WINDOWS ? pattern.replace(/\\/g, '/') : pattern;
        this.minimatch = new Minimatch(pattern, minimatchOptions);
    }
    /**
     * Matches the pattern against the specified path
     */
    match(itemPath) {
        // Last segment is globstar?
        if (this.segments[this.segments.length - 1] === '**') {
            // Normalize slashes
            itemPath = normalizeSeparators(itemPath);
            // Append a trailing slash. Otherwise Minimatch will not match the directory immediately
            // preceding the globstar. For example, given the pattern `/foo/**`, Minimatch returns
            // false for `/foo` but returns true for `/foo/`. Append a trailing slash to handle that quirk.
            if (!itemPath.endsWith(external_path_namespaceObject.sep) && this.isImplicitPattern === false) {
                // Note, this is safe because the constructor ensures the pattern has an absolute root.
                // For example, formats like C: and C:foo on Windows are resolved to an absolute root.
                itemPath = `${itemPath}${external_path_namespaceObject.sep}`;
            }
        }
        else {
            // Normalize slashes and trim unnecessary trailing slash
            itemPath = safeTrimTrailingSeparator(itemPath);
        }
        // Match
        if (this.minimatch.match(itemPath)) {
            return this.trailingSeparator ? MatchKind.Directory : MatchKind.All;
        }
        return MatchKind.None;
    }
    /**
     * Indicates whether the pattern may match descendants of the specified path
     */
    partialMatch(itemPath) {
        // Normalize slashes and trim unnecessary trailing slash
        itemPath = safeTrimTrailingSeparator(itemPath);
        // matchOne does not handle root path correctly
        if (internal_path_helper_dirname(itemPath) === itemPath) {
            return this.rootRegExp.test(itemPath);
        }
        return this.minimatch.matchOne(itemPath.split(internal_pattern_IS_WINDOWS ? /\\+/ : /\/+/), this.minimatch.set[0], true);
    }
    /**
     * Escapes glob patterns within a path
     */
    static globEscape(s) {
        return (internal_pattern_IS_WINDOWS ? s : s.replace(/\\/g, '\\\\')) // escape '\' on Linux/macOS
            .replace(/(\[)(?=[^/]+\])/g, '[[]') // escape '[' when ']' follows within the path segment
            .replace(/\?/g, '[?]') // escape '?'
            .replace(/\*/g, '[*]'); // escape '*'
    }
    /**
     * Normalizes slashes and ensures absolute root
     */
    static fixupPattern(pattern, homedir) {
        // Empty
        external_assert_namespaceObject(pattern, 'pattern cannot be empty');
        // Must not contain `.` segment, unless first segment
        // Must not contain `..` segment
        const literalSegments = new Path(pattern).segments.map(x => Pattern.getLiteral(x));
        external_assert_namespaceObject(literalSegments.every((x, i) => (x !== '.' || i === 0) && x !== '..'), `Invalid pattern '${pattern}'. Relative pathing '.' and '..' is not allowed.`);
        // Must not contain globs in root, e.g. Windows UNC path \\foo\b*r
        external_assert_namespaceObject(!hasRoot(pattern) || literalSegments[0], `Invalid pattern '${pattern}'. Root segment must not contain globs.`);
        // Normalize slashes
        pattern = normalizeSeparators(pattern);
        // Replace leading `.` segment
        if (pattern === '.' || pattern.startsWith(`.${external_path_namespaceObject.sep}`)) {
            pattern = Pattern.globEscape(process.cwd()) + pattern.substr(1);
        }
        // Replace leading `~` segment
        else if (pattern === '~' || pattern.startsWith(`~${external_path_namespaceObject.sep}`)) {
            homedir = homedir || external_os_namespaceObject.homedir();
            external_assert_namespaceObject(homedir, 'Unable to determine HOME directory');
            external_assert_namespaceObject(hasAbsoluteRoot(homedir), `Expected HOME directory to be a rooted path. Actual '${homedir}'`);
            pattern = Pattern.globEscape(homedir) + pattern.substr(1);
        }
        // Replace relative drive root, e.g. pattern is C: or C:foo
        else if (internal_pattern_IS_WINDOWS &&
            (pattern.match(/^[A-Z]:$/i) || pattern.match(/^[A-Z]:[^\\]/i))) {
            let root = ensureAbsoluteRoot('C:\\dummy-root', pattern.substr(0, 2));
            if (pattern.length > 2 && !root.endsWith('\\')) {
                root += '\\';
            }
            pattern = Pattern.globEscape(root) + pattern.substr(2);
        }
        // Replace relative root, e.g. pattern is \ or \foo
        else if (internal_pattern_IS_WINDOWS && (pattern === '\\' || pattern.match(/^\\[^\\]/))) {
            let root = ensureAbsoluteRoot('C:\\dummy-root', '\\');
            if (!root.endsWith('\\')) {
                root += '\\';
            }
            pattern = Pattern.globEscape(root) + pattern.substr(1);
        }
        // Otherwise ensure absolute root
        else {
            pattern = ensureAbsoluteRoot(Pattern.globEscape(process.cwd()), pattern);
        }
        return normalizeSeparators(pattern);
    }
    /**
     * Attempts to unescape a pattern segment to create a literal path segment.
     * Otherwise returns empty string.
     */
    static getLiteral(segment) {
        let literal = '';
        for (let i = 0; i < segment.length; i++) {
            const c = segment[i];
            // Escape
            if (c === '\\' && !internal_pattern_IS_WINDOWS && i + 1 < segment.length) {
                literal += segment[++i];
                continue;
            }
            // Wildcard
            else if (c === '*' || c === '?') {
                return '';
            }
            // Character set
            else if (c === '[' && i + 1 < segment.length) {
                let set = '';
                let closed = -1;
                for (let i2 = i + 1; i2 < segment.length; i2++) {
                    const c2 = segment[i2];
                    // Escape
                    if (c2 === '\\' && !internal_pattern_IS_WINDOWS && i2 + 1 < segment.length) {
                        set += segment[++i2];
                        continue;
                    }
                    // Closed
                    else if (c2 === ']') {
                        closed = i2;
                        break;
                    }
                    // Otherwise
                    else {
                        set += c2;
                    }
                }
                // Closed?
                if (closed >= 0) {
                    // Cannot convert
                    if (set.length > 1) {
                        return '';
                    }
                    // Convert to literal
                    if (set) {
                        literal += set;
                        i = closed;
                        continue;
                    }
                }
                // Otherwise fall thru
            }
            // Append
            literal += c;
        }
        return literal;
    }
    /**
     * Escapes regexp special characters
     * https://javascript.info/regexp-escaping
     */
    static regExpEscape(s) {
        return s.replace(/[[\\^$.|?*+()]/g, '\\$&');
    }
}
//# sourceMappingURL=internal-pattern.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/glob/lib/internal-search-state.js
class SearchState {
    constructor(path, level) {
        this.path = path;
        this.level = level;
    }
}
//# sourceMappingURL=internal-search-state.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/glob/lib/internal-globber.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
var __asyncValues = (undefined && undefined.__asyncValues) || function (o) {
    if (!Symbol.asyncIterator) throw new TypeError("Symbol.asyncIterator is not defined.");
    var m = o[Symbol.asyncIterator], i;
    return m ? m.call(o) : (o = typeof __values === "function" ? __values(o) : o[Symbol.iterator](), i = {}, verb("next"), verb("throw"), verb("return"), i[Symbol.asyncIterator] = function () { return this; }, i);
    function verb(n) { i[n] = o[n] && function (v) { return new Promise(function (resolve, reject) { v = o[n](v), settle(resolve, reject, v.done, v.value); }); }; }
    function settle(resolve, reject, d, v) { Promise.resolve(v).then(function(v) { resolve({ value: v, done: d }); }, reject); }
};
var __await = (undefined && undefined.__await) || function (v) { return this instanceof __await ? (this.v = v, this) : new __await(v); }
var __asyncGenerator = (undefined && undefined.__asyncGenerator) || function (thisArg, _arguments, generator) {
    if (!Symbol.asyncIterator) throw new TypeError("Symbol.asyncIterator is not defined.");
    var g = generator.apply(thisArg, _arguments || []), i, q = [];
    return i = Object.create((typeof AsyncIterator === "function" ? AsyncIterator : Object).prototype), verb("next"), verb("throw"), verb("return", awaitReturn), i[Symbol.asyncIterator] = function () { return this; }, i;
    function awaitReturn(f) { return function (v) { return Promise.resolve(v).then(f, reject); }; }
    function verb(n, f) { if (g[n]) { i[n] = function (v) { return new Promise(function (a, b) { q.push([n, v, a, b]) > 1 || resume(n, v); }); }; if (f) i[n] = f(i[n]); } }
    function resume(n, v) { try { step(g[n](v)); } catch (e) { settle(q[0][3], e); } }
    function step(r) { r.value instanceof __await ? Promise.resolve(r.value.v).then(fulfill, reject) : settle(q[0][2], r); }
    function fulfill(value) { resume("next", value); }
    function reject(value) { resume("throw", value); }
    function settle(f, v) { if (f(v), q.shift(), q.length) resume(q[0][0], q[0][1]); }
};








const internal_globber_IS_WINDOWS = process.platform === 'win32';
class DefaultGlobber {
    constructor(options) {
        this.patterns = [];
        this.searchPaths = [];
        this.options = getOptions(options);
    }
    getSearchPaths() {
        // Return a copy
        return this.searchPaths.slice();
    }
    glob() {
        return __awaiter(this, void 0, void 0, function* () {
            var _a, e_1, _b, _c;
            const result = [];
            try {
                for (var _d = true, _e = __asyncValues(this.globGenerator()), _f; _f = yield _e.next(), _a = _f.done, !_a; _d = true) {
                    _c = _f.value;
                    _d = false;
                    const itemPath = _c;
                    result.push(itemPath);
                }
            }
            catch (e_1_1) { e_1 = { error: e_1_1 }; }
            finally {
                try {
                    if (!_d && !_a && (_b = _e.return)) yield _b.call(_e);
                }
                finally { if (e_1) throw e_1.error; }
            }
            return result;
        });
    }
    globGenerator() {
        return __asyncGenerator(this, arguments, function* globGenerator_1() {
            // Fill in defaults options
            const options = getOptions(this.options);
            // Implicit descendants?
            const patterns = [];
            for (const pattern of this.patterns) {
                patterns.push(pattern);
                if (options.implicitDescendants &&
                    (pattern.trailingSeparator ||
                        pattern.segments[pattern.segments.length - 1] !== '**')) {
                    patterns.push(new Pattern(pattern.negate, true, pattern.segments.concat('**')));
                }
            }
            // Push the search paths
            const stack = [];
            for (const searchPath of getSearchPaths(patterns)) {
                glob_core_debug(`Search path '${searchPath}'`);
                // Exists?
                try {
                    // Intentionally using lstat. Detection for broken symlink
                    // will be performed later (if following symlinks).
                    yield __await(external_fs_namespaceObject.promises.lstat(searchPath));
                }
                catch (err) {
                    if (err.code === 'ENOENT') {
                        continue;
                    }
                    throw err;
                }
                stack.unshift(new SearchState(searchPath, 1));
            }
            // Search
            const traversalChain = []; // used to detect cycles
            while (stack.length) {
                // Pop
                const item = stack.pop();
                // Match?
                const match = internal_pattern_helper_match(patterns, item.path);
                const partialMatch = !!match || internal_pattern_helper_partialMatch(patterns, item.path);
                if (!match && !partialMatch) {
                    continue;
                }
                // Stat
                const stats = yield __await(DefaultGlobber.stat(item, options, traversalChain)
                // Broken symlink, or symlink cycle detected, or no longer exists
                );
                // Broken symlink, or symlink cycle detected, or no longer exists
                if (!stats) {
                    continue;
                }
                // Hidden file or directory?
                if (options.excludeHiddenFiles && external_path_namespaceObject.basename(item.path).match(/^\./)) {
                    continue;
                }
                // Directory
                if (stats.isDirectory()) {
                    // Matched
                    if (match & MatchKind.Directory && options.matchDirectories) {
                        yield yield __await(item.path);
                    }
                    // Descend?
                    else if (!partialMatch) {
                        continue;
                    }
                    // Push the child items in reverse
                    const childLevel = item.level + 1;
                    const childItems = (yield __await(external_fs_namespaceObject.promises.readdir(item.path))).map(x => new SearchState(external_path_namespaceObject.join(item.path, x), childLevel));
                    stack.push(...childItems.reverse());
                }
                // File
                else if (match & MatchKind.File) {
                    yield yield __await(item.path);
                }
            }
        });
    }
    /**
     * Constructs a DefaultGlobber
     */
    static create(patterns, options) {
        return __awaiter(this, void 0, void 0, function* () {
            const result = new DefaultGlobber(options);
            if (internal_globber_IS_WINDOWS) {
                patterns = patterns.replace(/\r\n/g, '\n');
                patterns = patterns.replace(/\r/g, '\n');
            }
            const lines = patterns.split('\n').map(x => x.trim());
            for (const line of lines) {
                // Empty or comment
                if (!line || line.startsWith('#')) {
                    continue;
                }
                // Pattern
                else {
                    result.patterns.push(new Pattern(line));
                }
            }
            result.searchPaths.push(...getSearchPaths(result.patterns));
            return result;
        });
    }
    static stat(item, options, traversalChain) {
        return __awaiter(this, void 0, void 0, function* () {
            // Note:
            // `stat` returns info about the target of a symlink (or symlink chain)
            // `lstat` returns info about a symlink itself
            let stats;
            if (options.followSymbolicLinks) {
                try {
                    // Use `stat` (following symlinks)
                    stats = yield external_fs_namespaceObject.promises.stat(item.path);
                }
                catch (err) {
                    if (err.code === 'ENOENT') {
                        if (options.omitBrokenSymbolicLinks) {
                            glob_core_debug(`Broken symlink '${item.path}'`);
                            return undefined;
                        }
                        throw new Error(`No information found for the path '${item.path}'. This may indicate a broken symbolic link.`);
                    }
                    throw err;
                }
            }
            else {
                // Use `lstat` (not following symlinks)
                stats = yield external_fs_namespaceObject.promises.lstat(item.path);
            }
            // Note, isDirectory() returns false for the lstat of a symlink
            if (stats.isDirectory() && options.followSymbolicLinks) {
                // Get the realpath
                const realPath = yield external_fs_namespaceObject.promises.realpath(item.path);
                // Fixup the traversal chain to match the item level
                while (traversalChain.length >= item.level) {
                    traversalChain.pop();
                }
                // Test for a cycle
                if (traversalChain.some((x) => x === realPath)) {
                    glob_core_debug(`Symlink cycle detected for path '${item.path}' and realpath '${realPath}'`);
                    return undefined;
                }
                // Update the traversal chain
                traversalChain.push(realPath);
            }
            return stats;
        });
    }
}
//# sourceMappingURL=internal-globber.js.map
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");
;// CONCATENATED MODULE: external "stream"
const external_stream_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");
;// CONCATENATED MODULE: external "util"
const external_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");
;// CONCATENATED MODULE: ./node_modules/@actions/glob/lib/internal-hash-files.js
var internal_hash_files_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
var internal_hash_files_asyncValues = (undefined && undefined.__asyncValues) || function (o) {
    if (!Symbol.asyncIterator) throw new TypeError("Symbol.asyncIterator is not defined.");
    var m = o[Symbol.asyncIterator], i;
    return m ? m.call(o) : (o = typeof __values === "function" ? __values(o) : o[Symbol.iterator](), i = {}, verb("next"), verb("throw"), verb("return"), i[Symbol.asyncIterator] = function () { return this; }, i);
    function verb(n) { i[n] = o[n] && function (v) { return new Promise(function (resolve, reject) { v = o[n](v), settle(resolve, reject, v.done, v.value); }); }; }
    function settle(resolve, reject, d, v) { Promise.resolve(v).then(function(v) { resolve({ value: v, done: d }); }, reject); }
};






function hashFiles(globber_1, currentWorkspace_1) {
    return internal_hash_files_awaiter(this, arguments, void 0, function* (globber, currentWorkspace, verbose = false) {
        var _a, e_1, _b, _c;
        var _d;
        const writeDelegate = verbose ? core.info : core.debug;
        let hasMatch = false;
        const githubWorkspace = currentWorkspace
            ? currentWorkspace
            : ((_d = process.env['GITHUB_WORKSPACE']) !== null && _d !== void 0 ? _d : process.cwd());
        const result = crypto.createHash('sha256');
        let count = 0;
        try {
            for (var _e = true, _f = internal_hash_files_asyncValues(globber.globGenerator()), _g; _g = yield _f.next(), _a = _g.done, !_a; _e = true) {
                _c = _g.value;
                _e = false;
                const file = _c;
                writeDelegate(file);
                if (!file.startsWith(`${githubWorkspace}${path.sep}`)) {
                    writeDelegate(`Ignore '${file}' since it is not under GITHUB_WORKSPACE.`);
                    continue;
                }
                if (fs.statSync(file).isDirectory()) {
                    writeDelegate(`Skip directory '${file}'.`);
                    continue;
                }
                const hash = crypto.createHash('sha256');
                const pipeline = util.promisify(stream.pipeline);
                yield pipeline(fs.createReadStream(file), hash);
                result.write(hash.digest());
                count++;
                if (!hasMatch) {
                    hasMatch = true;
                }
            }
        }
        catch (e_1_1) { e_1 = { error: e_1_1 }; }
        finally {
            try {
                if (!_e && !_a && (_b = _f.return)) yield _b.call(_f);
            }
            finally { if (e_1) throw e_1.error; }
        }
        result.end();
        if (hasMatch) {
            writeDelegate(`Found ${count} files to hash.`);
            return result.digest('hex');
        }
        else {
            writeDelegate(`No matches found for glob`);
            return '';
        }
    });
}
//# sourceMappingURL=internal-hash-files.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/glob/lib/glob.js
var glob_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


/**
 * Constructs a globber
 *
 * @param patterns  Patterns separated by newlines
 * @param options   Glob options
 */
function glob_create(patterns, options) {
    return glob_awaiter(this, void 0, void 0, function* () {
        return yield DefaultGlobber.create(patterns, options);
    });
}
/**
 * Computes the sha256 hash of a glob
 *
 * @param patterns  Patterns separated by newlines
 * @param currentWorkspace  Workspace used when matching files
 * @param options   Glob options
 * @param verbose   Enables verbose logging
 */
function glob_hashFiles(patterns_1) {
    return glob_awaiter(this, arguments, void 0, function* (patterns, currentWorkspace = '', options, verbose = false) {
        let followSymbolicLinks = true;
        if (options && typeof options.followSymbolicLinks === 'boolean') {
            followSymbolicLinks = options.followSymbolicLinks;
        }
        const globber = yield glob_create(patterns, { followSymbolicLinks });
        return _hashFiles(globber, currentWorkspace, verbose);
    });
}
//# sourceMappingURL=glob.js.map
;// CONCATENATED MODULE: ./src/entry/paths.ts
/**
 * The cache entry directory as @actions/cache sees it: relative to the workspace, the same string on
 * every OS and run (the cache version hashes it). Not '../x': @actions/glob refuses '..' in save
 * patterns. It lives only while main restores and post saves, and is removed right after.
 */
const ENTRY_PATH = '.go-mod-cache-entry';
/** The tiny claim entry's directory; a different path, so its version never meets the real entry's. */
const CLAIM_PATH = '.go-mod-cache-claim';
/** Toolchain entries: saved from GOMODCACHE/cache/download, named as under this workspace path. */
const paths_TOOLCHAIN_ENTRY_PATH = '.go-toolchain-entry';

;// CONCATENATED MODULE: ./src/entry/layer.ts





/**
 * A layer holds only what its base (always a whole entry; layers never stack) lacks, plus a
 * manifest of the base files to drop: a small change uploads a little, not the whole set again.
 */
const layer_LAYER_FILE = 'layer.json';
/**
 * The key of a layer of the set `primaryKey` names: `${prefix}-layer-${hash}`. No whole entry's key
 * is a prefix of it, so restoring a base by its key (the service also matches the key as a prefix)
 * can never bring a layer instead.
 */
function layer_layerKeyOf(primaryKey) {
    const cut = primaryKey.lastIndexOf('-');
    return `${primaryKey.slice(0, cut)}-layer-${primaryKey.slice(cut + 1)}`;
}
/** The restored entry is the dependency set's own: its whole entry, or its layer with the base. */
function exactHit(state) {
    if (state.primaryKey === '')
        return false;
    if (state.matchedKey === state.primaryKey)
        return true;
    return state.matchedKey === layer_layerKeyOf(state.primaryKey) && state.base !== undefined;
}
/** The module store's entries. */
const MODULE_ENTRY = { path: ENTRY_PATH, isFile: isEntryFile };
// A layer is saved while it adds at most half its base and leaves out at most a quarter of it: past
// that, the restore carries too much that the set no longer needs, and the next layers are better
// built on a whole entry of the new set.
const MAX_ADDED = (/* unused pure expression or super */ null && (1 / 2));
const MAX_DROPPED = (/* unused pure expression or super */ null && (1 / 4));
/**
 * Completes a restored layer with its base (and drops what it drops); lists the base's files in
 * `listFile` for post's next layer. `base` is undefined when no whole base is there to build on.
 * `listed` is the restored entry's files and sizes when the caller has listed them already;
 * `manifest` is the layer's manifest as read.
 */
async function restoreLayer(cache, entryDir, matchedKey, listFile, kind = MODULE_ENTRY, listed) {
    const text = await (0,promises_namespaceObject.readFile)((0,external_node_path_namespaceObject.join)(entryDir, layer_LAYER_FILE), 'utf8').catch(() => undefined);
    const own = async () => listed ?? (await entryFiles(entryDir, kind));
    if (text === undefined)
        return { base: await recordBase(matchedKey, await own(), listFile), failed: false };
    const layer = parseLayer(text, kind.isFile);
    if (layer === undefined) {
        info(`${matchedKey} has a layer manifest this version cannot read: restoring its files alone`);
        return { failed: false, manifest: text };
    }
    const ownFiles = await own();
    const outcome = await cache.restore([kind.path], layer.base, [], false);
    if (outcome.value !== layer.base) {
        if (!outcome.failed)
            info(`The base ${layer.base} of ${matchedKey} is gone: the proxy fetches what it held`);
        return { failed: outcome.failed, manifest: text };
    }
    const all = await entryFiles(entryDir, kind);
    const files = new Map([...all].filter(([rel]) => !ownFiles.has(rel)));
    await Promise.all(layer.drop.map((rel) => (0,promises_namespaceObject.rm)((0,external_node_path_namespaceObject.join)(entryDir, rel), { force: true })));
    info(`Layer ${matchedKey} on ${layer.base}: ${ownFiles.size} files added, ${layer.drop.length} left out`);
    return { base: await recordBase(layer.base, files, listFile), failed: false, manifest: text };
}
/** The manifest, checked: every dropped path must be a file of its kind of entry (no '..', no dot elements). */
function parseLayer(text, isFile = isEntryFile) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (typeof value !== 'object' || value === null)
        return undefined;
    const { base, drop } = value;
    if (typeof base !== 'string' || base === '' || !Array.isArray(drop))
        return undefined;
    if (!drop.every((rel) => typeof rel === 'string' && isFile(rel)))
        return undefined;
    return { base, drop };
}
/** The base's files as restoreLayer listed them: store-relative path to size. */
async function layer_baseFiles(base) {
    const pairs = JSON.parse(await readFile(base.files, 'utf8'));
    return new Map(pairs);
}
/**
 * The layer that saves `paths` (the new entry, store-relative) on top of `base`, or undefined when a
 * whole entry should be saved. Sizes of the files beyond the base are read from the store.
 */
async function layer_planLayer(base, baseList, paths, store) {
    let baseBytes = 0;
    for (const size of baseList.values())
        baseBytes += size;
    const wanted = new Set(paths);
    const files = paths.filter((rel) => !baseList.has(rel));
    const drop = [...baseList.keys()].filter((rel) => !wanted.has(rel)).sort();
    let dropped = 0;
    for (const rel of drop)
        dropped += baseList.get(rel) ?? 0;
    let bytes = 0;
    for (const rel of files)
        bytes += (await stat(join(store, rel))).size;
    if (baseBytes === 0 || bytes > baseBytes * MAX_ADDED || dropped > baseBytes * MAX_DROPPED)
        return undefined;
    return { files, bytes, layer: { base: base.key, drop } };
}
async function recordBase(key, files, listFile) {
    await (0,promises_namespaceObject.writeFile)(listFile, JSON.stringify([...files]));
    return { key, files: listFile };
}
// The entry files under dir (store-relative, '/'-separated) and their sizes.
async function entryFiles(dir, kind) {
    const { files } = await restore_walk(dir);
    const out = new Map();
    await Promise.all(files.map(async (file) => {
        const rel = (0,external_node_path_namespaceObject.relative)(dir, file).split(external_node_path_namespaceObject.sep).join('/');
        if (kind.isFile(rel))
            out.set(rel, (await (0,promises_namespaceObject.stat)(file)).size);
    }));
    return out;
}

;// CONCATENATED MODULE: ./src/entry/key.ts





/**
 * The sorted, de-duplicated `module version[/go.mod] h1:hash` lines of go.sum / go.work.sum texts.
 * Content only: file order, paths, blank lines and spacing do not matter, so matrix jobs agree.
 */
function sumLines(texts) {
    const lines = new Set();
    for (const text of texts) {
        for (const raw of text.split('\n')) {
            const fields = raw.trim().split(/\s+/);
            if (fields.length === 3 && fields[2]?.startsWith('h1:'))
                lines.add(fields.join(' '));
        }
    }
    return [...lines].sort();
}
/**
 * `${prefix}-${sha256 of the lines}`, and the restore keys: this set's layer (layer.ts), then the
 * newest entry of any set, `${prefix}-`.
 */
function cacheKey(prefix, texts) {
    const lines = sumLines(texts);
    const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    for (const line of lines)
        hash.update(line + '\n');
    const primaryKey = `${prefix}-${hash.digest('hex')}`;
    return { primaryKey, restoreKeys: [layer_layerKeyOf(primaryKey), `${prefix}-`], lines };
}
/**
 * The files (absolute, sorted) matching the glob patterns, one pattern a line as action inputs say,
 * except those under `outside`: a module cache inside the workspace (a GOPATH there, or a self-hosted
 * runner's reused workspace) holds the go.sum of every extracted dependency, which would make the
 * key change with the cache's content and the prefetch fetch their dependencies too.
 */
async function matchFiles(patterns, outside = []) {
    const globber = await glob_create(patterns.join('\n'), { matchDirectories: false });
    const files = await globber.glob();
    const within = (file, dir) => {
        const rel = (0,external_node_path_namespaceObject.relative)(dir, file);
        return rel !== '' && !rel.startsWith('..') && !(0,external_node_path_namespaceObject.isAbsolute)(rel);
    };
    return [...new Set(files)].filter((file) => !outside.some((dir) => within(file, dir))).sort();
}
/** Reads the matched files and computes the key. */
async function keyFromFiles(prefix, files) {
    const texts = await Promise.all(files.map((file) => (0,promises_namespaceObject.readFile)(file, 'utf8')));
    return cacheKey(prefix, texts);
}

;// CONCATENATED MODULE: ./src/entry/extracted.ts





/**
 * Which of an entry's zips the saving job's go commands extracted: the next job extracts those
 * ahead of its steps (action/extract.ts), not every zip of go.sum (which also names modules of other
 * platforms, tags and tools). A whole entry carries the list as this file; a layer in its manifest.
 */
const EXTRACTED_FILE = 'extracted.txt';
/** The tree the go command extracts a zip (a store-relative `<path>/@v/<version>.zip`) into. */
function treeOf(modCache, zip) {
    return (0,external_node_path_namespaceObject.join)(modCache, zip.replace(/\/@v\/([^/]+)\.zip$/, '@$1'));
}
/** The entry's zips (store-relative paths) whose trees GOMODCACHE holds now, in order. */
async function extractedZips(paths, modCache) {
    const zips = paths.filter((rel) => rel.endsWith('.zip'));
    const extracted = new Set();
    await forEachLimited(zips, FILE_CONCURRENCY, async (zip) => {
        if (await exists(treeOf(modCache, zip)))
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
        list = (await (0,promises_namespaceObject.readFile)((0,external_node_path_namespaceObject.join)(entryDir, EXTRACTED_FILE), 'utf8').catch(() => '')).split('\n');
    const zips = list.filter((rel) => typeof rel === 'string' && rel.endsWith('.zip') && isEntryFile(rel));
    return zips.length > 0 ? new Set(zips) : undefined;
}

;// CONCATENATED MODULE: ./src/action/launcher.ts





/** The ready file's name in the launch directory; its full path is on the proxy's command line. */
const READY_FILE = 'ready.json';
// Runner credentials that must never reach the proxy (or anything it might log or leak).
const SECRET_VARIABLES = [
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_RUNTIME_URL',
    'ACTIONS_RESULTS_URL',
    'ACTIONS_CACHE_URL',
    'ACTIONS_ID_TOKEN_REQUEST_URL',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'GITHUB_TOKEN',
    'INPUT_TOKEN',
];
/** A copy of env without the runner's tokens and URLs. */
function scrubEnv(env) {
    const clean = {};
    for (const [name, value] of Object.entries(env)) {
        if (value !== undefined && !SECRET_VARIABLES.includes(name.toUpperCase()))
            clean[name] = value;
    }
    return clean;
}
/**
 * The proxy's memory settings (bench/README.md): a small young generation for objects that die
 * young, large buffers mmap'd so freed ones leave RSS, two malloc arenas. The environment's win.
 */
function proxyEnv(env) {
    const nodeOptions = env.NODE_OPTIONS ?? '';
    return {
        ...env,
        MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2',
        MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
        NODE_OPTIONS: nodeOptions.includes('--max-semi-space-size')
            ? nodeOptions
            : `${nodeOptions} --max-semi-space-size=1`.trim(),
    };
}
/**
 * Spawns the proxy detached (stdio to a log file, unref'd) so it outlives the step. It waits for
 * its configuration on stdin, which start() sends: nothing of it is on the command line.
 */
function spawnProxy(options) {
    const log = (0,external_node_path_namespaceObject.join)(options.dir, 'proxy.log');
    const readyFile = (0,external_node_path_namespaceObject.join)(options.dir, READY_FILE);
    const spawn = options.spawn ?? external_node_child_process_namespaceObject.spawn;
    const fd = (0,external_node_fs_namespaceObject.openSync)(log, 'a');
    let child;
    try {
        child = spawn(process.execPath, [options.cli, 'serve', '--config-stdin', '--ready-file', readyFile], {
            detached: true,
            stdio: ['pipe', fd, fd],
            env: proxyEnv(scrubEnv(options.env)),
            windowsHide: true,
        });
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
    let exited;
    child.on('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
    child.on('error', (error) => (exited = `could not start: ${error.message}`));
    child.stdin?.on('error', () => { }); // an early exit closes the pipe; the exit handler reports it
    return {
        async start(config, deadlineMs = 10_000) {
            // One line; stdin stays open until release() (serve/run.ts readConfigLine). Should main die
            // first, the pipe closes all the same and the prefetch starts.
            child.stdin?.write(JSON.stringify(config) + '\n');
            try {
                const deadline = Date.now() + deadlineMs;
                const ready = await waitForReadyFile(readyFile, deadline, () => exited);
                await waitForHealth(ready.url, config.token, deadline, () => exited);
                return { ...ready, log };
            }
            catch (error) {
                if (child.pid !== undefined && exited === undefined)
                    killQuietly(child.pid, 'SIGKILL');
                throw new Error(`${error.message}${logTail(log)}`, { cause: error });
            }
            finally {
                child.removeAllListeners();
                child.unref();
            }
        },
        release() {
            child.stdin?.end();
        },
    };
}
/** Spawns the proxy and starts it at once, its prefetch released (see spawnProxy). */
function launchProxy(options) {
    const pending = spawnProxy(options);
    const launched = pending.start(options.config, options.deadlineMs);
    pending.release();
    return launched;
}
async function waitForReadyFile(file, deadline, exited) {
    while (true) {
        const why = exited();
        if (why !== undefined)
            throw new Error(`the proxy ${why} before it was ready`);
        const text = await (0,promises_namespaceObject.readFile)(file, 'utf8').catch(() => undefined);
        if (text !== undefined) {
            const ready = JSON.parse(text);
            const { url, goproxy, port, pid } = ready;
            if (typeof url !== 'string' || typeof goproxy !== 'string' || typeof port !== 'number') {
                throw new Error(`the proxy's ready file ${file} is malformed`);
            }
            return { url, goproxy, port, pid: typeof pid === 'number' ? pid : -1 };
        }
        if (Date.now() > deadline)
            throw new Error('the proxy was not ready within the deadline');
        await sleep(20);
    }
}
async function waitForHealth(url, token, deadline, exited) {
    while (true) {
        const why = exited();
        if (why !== undefined)
            throw new Error(`the proxy ${why} before it was healthy`);
        if ((await healthStatus(url, token)) === 200)
            return;
        if (Date.now() > deadline)
            throw new Error(`the proxy did not answer ${url}/healthz within the deadline`);
        await sleep(50);
    }
}
/** The status of GET /healthz, or 0 when it could not be reached within a second. */
function healthStatus(url, token) {
    return new Promise((resolve) => {
        const headers = token ? { authorization: `Bearer ${token}` } : {};
        const req = (0,external_node_http_namespaceObject.request)(`${url}/healthz`, { headers, timeout: 1000 }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
        });
        req.on('timeout', () => req.destroy());
        req.on('error', () => resolve(0));
        req.end();
    });
}
/**
 * Stops the proxy: SIGTERM (it closes gracefully and flushes its journal), waits up to timeoutMs,
 * then SIGKILL. Post is another process than main, so it can only poll whether the pid lives.
 * With `readyFile`, a pid that is not our proxy any more (it died and the pid was reused) is left alone.
 */
async function stopProxy(pid, timeoutMs = 8_000, readyFile) {
    if (!alive(pid) || (readyFile !== undefined && !isOurs(pid, readyFile)))
        return 'gone';
    killQuietly(pid, 'SIGTERM');
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (!alive(pid))
            return 'stopped';
        // A proxy with nothing in flight is gone in a few tens of ms; post waits on this poll.
        await sleep(10);
    }
    killQuietly(pid, 'SIGKILL');
    return 'killed';
}
/** Whether pid is a live process (a zombie awaiting its reaper counts as gone). */
function alive(pid) {
    try {
        process.kill(pid, 0);
    }
    catch {
        return false;
    }
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    }
    catch {
        return true; // no /proc (macOS, Windows): trust kill(0)
    }
}
/**
 * Whether pid's command line names our ready file (a fresh temp path per launch, so a reused pid
 * cannot match).
 */
function isOurs(pid, readyFile) {
    return launcher_provenOurs(pid, (proc) => readFileSync(`${proc}/cmdline`, 'utf8').split('\0').includes(readyFile));
}
/**
 * Whether /proc shows pid to be the process we started, by `test` of its /proc directory (a pid
 * gone fails the test). Without /proc (macOS, Windows) the pid is trusted.
 */
function launcher_provenOurs(pid, test) {
    try {
        return test(`/proc/${pid}`);
    }
    catch {
        return !existsSync('/proc/self');
    }
}
function killQuietly(pid, signal) {
    try {
        process.kill(pid, signal);
    }
    catch {
        // already gone
    }
}
function logTail(log) {
    try {
        const lines = (0,external_node_fs_namespaceObject.readFileSync)(log, 'utf8').trim().split('\n').slice(-5).join('\n');
        return lines === '' ? '' : `\n${lines}`;
    }
    catch {
        return '';
    }
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

;// CONCATENATED MODULE: ./src/action/paths.ts


/** The proxy's CLI bundle beside this bundle: dist/main/index.js -> dist/cli/index.js. */
function cliBundle() {
    return (0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url)), '..', 'cli', 'index.js');
}
/** The GOCACHEPROG program's bundle beside this bundle: dist/main/index.js -> dist/cacheprog/index.js. */
function cacheprogBundle() {
    return (0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url)), '..', 'cacheprog', 'index.js');
}

;// CONCATENATED MODULE: ./src/proxy/module/gosum.ts
// go.sum / go.work.sum files: the h1 hashes every .zip and .mod must match, and the set of module
// versions to prefetch. Several files merge into one set.


// The h1 of an empty go.mod: old go commands wrote it by mistake, and cmd/go drops such lines.
const emptyGoModHash = 'h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=';
const h1Pattern = /^h1:[A-Za-z0-9+/]{43}=$/;
/** The h1 hashes of a set of go.sum files, keyed by module version. */
class GoSums {
    entries = new Map();
    /** Parses go.sum text into a new set (or into `into`); a malformed line throws naming source:line. */
    static parse(text, into, source = 'go.sum') {
        const sums = into ?? new GoSums();
        text.split('\n').forEach((line, i) => {
            const fields = line.trim().split(/\s+/);
            if (fields[0] === '')
                return;
            const problem = sums.add(fields);
            if (problem)
                throw new Error(`malformed go.sum: ${source}:${i + 1}: ${problem}: ${JSON.stringify(line)}`);
        });
        return sums;
    }
    /** Reads and merges go.sum files; a missing or malformed file is an error naming it. */
    static async load(files) {
        const sums = new GoSums();
        for (const file of files) {
            let text;
            try {
                text = await (0,promises_namespaceObject.readFile)(file, 'utf8');
            }
            catch (err) {
                throw new Error(`cannot read go.sum file ${file}: ${err.message}`, { cause: err });
            }
            GoSums.parse(text, sums, file);
        }
        return sums;
    }
    /** The h1 values go.sum allows for the zip of module@version, or undefined when it names none. */
    zip(module, version) {
        const e = this.entries.get(key(module, version));
        return e && e.zip.length > 0 ? [...e.zip] : undefined;
    }
    /** The h1 values go.sum allows for the go.mod of module@version, or undefined when it names none. */
    mod(module, version) {
        const e = this.entries.get(key(module, version));
        return e && e.mod.length > 0 ? [...e.mod] : undefined;
    }
    /** Every module version named, sorted; zip is true when a full (not only /go.mod) line exists. */
    versions() {
        return [...this.entries.values()]
            .sort((a, b) => a.module === b.module ? compareVersions(a.version, b.version) : a.module < b.module ? -1 : 1)
            .map((e) => ({ module: e.module, version: e.version, zip: e.zip.length > 0 }));
    }
    /** How many distinct module versions the files name. */
    get size() {
        return this.entries.size;
    }
    add(fields) {
        if (fields.length !== 3)
            return `wrong number of fields (${fields.length}, want 3)`;
        const [module, rawVersion, hash] = fields;
        if (hash === emptyGoModHash)
            return undefined;
        const isMod = rawVersion.endsWith('/go.mod');
        const version = isMod ? rawVersion.slice(0, -'/go.mod'.length) : rawVersion;
        const badPath = checkPath(module);
        if (badPath)
            return badPath;
        if (!isCanonicalVersion(version))
            return `version ${JSON.stringify(version)} is not canonical`;
        if (!h1Pattern.test(hash))
            return `hash ${JSON.stringify(hash)} is not an h1 hash`;
        const k = key(module, version);
        let e = this.entries.get(k);
        if (!e) {
            e = { module, version, zip: [], mod: [] };
            this.entries.set(k, e);
        }
        const list = isMod ? e.mod : e.zip;
        if (!list.includes(hash))
            list.push(hash);
        return undefined;
    }
}
function key(module, version) {
    return `${module}@${version}`;
}

;// CONCATENATED MODULE: ./src/action/state.ts

const NAME = 'go-mod-cache';
/** Saves the state for the post step. */
function state_saveState(state, save = saveState) {
    save(NAME, JSON.stringify(state));
}
/** The state main saved, or undefined when there is none (main failed early) or it is malformed. */
function loadState(get = core.getState) {
    const raw = get(NAME);
    if (raw === '')
        return undefined;
    let value;
    try {
        value = JSON.parse(raw);
    }
    catch {
        return undefined;
    }
    return isState(value) ? value : undefined;
}
const shape = {
    primaryKey: 'string',
    matchedKey: 'string',
    sumFile: 'string',
    store: 'string',
    entryPath: 'string',
    saveAllowed: 'boolean',
    saveAlways: 'boolean',
    cacheFailed: 'boolean',
    startedAt: 'number',
    restoreMs: 'number',
};
const restoredShape = { files: 'number', modules: 'number', bytes: 'number' };
const proxyShape = {
    pid: 'number',
    url: 'string',
    goproxy: 'string',
    log: 'string',
    journal: 'string',
};
function matches(value, fields) {
    if (typeof value !== 'object' || value === null)
        return false;
    const record = value;
    return Object.entries(fields).every(([name, type]) => typeof record[name] === type);
}
/** Checks every field's type, so post never acts on a half-written or foreign blob. */
function isState(value) {
    if (!matches(value, shape))
        return false;
    if (!matches(value.restored, restoredShape))
        return false;
    // Optional for states written before it existed; a string when present.
    if (value.upstream !== undefined && typeof value.upstream !== 'string')
        return false;
    if (value.noProxy !== undefined && typeof value.noProxy !== 'string')
        return false;
    if (value.goauth !== undefined && typeof value.goauth !== 'string')
        return false;
    if (value.base !== undefined && !matches(value.base, { key: 'string', files: 'string' }))
        return false;
    if (value.build !== undefined && !matches(value.build, buildShape))
        return false;
    if (value.build !== undefined && !['undefined', 'string'].includes(typeof value.build.mark))
        return false;
    if (value.toolchain !== undefined && !matches(value.toolchain, toolchainShape))
        return false;
    if (value.extract !== undefined &&
        !matches(value.extract, { pid: 'number', modules: 'number', log: 'string' }))
        return false;
    return value.proxy === null || matches(value.proxy, proxyShape);
}
const toolchainShape = {
    goos: 'string',
    goarch: 'string',
    download: 'string',
    prefix: 'string',
    matchedKey: 'string',
    since: 'number',
    saveAllowed: 'boolean',
};
const buildShape = {
    gocache: 'string',
    prefix: 'string',
    mode: 'string',
    journal: 'string',
    since: 'number',
    version: 'string',
    saveAllowed: 'boolean',
    matchedKey: 'string',
    restoredList: 'string',
    restoredBytes: 'number',
};

;// CONCATENATED MODULE: ./src/buildcache/layout.ts


// The go command's build cache layout (cmd/go/internal/cache): 256 directories `00`..`ff`, each
// holding action entries `<action id>-a` and outputs `<output id>-d`, ids in lower-case hex. Since
// Go 1.24 an executable (go run, go tool) is an output directory holding the one binary.
const CACHE_FILE = /^[0-9a-f]{2}\/[0-9a-f]{64}-[ad]$/;
const EXECUTABLE = /^[0-9a-f]{2}\/[0-9a-f]{64}-d\/(?!\.\.?$)[^/\\]+$/;
/** A build-cache-relative path (`ab/<64 hex>-a|d`, or `ab/<64 hex>-d/<binary>`) that the layout allows; nothing else is saved or restored. */
function isCacheFile(rel) {
    return (CACHE_FILE.test(rel) || EXECUTABLE.test(rel)) && rel.slice(0, 2) === rel.slice(3, 5);
}
/** The path whose mtime the go command marks on use: an executable's directory, else the file. */
function markedPath(rel) {
    return EXECUTABLE.test(rel) ? (0,external_node_path_namespaceObject.dirname)(rel) : rel;
}
/** The path of an action entry (`-a`) or an output (`-d`) for an id given as hex. */
function cacheFile(hex, kind) {
    return `${hex.slice(0, 2)}/${hex}-${kind}`;
}
/**
 * Every cache file under `dir` (relative paths), with size and mtime; other files are ignored, and
 * so is a symbolic link (the go command writes none; a restored entry's could point anywhere).
 */
async function listCacheFiles(dir) {
    const out = new Map();
    const subdirs = (await (0,promises_namespaceObject.readdir)(dir).catch(() => [])).filter((d) => /^[0-9a-f]{2}$/.test(d));
    await Promise.all(subdirs.map(async (sub) => {
        for (const name of await (0,promises_namespaceObject.readdir)((0,external_node_path_namespaceObject.join)(dir, sub)).catch(() => [])) {
            const rel = `${sub}/${name}`;
            if (!isCacheFile(rel))
                continue;
            const st = await (0,promises_namespaceObject.lstat)((0,external_node_path_namespaceObject.join)(dir, rel)).catch(() => undefined);
            if (st?.isFile())
                out.set(rel, { size: st.size, mtimeMs: st.mtimeMs, birthtimeMs: st.birthtimeMs });
            else if (st?.isDirectory())
                await addExecutable(dir, rel, st, out);
        }
    }));
    return out;
}
// An executable output: its one binary, timed by the directory (what the go command marks on use).
async function addExecutable(dir, rel, { mtimeMs, birthtimeMs }, out) {
    const names = await (0,promises_namespaceObject.readdir)((0,external_node_path_namespaceObject.join)(dir, rel)).catch(() => []);
    const binary = `${rel}/${names[0] ?? ''}`;
    if (names.length !== 1 || !isCacheFile(binary))
        return;
    const st = await (0,promises_namespaceObject.lstat)((0,external_node_path_namespaceObject.join)(dir, binary)).catch(() => undefined);
    if (st?.isFile())
        out.set(binary, { size: st.size, mtimeMs, birthtimeMs });
}
/** The output (`ab/<64 hex>-d`) an action entry names, or undefined when it names none. */
async function actionOutput(dir, rel) {
    const entry = await readFile(join(dir, rel), 'latin1').catch(() => '');
    const output = /^v1 [0-9a-f]{64} ([0-9a-f]{64}) /.exec(entry)?.[1];
    return output === undefined ? undefined : cacheFile(output, 'd');
}
/**
 * The go command refreshes a cache file's mtime when it uses it, but only when the mtime is over an
 * hour old. Setting files this far back makes every use this job visible as a fresh mtime.
 */
const AGED_MS = 2 * 60 * 60 * 1000;
/** Sets each file's mtime (and atime) to `atMs`; files that vanished meanwhile are skipped. */
async function setTimes(dir, rels, atMs) {
    const at = new Date(atMs);
    const jobs = [];
    for (const rel of rels)
        jobs.push((0,promises_namespaceObject.utimes)((0,external_node_path_namespaceObject.join)(dir, markedPath(rel)), at, at).catch(() => undefined));
    await Promise.all(jobs);
}
/**
 * Whether an action entry records a package index (cmd/go/internal/modindex) rather than a compile,
 * link or test run. The go command indexes the job's own packages keyed by their files' mtimes, so a
 * fresh checkout makes new index entries every job: they alone are no reason to save.
 */
async function layout_isIndexAction(dir, rel) {
    const output = await actionOutput(dir, rel);
    if (!output)
        return false;
    const file = await open(join(dir, output)).catch(() => undefined);
    if (!file)
        return false;
    try {
        const { buffer, bytesRead } = await file.read(Buffer.alloc(INDEX_MAGIC.length), 0, INDEX_MAGIC.length, 0);
        return buffer.toString('latin1', 0, bytesRead) === INDEX_MAGIC;
    }
    finally {
        await file.close();
    }
}
// The start of every module index file the go command writes ("go index v2" since Go 1.20).
const INDEX_MAGIC = 'go index v';

;// CONCATENATED MODULE: ./src/buildcache/restore.ts



/**
 * Moves a restored entry's cache files into GOCACHE (never over a file it has: the go command may
 * be using it), then sets them, and any file used in the last hour, two hours back, so that
 * whatever this job uses gets a fresh mtime (the go command refreshes one only when over an hour old).
 * `entry` is the entry directory's listing when the caller already has it.
 */
async function moveIntoGoCache(entryDir, gocache, { nowMs = Date.now(), entry } = {}) {
    const [files, have] = await Promise.all([entry ?? listCacheFiles(entryDir), listCacheFiles(gocache)]);
    await (0,promises_namespaceObject.mkdir)(gocache, { recursive: true });
    const bySubdir = new Map();
    for (const rel of files.keys()) {
        const list = bySubdir.get(rel.slice(0, 2)) ?? [];
        if (list.length === 0)
            bySubdir.set(rel.slice(0, 2), list);
        list.push(rel);
    }
    const moved = await Promise.all([...bySubdir].map(async ([sub, rels]) => (await moveSubdir(entryDir, gocache, sub, rels.length))
        ? rels
        : moveFiles(entryDir, gocache, rels, have)));
    await (0,promises_namespaceObject.rm)(entryDir, { recursive: true, force: true });
    await setTimes(gocache, [...files.keys(), ...recentOf(have, nowMs)], nowMs - AGED_MS);
    const sizes = new Map([...files].map(([rel, info]) => [rel, info.size]));
    const movedFiles = moved.flat();
    const bytes = movedFiles.reduce((sum, rel) => sum + (sizes.get(rel) ?? 0), 0);
    return { files: sizes, moved: movedFiles.length, bytes };
}
// A subdirectory holding nothing but plain cache files moves in one rename while GOCACHE has no
// such subdirectory, or an empty one (a fresh runner): thousands of renames fewer.
async function moveSubdir(entryDir, gocache, sub, count) {
    const names = await (0,promises_namespaceObject.readdir)((0,external_node_path_namespaceObject.join)(entryDir, sub), { withFileTypes: true });
    const plain = names.length === count && names.every((d) => d.isFile() && isCacheFile(`${sub}/${d.name}`));
    if (!plain)
        return false;
    try {
        await (0,promises_namespaceObject.rename)((0,external_node_path_namespaceObject.join)(entryDir, sub), (0,external_node_path_namespaceObject.join)(gocache, sub));
        return true;
    }
    catch {
        // GOCACHE's holds files (ENOTEMPTY, EEXIST), or lies on another filesystem (EXDEV).
        return false;
    }
}
// File by file, leaving out those GOCACHE has; the files moved.
async function moveFiles(entryDir, gocache, rels, have) {
    const missing = rels.filter((rel) => !have.has(rel));
    const dirs = new Set(missing.map((rel) => (0,external_node_path_namespaceObject.dirname)(rel)));
    await Promise.all([...dirs].map((d) => (0,promises_namespaceObject.mkdir)((0,external_node_path_namespaceObject.join)(gocache, d), { recursive: true })));
    await Promise.all(missing.map((rel) => restore_place((0,external_node_path_namespaceObject.join)(entryDir, rel), (0,external_node_path_namespaceObject.join)(gocache, rel))));
    return missing;
}
/** Without an entry to restore: sets GOCACHE's files used in the last hour back, as moveIntoGoCache does. */
async function ageRecent(gocache, nowMs = Date.now()) {
    await setTimes(gocache, recentOf(await listCacheFiles(gocache), nowMs), nowMs - AGED_MS);
}
// Files whose next use the go command would not mark (it refreshes only mtimes over an hour old).
function recentOf(files, nowMs) {
    return [...files].filter(([, info]) => info.mtimeMs > nowMs - AGED_MS / 2).map(([rel]) => rel);
}
// A rename where both sit on one filesystem, else a copy (the workspace and GOCACHE may not).
async function restore_place(from, to) {
    try {
        await (0,promises_namespaceObject.rename)(from, to);
    }
    catch (error) {
        if (error.code !== 'EXDEV')
            throw error;
        await (0,promises_namespaceObject.copyFile)(from, to);
    }
}

;// CONCATENATED MODULE: ./src/buildcache/entry.ts











/** Build cache entries: saved from GOCACHE, named as under this workspace path. */
const BUILD_ENTRY = { path: '.go-build-cache-entry', isFile: isCacheFile };
/**
 * The key every build cache entry of this platform and Go version starts with; the restore key
 * reaches the newest of them, whatever the dependency set, so a bump recompiles only its dependents.
 */
function buildKeyPrefix(keyPrefix, go) {
    return `${keyPrefix}-build-${keyPart(go.goos)}-${keyPart(go.goarch)}-${keyPart(go.version)}-`;
}
/**
 * The prefixes a job restores by, its own first: a scope (a matrix entry's name, say) keeps each
 * job's newest entry its own, so matrix jobs that build different packages do not restore each
 * other's; without one of its own yet, a job takes the newest of any scope.
 */
function buildRestorePrefixes(prefix, scope) {
    return scope === '' ? [prefix] : [`${prefix}${keyPart(scope)}-`, prefix];
}
// What a key can hold of any text: no commas, no spaces, nothing a cache server might refuse.
const keyPart = (s) => s.replace(/[^A-Za-z0-9._]+/g, '_');
/** An entry's key names its content: matrix siblings that used the same outputs share one. */
function buildKey(prefix, used) {
    const hash = createHash('sha256')
        .update([...used].sort().join('\n'))
        .digest('hex');
    return `${prefix}${hash.slice(0, 40)}`;
}
/**
 * Restores into GOCACHE the newest entry of the first of `prefixes` that has one; a cache failure
 * leaves the job uncached.
 */
async function restoreBuildCache(cache, workspace, prefixes, gocache, dir) {
    const entryDir = (0,external_node_path_namespaceObject.join)(workspace, BUILD_ENTRY.path);
    const restoredList = (0,external_node_path_namespaceObject.join)(dir, 'build-restored.json');
    await (0,promises_namespaceObject.rm)(entryDir, { recursive: true, force: true });
    await (0,promises_namespaceObject.writeFile)(restoredList, '[]');
    const outcome = await cache.restore([BUILD_ENTRY.path], prefixes[0], prefixes, false);
    const matchedKey = outcome.value ?? '';
    if (!matchedKey)
        return { matchedKey, restoredList, restoredBytes: 0, files: 0, failed: outcome.failed };
    // Listed once: the listing serves the layer's bookkeeping and the move, unless a base joins it.
    const listed = await listCacheFiles(entryDir);
    const sizes = new Map([...listed].map(([rel, info]) => [rel, info.size]));
    const baseFile = (0,external_node_path_namespaceObject.join)(dir, 'build-base.json');
    const layered = await restoreLayer(cache, entryDir, matchedKey, baseFile, BUILD_ENTRY, sizes);
    const joined = layered.base !== undefined && layered.base.key !== matchedKey;
    const into = await moveIntoGoCache(entryDir, gocache, joined ? {} : { entry: listed });
    await (0,promises_namespaceObject.writeFile)(restoredList, JSON.stringify([...into.files]));
    return {
        matchedKey,
        restoredList,
        restoredBytes: into.bytes,
        files: into.files.size,
        failed: outcome.failed || layered.failed,
        ...(layered.base ? { base: layered.base } : {}),
    };
}
/**
 * Saves exactly what this job used and produced, when it produced anything: a layer of the new
 * files on the restored base while they are few, else a whole entry.
 */
async function entry_saveBuildCache(state, cache) {
    const used = state.mode === 'prog'
        ? await usedFromJournal(state.gocache, state.journal)
        : await usedSince(state.gocache, state.since);
    // Asked after the times are read: a job that touched GOCACHE before then had marked it first.
    const shared = state.mode === 'dir' && state.mark ? await othersSince(state.gocache, state.mark) : 0;
    if (shared > 0) {
        const reason = `${shared} job(s) of other runners used GOCACHE meanwhile, whose use its times do not tell from this job's (build-cache: gocacheprog does)`;
        core.info(`Not saving the build cache: ${reason}`);
        return { key: '', reason, used: 0, actions: 0, fresh: 0, bytes: 0, shared };
    }
    const restored = new Map(JSON.parse(await readFile(state.restoredList, 'utf8').catch(() => '[]')));
    // New actions are what is new: the go command may rewrite an output of an action it had
    // (a directory listing, say), which alone is no reason to save; nor is a new package index.
    const fresh = await freshActions(state.gocache, used, restored);
    const actions = [...used.keys()].filter((rel) => rel.endsWith('-a')).length;
    const counts = { used: used.size, actions, fresh: fresh.length, bytes: 0 };
    if (used.size === 0)
        return { key: '', reason: 'nothing was built', ...counts };
    if (fresh.length === 0)
        return { key: '', reason: 'nothing new was built', ...counts };
    const key = buildKey(state.prefix, used.keys());
    const lookup = await cache.restore([BUILD_ENTRY.path], key, [layerKeyOf(key)], true);
    if (lookup.failed)
        return { key: '', reason: 'the cache service failed', ...counts };
    if (lookup.value)
        return { key: '', reason: 'saved by another job', ...counts };
    const layer = state.base
        ? await planLayer(state.base, await baseFiles(state.base), [...used.keys()], state.gocache).catch(() => undefined)
        : undefined;
    const savedKey = layer ? layerKeyOf(key) : key;
    const files = layer?.files ?? [...used.keys()];
    const bytes = layer?.bytes ?? [...used.values()].reduce((a, b) => a + b, 0);
    const manifest = layer ? { name: LAYER_FILE, text: JSON.stringify(layer.layer) } : undefined;
    const outcome = await cache.saveFiles(state.gocache, files, BUILD_ENTRY.path, savedKey, manifest);
    if (outcome.value === -1)
        return {
            key: '',
            reason: outcome.failed ? 'the cache service failed' : 'saved by another job',
            ...counts,
        };
    core.info(`Saved ${savedKey}: ${files.length} build cache files, ${bytes} bytes` +
        (layer ? ` on ${layer.layer.base}` : ''));
    return {
        key: savedKey,
        reason: 'saved',
        ...counts,
        bytes,
        ...(layer ? { layer: { base: layer.layer.base, files: layer.files.length, bytes: layer.bytes } } : {}),
    };
}
// Compiles, links and test runs this job did itself: action entries it used that were not restored.
async function freshActions(gocache, used, restored) {
    const candidates = [...used.keys()].filter((rel) => rel.endsWith('-a') && !restored.has(rel));
    const indexes = await mapLimited(candidates, FILE_CONCURRENCY, (rel) => isIndexAction(gocache, rel));
    return candidates.filter((_, i) => !indexes[i]);
}

;// CONCATENATED MODULE: ./src/buildcache/goenv.ts

/**
 * Asks the go command on the job's PATH (in the job's environment and directory, so a toolchain
 * switch is the one the build will use) for its version, platform and build cache.
 */
function readGoBuildEnv(env, cwd) {
    const names = ['GOVERSION', 'GOOS', 'GOARCH', 'GOCACHE', 'GOCACHEPROG'];
    return new Promise((resolve) => {
        (0,external_node_child_process_namespaceObject.execFile)('go', ['env', '-json', ...names], { env, cwd, timeout: 120_000 }, (error, stdout, stderr) => {
            if (error) {
                const missing = error.code === 'ENOENT';
                resolve({
                    reason: missing ? 'no go command on PATH' : `go env failed: ${stderr.trim() || error.message}`,
                });
                return;
            }
            resolve(parseGoEnv(stdout));
        });
    });
}
/** `go env -json` output read into a GoBuildEnv, or why it cannot be used. */
function parseGoEnv(stdout) {
    let v;
    try {
        v = JSON.parse(stdout);
    }
    catch {
        return { reason: 'go env printed no JSON' };
    }
    const str = (k) => (typeof v[k] === 'string' ? v[k] : '');
    const out = {
        version: str('GOVERSION'),
        goos: str('GOOS'),
        goarch: str('GOARCH'),
        gocache: str('GOCACHE'),
        gocacheprog: str('GOCACHEPROG'),
    };
    if (!/^go\d/.test(out.version) || !out.goos || !out.goarch)
        return { reason: 'go env named no version or platform' };
    if (out.gocache === '' || out.gocache === 'off')
        return { reason: `GOCACHE is ${out.gocache || 'unset'}` };
    return out;
}
/** Go 1.24 brought GOCACHEPROG; go1.24rc1 and later count. */
function hasCacheProg(version) {
    const m = /^go(\d+)\.(\d+)/.exec(version);
    return m !== null && (Number(m[1]) > 1 || Number(m[2]) >= 24);
}

;// CONCATENATED MODULE: ./src/buildcache/sharers.ts



// Jobs that share one GOCACHE (self-hosted runners of one user on one machine). The directory mode
// reads a job's use from the files' times, which every go command there sets: while another job
// runs, its outputs (maybe another repository's) would count as this job's, and its restore sets
// back times this job's use left. So each job marks GOCACHE for its lifetime, and a post that
// reads times saves nothing when another runner's job overlapped its own.
/** The marks' directory in GOCACHE: the go command keeps to its two-hex-digit subdirectories. */
const JOBS_DIR = 'go-mod-cache-jobs';
/** A mark not ended this long after (a runner that died mid-job) no longer counts: a job's default timeout. */
const LIFETIME_MS = (/* unused pure expression or super */ null && (6 * 60 * 60 * 1000));
// <start ms>-<runner>-<random>, and -<end ms> once the job's post has run.
const MARK = /^(\d+)-([0-9a-f]{12})-([0-9a-f]{8})(?:-(\d+))?$/;
/**
 * Marks GOCACHE as used by this job from `nowMs` on; the mark's name, or undefined when GOCACHE
 * takes no mark (read-only): then other jobs cannot see this one, which it cannot help.
 */
async function markJob(gocache, runnerName, nowMs = Date.now()) {
    const name = `${nowMs}-${runnerId(runnerName)}-${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}`;
    try {
        await (0,promises_namespaceObject.mkdir)((0,external_node_path_namespaceObject.join)(gocache, JOBS_DIR), { recursive: true });
        await (0,promises_namespaceObject.writeFile)((0,external_node_path_namespaceObject.join)(gocache, JOBS_DIR, name), '');
        return name;
    }
    catch {
        return undefined;
    }
}
/**
 * How many jobs of other runners used GOCACHE at some time since this job's mark: running now, or
 * ended after it was made. A runner runs one job at a time, so its other marks are this job's own
 * (the action used twice) or a dead job's. Marks past LIFETIME_MS are removed on the way.
 */
async function sharers_othersSince(gocache, mark, nowMs = Date.now()) {
    const mine = sharers_parse(mark);
    if (mine === undefined)
        return 0;
    const names = await readdir(join(gocache, JOBS_DIR)).catch(() => []);
    let others = 0;
    for (const other of names.map(sharers_parse)) {
        if (other === undefined || other.name === mark)
            continue;
        if (nowMs - (other.end ?? other.start) > LIFETIME_MS) {
            // Another user's mark (a GOCACHE shared across users) may not be ours to remove.
            await rm(join(gocache, JOBS_DIR, other.name), { force: true }).catch(() => undefined);
        }
        else if (other.runner !== mine.runner && (other.end ?? nowMs) >= mine.start) {
            others++;
        }
    }
    return others;
}
/** Ends this job's mark (post's last word on GOCACHE); kept LIFETIME_MS for jobs still running. */
async function sharers_endMark(gocache, mark, nowMs = Date.now()) {
    const mine = sharers_parse(mark);
    if (mine === undefined || mine.end !== undefined)
        return;
    await rename(join(gocache, JOBS_DIR, mark), join(gocache, JOBS_DIR, `${mark}-${nowMs}`)).catch(() => undefined);
}
// RUNNER_NAME names one runner of the machine (hashed: it may hold any character).
function runnerId(name) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(name).digest('hex').slice(0, 12);
}
function sharers_parse(name) {
    const m = MARK.exec(name);
    if (!m)
        return undefined;
    const mark = { name, start: Number(m[1]), runner: m[2] ?? '' };
    if (m[4] !== undefined)
        mark.end = Number(m[4]);
    return mark;
}

;// CONCATENATED MODULE: ./src/action/buildcache.ts







/**
 * Main's part: asks the job's go command for its version and GOCACHE, restores the newest entry
 * of that OS, arch and Go version, and marks the time from which uses count. Never fails the job.
 */
async function startBuildCache(start) {
    if (start.inputs.buildCache === 'false')
        return undefined;
    const go = await readGoBuildEnv(start.env, start.workspace);
    if ('reason' in go)
        return void info(`The Go build cache is not cached: ${go.reason}`);
    if (go.gocacheprog) {
        return void info(`GOCACHEPROG is set by the job (${go.gocacheprog}): the build cache is left to it`);
    }
    const mode = buildcache_cacheMode(start.inputs.buildCache, go);
    const prefixes = buildRestorePrefixes(buildKeyPrefix(start.inputs.keyPrefix, go), start.inputs.buildCacheScope);
    // The job saves under its own scope's prefix.
    const prefix = prefixes[0];
    // Before the restore, whose times another job sharing GOCACHE would misread.
    const mark = await markJob(go.gocache, start.env.RUNNER_NAME ?? '');
    const restored = await group('Restore the Go build cache', () => buildcache_restore(start, prefixes, go));
    const journal = (0,external_node_path_namespaceObject.join)(start.dir, 'gocacheprog.journal');
    if (mode === 'prog')
        exportVariable('GOCACHEPROG', progCommand(go.gocache, journal));
    return {
        gocache: go.gocache,
        prefix,
        mode,
        journal,
        since: Date.now(),
        version: go.version,
        saveAllowed: start.saveAllowed && !restored.failed,
        matchedKey: restored.matchedKey,
        restoredList: restored.restoredList,
        restoredBytes: restored.restoredBytes,
        ...(restored.base ? { base: restored.base } : {}),
        ...(mark ? { mark } : {}),
    };
}
function buildcache_cacheMode(input, go) {
    if (input !== 'gocacheprog')
        return 'dir';
    if (hasCacheProg(go.version))
        return 'prog';
    info(`${go.version} has no GOCACHEPROG (Go 1.24+): the build cache's use is read from GOCACHE's times`);
    return 'dir';
}
// A cache failure leaves the build cache as it was: uncached, never a failed job.
async function buildcache_restore(start, prefixes, go) {
    const none = { matchedKey: '', restoredList: '', restoredBytes: 0, files: 0, failed: false };
    try {
        if (!start.read) {
            await ageRecent(go.gocache);
            return none;
        }
        const r = await restoreBuildCache(start.cache, start.workspace, prefixes, go.gocache, start.dir);
        if (!r.matchedKey)
            await ageRecent(go.gocache);
        info(r.matchedKey
            ? `Build cache ${r.matchedKey}: ${r.files} files, ${r.restoredBytes} bytes new to ${go.gocache}`
            : r.failed
                ? 'Build cache not restored: the cache service failed (the warning above says how); building uncached'
                : `No build cache entry for ${prefixes.map((p) => `${p}*`).join(' or ')}`);
        return r;
    }
    catch (error) {
        warning(`go-mod-cache: the build cache was not restored: ${error.message}`);
        return { ...none, failed: true };
    }
}
// The go command splits GOCACHEPROG on spaces, honouring quotes (cmd/internal/quoted).
function progCommand(gocache, journal) {
    const quote = (s) => (/\s|'/.test(s) ? `"${s}"` : s);
    return [process.execPath, cacheprogBundle(), gocache, journal].map(quote).join(' ');
}
/** Post's part: saves what the job used and produced, when it is new. Never fails the job. */
async function saveBuild(state, cache) {
    try {
        if (!state.saveAllowed)
            return undefined;
        return await core.group('Save the Go build cache', () => saveBuildCache(state, cache));
    }
    catch (error) {
        core.warning(`go-mod-cache: the build cache was not saved: ${error.message}`);
        return undefined;
    }
    finally {
        // Whether or not it saves: a job still running beside this one must see it ended.
        if (state.mark)
            await endMark(state.gocache, state.mark);
    }
}

;// CONCATENATED MODULE: ./src/entry/toolchain.ts






/** The module a toolchain switch downloads (cmd/go toolchain.Exec): one zip per version and platform. */
const TOOLCHAIN_MODULE = 'golang.org/toolchain';

/** Every toolchain entry of a platform starts with this; the restore key when the version is unknown. */
function toolchainKeyPrefix(keyPrefix, p) {
    return `${keyPrefix}-toolchain-${p.goos}-${p.goarch}-`;
}
/** The module version of toolchain `name` (go1.27.3) on `p`: v0.0.1-go1.27.3.linux-amd64. */
function toolchainVersion(name, p) {
    return `v0.0.1-${name}.${p.goos}-${p.goarch}`;
}
/** The `go` and `toolchain` directives of a go.mod or go.work file. */
function readGoLines(text) {
    const lines = {};
    for (const m of text.matchAll(/^\s*(go|toolchain)\s+(\S+)\s*(?:\/\/.*)?$/gm))
        lines[m[1]] = m[2];
    return lines;
}
/**
 * The toolchain the go command will switch to (cmd/go toolchain.Select): `null` for none, undefined
 * when it cannot be told here (GOTOOLCHAIN leaves it to a go.mod this job has none of at the root).
 */
function wantedToolchain(gotoolchain, local, file) {
    const [head = '', mode] = gotoolchain.split('+');
    if (head === 'local' && mode === undefined)
        return null;
    if (mode === undefined && head !== 'auto' && head !== 'path')
        return head === local ? null : head;
    if ((mode ?? head) === 'path')
        return null;
    if (file === undefined)
        return undefined;
    let chosen = head === 'auto' || head === 'local' ? local : head;
    const go = file.go && /^1\.\d+$/.test(file.go) && compareGo(file.go, '1.21') >= 0 ? `${file.go}.0` : file.go;
    if (go && compareGo(go, chosen.slice(2)) > 0)
        chosen = `go${go}`;
    if (file.toolchain?.startsWith('go') && compareGo(file.toolchain.slice(2), chosen.slice(2)) > 0)
        chosen = file.toolchain;
    return chosen === local ? null : chosen;
}
/** gover.Compare for release versions (1.27.3, 1.21rc2 sorts before 1.21.0). */
function compareGo(a, b) {
    const parse = (v) => {
        const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+)|(rc|beta)(\d+))?/.exec(v);
        if (!m)
            return [0, 0, -3, 0];
        const kind = m[4] === 'beta' ? -2 : m[4] === 'rc' ? -1 : m[3] === undefined ? -3 : 0;
        return [Number(m[1]), Number(m[2] ?? 0), kind, Number(m[3] ?? m[5] ?? 0)];
    };
    const [x, y] = [parse(a), parse(b)];
    for (let i = 0; i < 4; i++)
        if (x[i] !== y[i])
            return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
    return 0;
}
// What a toolchain entry may hold, relative to GOMODCACHE/cache/download: the module's files (no
// .ziphash: the go command hashes the zip itself), its checksum database lookup, and tiles.
const toolchain_ENTRY_FILE = /^(golang\.org\/toolchain\/@v\/v0\.0\.1-go[^/]+\.(zip|info|mod)|sumdb\/[^/]+\/(lookup\/golang\.org\/toolchain@v0\.0\.1-go[^/]+|tile\/\d+\/(\d+|data)\/(x\d{3}\/)*\d{3}(\.p\/\d+)?))$/;
/** A '/'-separated path a toolchain entry may hold (no dot element, nothing else). */
function isToolchainFile(rel) {
    return toolchain_ENTRY_FILE.test(rel) && !/(^|\/)\.\.?(\/|$)/.test(rel);
}
/**
 * The toolchain zips of `p` in the download directory, each with the files its entry holds: its
 * lookup in the checksum database cache, and the tiles written since `since` (or since that lookup,
 * if older), among which those that verify it.
 */
async function toolchain_toolchainFiles(download, p, since) {
    const dir = join(download, 'golang.org', 'toolchain', '@v');
    const suffix = `.${p.goos}-${p.goarch}.zip`;
    const zips = (await readdir(dir).catch(() => [])).filter((n) => n.startsWith('v0.0.1-go') && n.endsWith(suffix));
    const out = [];
    for (const zip of zips) {
        const version = zip.slice(0, -'.zip'.length);
        const lookups = await lookupsOf(download, version);
        if (lookups.length === 0)
            continue;
        const oldest = Math.min(since, ...lookups.map((l) => l.mtimeMs));
        const module = ['zip', 'info', 'mod'].map((k) => `golang.org/toolchain/@v/${version}.${k}`);
        const present = await existing(download, module);
        const tiles = await tilesSince(download, lookups, oldest);
        out.push({
            name: version.slice('v0.0.1-'.length, -`.${p.goos}-${p.goarch}`.length),
            files: [...present, ...lookups.map((l) => l.rel), ...tiles],
        });
    }
    return out;
}
async function lookupsOf(download, version) {
    const dbs = await readdir(join(download, 'sumdb')).catch(() => []);
    const found = [];
    for (const db of dbs) {
        const rel = `sumdb/${db}/lookup/golang.org/toolchain@${version}`;
        const st = await stat(join(download, rel)).catch(() => undefined);
        if (st?.isFile())
            found.push({ rel, mtimeMs: st.mtimeMs });
    }
    return found;
}
async function existing(root, rels) {
    const here = await Promise.all(rels.map((r) => stat(join(root, r)).then((s) => s.isFile(), () => false)));
    return rels.filter((_, i) => here[i]);
}
async function tilesSince(download, lookups, since) {
    const tiles = [];
    for (const db of new Set(lookups.map((l) => l.rel.split('/')[1]))) {
        const { files } = await walk(join(download, 'sumdb', db ?? '', 'tile'));
        for (const file of files) {
            const rel = relative(download, file).split(sep).join('/');
            if (isToolchainFile(rel) && (await stat(file)).mtimeMs >= since)
                tiles.push(rel);
        }
    }
    return tiles.sort();
}
/**
 * Restores the toolchain entry `key` (or, with restore keys, the newest that matches) into the
 * download directory, each file only where it is missing. A cache failure restores nothing.
 */
async function restoreToolchain(cache, workspace, download, key, restoreKeys) {
    const entryDir = (0,external_node_path_namespaceObject.join)(workspace, paths_TOOLCHAIN_ENTRY_PATH);
    await (0,promises_namespaceObject.rm)(entryDir, { recursive: true, force: true });
    try {
        const outcome = await cache.restore([paths_TOOLCHAIN_ENTRY_PATH], key, restoreKeys, false);
        const matchedKey = outcome.value ?? '';
        const files = matchedKey ? await moveInto(entryDir, download) : 0;
        return { matchedKey, files, failed: outcome.failed };
    }
    finally {
        await (0,promises_namespaceObject.rm)(entryDir, { recursive: true, force: true });
    }
}
// Only the files a toolchain entry may hold, never over one the directory has.
async function moveInto(entryDir, download) {
    const { files } = await restore_walk(entryDir);
    let moved = 0;
    for (const file of files) {
        const rel = (0,external_node_path_namespaceObject.relative)(entryDir, file).split(external_node_path_namespaceObject.sep).join('/');
        if (!isToolchainFile(rel))
            continue;
        const to = (0,external_node_path_namespaceObject.join)(download, rel);
        if (await (0,promises_namespaceObject.stat)(to).then(() => true, () => false))
            continue;
        await (0,promises_namespaceObject.mkdir)((0,external_node_path_namespaceObject.dirname)(to), { recursive: true });
        await (0,promises_namespaceObject.rename)(file, to);
        moved++;
    }
    return moved;
}
/**
 * Saves one toolchain's entry under `key` unless it exists or a sibling job claimed it, as the module
 * entry is saved (save.ts): whole, archived from the download directory itself.
 */
async function toolchain_saveToolchain(cache, download, key, files, run) {
    const lookup = await cache.restore([TOOLCHAIN_ENTRY_PATH], key, [], true);
    if (lookup.failed)
        return { key: '', reason: 'the cache service failed' };
    if (lookup.value === key)
        return { key: '', reason: `${key} exists` };
    const claimed = await claim(key, cache, run);
    if (claimed.failed)
        return { key: '', reason: 'the cache service failed' };
    if (!claimed.value)
        return { key: '', reason: 'another job is saving this key' };
    const outcome = await cache.saveFiles(download, files, TOOLCHAIN_ENTRY_PATH, key);
    if (outcome.value === -1)
        return { key: '', reason: outcome.failed ? 'the cache service failed' : 'saved by another job' };
    const sizes = await Promise.all(files.map((f) => stat(join(download, f)).then((s) => s.size, () => 0)));
    const bytes = sizes.reduce((a, b) => a + b, 0);
    core.info(`Saved ${key}: ${files.length} files, ${bytes} bytes`);
    return { key, reason: 'saved', bytes };
}

;// CONCATENATED MODULE: ./src/action/toolchain.ts





/**
 * Main's part, before anything runs the job's go command: reads the toolchain the job will switch
 * to (GOTOOLCHAIN, then the workspace's go.work or go.mod `go` and `toolchain` lines) and restores
 * its entry, else (when that cannot be told) the newest of the platform. Never fails the job.
 */
async function startToolchain(start) {
    const since = Date.now();
    const local = await localGo(start.env, start.dir);
    if ('reason' in local)
        return void debug(`toolchain: ${local.reason}`);
    if (compareGo(local.version.slice(2), '1.21') < 0)
        return undefined;
    const prefix = toolchainKeyPrefix(start.keyPrefix, local);
    const wanted = wantedToolchain(start.env.GOTOOLCHAIN || 'auto', local.version, await goLines(start));
    const { matchedKey, failed } = start.read && wanted !== null
        ? await group('Restore the Go toolchain', () => toolchain_restore(start, prefix, wanted))
        : { matchedKey: '', failed: false };
    const { goos, goarch } = local;
    // As for the module entry: a service that failed in main is not tried again in post.
    const saveAllowed = start.saveAllowed && !failed;
    return { goos, goarch, download: start.download, prefix, matchedKey, since, saveAllowed };
}
// Its exact key when the toolchain is known, else the platform's newest; a failure restores nothing.
async function toolchain_restore(start, prefix, wanted) {
    const key = wanted === undefined ? prefix : `${prefix}${wanted}`;
    try {
        const r = await restoreToolchain(start.cache, start.workspace, start.download, key, wanted ? [] : [prefix]);
        info(r.matchedKey ? `Toolchain ${r.matchedKey}: ${r.files} files` : `No toolchain entry for ${key}`);
        return r;
    }
    catch (error) {
        warning(`go-mod-cache: the toolchain was not restored: ${error.message}`);
        return { matchedKey: '', failed: true };
    }
}
// The go command's own version and platform, asked where no go.mod can make it switch.
function localGo(env, cwd) {
    const names = ['GOVERSION', 'GOHOSTOS', 'GOHOSTARCH'];
    return new Promise((resolve) => {
        (0,external_node_child_process_namespaceObject.execFile)('go', ['env', '-json', ...names], { env: { ...env, GOTOOLCHAIN: 'local', GOWORK: 'off' }, cwd, timeout: 60_000 }, (error, stdout) => {
            if (error)
                return resolve({ reason: `go env failed: ${error.message}` });
            try {
                const v = JSON.parse(stdout);
                const [version = '', goos = '', goarch = ''] = names.map((n) => v[n] ?? '');
                resolve(/^go\d/.test(version) && goos && goarch ? { version, goos, goarch } : { reason: 'no version' });
            }
            catch {
                resolve({ reason: 'go env printed no JSON' });
            }
        });
    });
}
// The go.work the go command would use at the workspace root (GOWORK), else the go.mod there.
async function goLines(start) {
    const gowork = start.env.GOWORK ?? '';
    const files = gowork === 'off' ? ['go.mod'] : gowork && (0,external_node_path_namespaceObject.isAbsolute)(gowork) ? [gowork, 'go.mod'] : ['go.work', 'go.mod'];
    for (const file of files) {
        const text = await (0,promises_namespaceObject.readFile)((0,external_node_path_namespaceObject.isAbsolute)(file) ? file : (0,external_node_path_namespaceObject.join)(start.workspace, file), 'utf8').catch(() => undefined);
        if (text !== undefined)
            return readGoLines(text);
    }
    return undefined;
}
/** Post's part: saves each toolchain the job downloaded that no entry holds yet. Never fails the job. */
async function saveToolchains(state, cache, run) {
    if (!state.saveAllowed)
        return [];
    try {
        const found = await toolchainFiles(state.download, state, state.since);
        const fresh = found.filter((t) => `${state.prefix}${t.name}` !== state.matchedKey);
        if (fresh.length === 0)
            return [];
        return await core.group('Save the Go toolchain', async () => {
            const saved = [];
            for (const t of fresh)
                saved.push(await saveToolchain(cache, state.download, `${state.prefix}${t.name}`, t.files, run));
            return saved;
        });
    }
    catch (error) {
        core.warning(`go-mod-cache: the toolchain was not saved: ${error.message}`);
        return [];
    }
}

;// CONCATENATED MODULE: ./src/action/extract.ts











// Windows caps a command line at 32767 characters; elsewhere the limit is far beyond any go.sum.
const ARGS_BUDGET = process.platform === 'win32' ? 30_000 : 1_000_000;
/**
 * A head start on the go command's own work: every go command extracts each module zip it needs
 * into GOMODCACHE before it builds, and a restored store holds zips only. A detached
 * `go mod download` of the job's restored modules extracts them while main's other work and the
 * later steps run, under the go command's own locks: a build that needs a module being extracted
 * waits for it, one already extracted it takes as is.
 */
async function startExtraction(start) {
    // The go command extracts from GOMODCACHE's download cache: a store of the job's own (input
    // `store`) is not where it looks.
    if ((0,external_node_path_namespaceObject.resolve)(start.store) !== (0,external_node_path_namespaceObject.resolve)(start.modCache, 'cache', 'download'))
        return undefined;
    const modules = await toExtract(start);
    if (modules.length === 0)
        return undefined;
    const args = ['mod', 'download', ...withinBudget(modules)];
    // Its own module, holding the job's go.sum lines: the go command checks every zip against them
    // (a .ziphash the restore kept, or the zip itself), and never touches the job's own go.mod.
    const module = (0,external_node_path_namespaceObject.join)(start.dir, 'extract');
    await (0,promises_namespaceObject.mkdir)(module, { recursive: true });
    await (0,promises_namespaceObject.writeFile)((0,external_node_path_namespaceObject.join)(module, 'go.mod'), 'module go-mod-cache/extract\n');
    await (0,promises_namespaceObject.copyFile)(start.sumFile, (0,external_node_path_namespaceObject.join)(module, 'go.sum'));
    const log = (0,external_node_path_namespaceObject.join)(start.dir, 'extract.log');
    const out = (0,external_node_fs_namespaceObject.openSync)(log, 'w');
    try {
        const child = (0,external_node_child_process_namespaceObject.spawn)('go', args, {
            cwd: module,
            env: extractEnv(start),
            detached: true,
            stdio: ['ignore', out, out],
            windowsHide: true,
        });
        child.on('error', () => undefined);
        if (child.pid === undefined)
            return void info('Modules are not extracted ahead: no go command on PATH');
        child.unref();
        info(`Extracting ${args.length - 2} restored modules into ${start.modCache} in the background`);
        return { pid: child.pid, modules: args.length - 2, log, listed: start.only !== undefined };
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(out);
    }
}
/** Post's part: ends an extraction still running (the job's steps are over), and says what went wrong. */
async function stopExtraction(state) {
    // A job's builds start many processes: the pid may be another's by now, unless it still runs in
    // the extraction's own module.
    if (runsIn(state.pid, join(dirname(state.log), 'extract'))) {
        try {
            // Detached: the group is the go command and anything it started.
            process.kill(process.platform === 'win32' ? state.pid : -state.pid, 'SIGTERM');
            core.debug(`the background extraction (pid ${state.pid}) was still running: stopped`);
        }
        catch {
            // Gone meanwhile.
        }
    }
    const said = (await readFile(state.log, 'utf8').catch(() => '')).trim();
    if (said)
        core.info(`The background extraction said: ${said.split('\n').slice(0, 5).join(' | ')}`);
}
function runsIn(pid, cwd) {
    return provenOurs(pid, (proc) => readlinkSync(`${proc}/cwd`) === cwd);
}
// The restored modules of the go.sum set with a zip in the store and no extracted tree yet.
async function toExtract({ sums, store, modCache, only }) {
    const candidates = sums
        .versions()
        .filter((v) => v.zip && v.module !== TOOLCHAIN_MODULE)
        .map((v) => ({ ...v, zip: relPath({ module: v.module, version: v.version, file: 'zip' }) }))
        .filter((v) => only === undefined || only.has(v.zip));
    const wanted = await pool_mapLimited(candidates, fs_FILE_CONCURRENCY, async ({ module, version, zip }) => {
        const local = ['.info', '.mod', '.zip'].map((ext) => fs_exists((0,external_node_path_namespaceObject.join)(store, zip.slice(0, -4) + ext)));
        const present = (await Promise.all(local)).every(Boolean) && !(await fs_exists(treeOf(modCache, zip)));
        return present ? `${module}@${version}` : undefined;
    });
    return wanted.filter((m) => m !== undefined);
}
function withinBudget(modules) {
    let left = ARGS_BUDGET;
    return modules.filter((m) => (left -= m.length + 1) >= 0);
}
// Offline: only what the store holds, each zip checked against the job's go.sum lines (a .mod go.sum
// has no line for is the job's go command's to check when it loads it). None of the job's flags for
// builds (-mod=vendor makes `go mod download` refuse), no workspace, no toolchain switch.
function extractEnv({ env, modCache }) {
    return {
        ...env,
        GOMODCACHE: modCache,
        GOPROXY: 'off',
        GOSUMDB: 'off',
        GOFLAGS: '-modcacherw',
        GOWORK: 'off',
        GOTOOLCHAIN: 'local',
    };
}

;// CONCATENATED MODULE: ./src/action/main.ts





















/** The main step: key, restore, start the proxy, export GOPROXY/GOFLAGS, save the state for post. */
async function runMain(env, deps = {}) {
    const startedAt = Date.now();
    const context = readContext(env);
    const { inputs, go, runner } = context;
    connect(runner.channel);
    if (inputs instanceof Error)
        return setFailed(inputs.message);
    for (const secret of upstreamSecrets(inputs.upstream))
        setSecret(secret);
    const { dir, store, sumFile, key, pending, cache, useCache, policy } = await prepare(context, inputs, deps);
    // The proxy gets ready while the restore runs; its prefetch waits for release().
    const starting = main_startProxy(pending, inputs, store, key ? sumFile : undefined, dir, context);
    // The toolchain and the build cache restore beside the modules; their lines wait for the modules' group.
    const goCaches = holdLog(() => startGoCaches(context, inputs, starting, dir, cache, policy));
    const restoreStart = Date.now();
    const restore = useCache && key && runner.cache.mode.read
        ? await restoreEntry(cache, key, store, dir, runner.workspace, inputs.verifyRestore)
        : { matchedKey: '', failed: false, restored: none() };
    const restoreMs = Date.now() - restoreStart;
    pending.release();
    const proxy = exportProxy(await starting, inputs, go);
    // Ahead only of what the restore brought: the prefetch fills the store meanwhile, and an
    // extraction of that would be unlisted (the entry then saves no list).
    const brought = key && restore.restored.modules > 0 ? key.lines : undefined;
    const job = { sumFile, store, only: restore.extracted, dir };
    const extract = proxy && brought ? await extractAhead(context, inputs, proxy, brought, job) : undefined;
    const caches = await goCaches.done.finally(goCaches.release);
    const state = {
        primaryKey: key?.primaryKey ?? '',
        matchedKey: restore.matchedKey,
        sumFile,
        store,
        upstream: inputs.upstream,
        noProxy: go.noProxy,
        goauth: go.goauth,
        entryPath: ENTRY_PATH,
        saveAllowed: useCache && policy.write,
        saveAlways: inputs.save === 'always',
        cacheFailed: restore.failed,
        restored: restore.restored,
        ...(restore.base ? { base: restore.base } : {}),
        proxy,
        startedAt,
        restoreMs,
        modCache: go.modCache,
        ...caches,
        ...(extract ? { extract } : {}),
    };
    state_saveState(state);
    setOutputs(state, key !== undefined);
}
/** Main's ground before any restore: its directory, the store, the key, the proxy spawned, the cache policy. */
async function prepare(context, inputs, deps) {
    const { go, runner } = context;
    const dir = await (0,promises_namespaceObject.mkdtemp)((0,external_node_path_namespaceObject.join)(runner.temp, 'go-mod-cache-'));
    const store = inputs.store ? (0,external_node_path_namespaceObject.resolve)(inputs.store) : (0,external_node_path_namespaceObject.join)(go.modCache, 'cache', 'download');
    await (0,promises_namespaceObject.mkdir)(store, { recursive: true });
    // The proxy's Node start-up overlaps the key's file reads; it gets its configuration after them.
    const pending = spawnProxy({ cli: deps.cli ?? cliBundle(), dir, env: context.env, spawn: deps.spawn });
    const cache = deps.cache ?? actionsCache(runner.cache);
    // Loading the cache library overlaps the key's file reads.
    const cacheAvailable = inputs.cache ? cache.available() : Promise.resolve(false);
    const key = await dependencyKey(inputs, [go.modCache, store]);
    const sumFile = (0,external_node_path_namespaceObject.join)(dir, 'go.sum');
    await (0,promises_namespaceObject.writeFile)(sumFile, key ? key.lines.join('\n') + '\n' : '');
    const available = await cacheAvailable;
    const useCache = inputs.cache && key !== undefined && available;
    if (inputs.cache && key !== undefined && !available) {
        info('The Actions cache service is not available to this job: running uncached');
    }
    const policy = cachePolicy(inputs, runner, available);
    return { dir, store, sumFile, key, pending, cache, useCache, policy };
}
/**
 * The go command's toolchain and build cache, restored beside the modules. The toolchain comes
 * first, so that the build cache's `go env` finds a switch's toolchain restored; that `go env`
 * runs in the environment later steps get, so it waits for the proxy's address. None fails the job.
 */
async function startGoCaches(context, inputs, starting, dir, cache, policy) {
    const { go, runner } = context;
    const toolchain = await startToolchain({
        keyPrefix: inputs.keyPrefix,
        env: context.env,
        workspace: runner.workspace,
        dir,
        download: (0,external_node_path_namespaceObject.join)(go.modCache, 'cache', 'download'),
        cache,
        read: policy.read,
        saveAllowed: policy.write,
    });
    const build = await startBuildCache({
        inputs,
        env: laterStepsEnv(context, proxyState(await starting), inputs.upstream),
        workspace: runner.workspace,
        dir,
        cache,
        read: policy.read,
        saveAllowed: policy.write,
    });
    return { ...(toolchain ? { toolchain } : {}), ...(build ? { build } : {}) };
}
// The restored modules' extraction, started as soon as they are in the store so it overlaps the rest.
function extractAhead(context, inputs, proxy, lines, job) {
    const sums = goSums(lines);
    if (!sums)
        return Promise.resolve(undefined);
    const env = laterStepsEnv(context, proxy, inputs.upstream);
    return startExtraction({ ...job, sums, modCache: context.go.modCache, env });
}
/** Whether this job may read and write the Actions cache (inputs, ACTIONS_CACHE_MODE, fork pull requests). */
function cachePolicy(inputs, runner, available) {
    const fork = isForkPullRequest(runner.eventPath);
    if (inputs.save === 'auto' && fork)
        info('A pull request from a fork: restore only, nothing is saved');
    const on = inputs.cache && available;
    const mode = runner.cache.mode;
    return {
        read: on && mode.read,
        write: on && mode.write && inputs.save !== 'never' && !(inputs.save === 'auto' && fork),
    };
}
// The environment later steps will have: the go command main asks about the build cache sees it too.
function laterStepsEnv(context, proxy, upstream) {
    if (!proxy)
        return context.env;
    return {
        ...context.env,
        GOPROXY: exportedGoproxy(proxy.goproxy, upstream),
        GOFLAGS: exportedGoflags(context.go.goflags),
    };
}
function setOutputs(state, keyed) {
    setOutput('cache-hit', String(keyed && exactHit(state)));
    setOutput('cache-primary-key', state.primaryKey);
    setOutput('cache-matched-key', state.matchedKey);
    setOutput('proxy-url', state.proxy?.url ?? '');
    setOutput('modules-from-cache', String(state.restored.modules));
    setOutput('build-cache-hit', String((state.build?.matchedKey ?? '') !== ''));
}
const none = () => ({ files: 0, modules: 0, bytes: 0 });
async function dependencyKey(inputs, outside) {
    const files = await matchFiles(inputs.cacheDependencyPath, outside);
    if (files.length === 0) {
        warning(`go-mod-cache: no file matched cache-dependency-path (${inputs.cacheDependencyPath.join(', ')}): ` +
            'the proxy runs, but nothing is restored or saved');
        return undefined;
    }
    debug(`Dependency files: ${files.join(', ')}`);
    return keyFromFiles(inputs.keyPrefix, files);
}
// Restores into a fresh, empty entry directory, never over the store, then moves files across. A
// layer brings its base into the same directory first (layer.ts).
async function restoreEntry(cache, key, store, dir, workspace, verifyRestore) {
    return group('Restore Go modules from the Actions cache', async () => {
        const entryDir = (0,external_node_path_namespaceObject.resolve)(workspace, ENTRY_PATH);
        await (0,promises_namespaceObject.rm)(entryDir, { recursive: true, force: true });
        const outcome = await cache.restore([ENTRY_PATH], key.primaryKey, key.restoreKeys, false);
        const matchedKey = outcome.value ?? '';
        // An exact hit's entry is whole, and post never saves over it: no base to list.
        const layered = matchedKey && matchedKey !== key.primaryKey
            ? await restoreLayer(cache, entryDir, matchedKey, (0,external_node_path_namespaceObject.join)(dir, 'base.json'))
            : { failed: false, manifest: undefined };
        const extracted = matchedKey ? await readExtracted(entryDir, layered.manifest) : undefined;
        const sums = goSums(key.lines);
        const { contradicted, ...restored } = matchedKey
            ? await moveIntoStore(entryDir, store, { zipHashes: !verifyRestore, sums })
            : { contradicted: 0, ...none() };
        if (contradicted)
            warning(`go-mod-cache: ${contradicted} files of ${matchedKey} contradict go.sum (saved for other hashes, or tampered with): left out, they are fetched afresh`);
        await (0,promises_namespaceObject.rm)(entryDir, { recursive: true, force: true });
        const base = layered.base;
        if (exactHit({ primaryKey: key.primaryKey, matchedKey, base }))
            info(`Exact hit: ${matchedKey}`);
        else if (matchedKey)
            info(`Partial hit: ${matchedKey} (primary key ${key.primaryKey})`);
        else if (!outcome.failed)
            info(`No entry for ${key.primaryKey} or its restore keys`);
        info(`${restored.modules} modules (${restored.files} files, ${restored.bytes} bytes) moved into ${store}`);
        return {
            matchedKey,
            failed: outcome.failed || layered.failed,
            restored,
            ...(base ? { base } : {}),
            ...(extracted ? { extracted } : {}),
        };
    });
}
// The key's go.sum lines as a set; undefined when one is not a line GoSums takes (the proxy then
// says why it did not start), and the restore then leaves nothing out.
function goSums(lines) {
    try {
        return GoSums.parse(lines.join('\n'));
    }
    catch {
        return undefined;
    }
}
async function main_startProxy(pending, inputs, store, sumFile, dir, { go }) {
    let token;
    if (!isLoopback(inputs.listen)) {
        token = inputs.token || (0,external_node_crypto_namespaceObject.randomBytes)(24).toString('base64url');
        setSecret(token);
    }
    const journal = (0,external_node_path_namespaceObject.join)(dir, 'journal.jsonl');
    const config = {
        ...config_DEFAULTS,
        concurrency: { ...config_DEFAULTS.concurrency },
        listen: inputs.listen,
        store,
        upstream: inputs.upstream,
        goSum: sumFile ? [sumFile] : [],
        prefetch: inputs.prefetch && sumFile !== undefined,
        // The restored zips came without their hashes: checked in the background, each one's .ziphash
        // is written as it passes, and the go command extracts those without hashing them again.
        verifyAtStart: inputs.verifyRestore,
        noProxy: go.noProxy,
        token,
        sumdb: go.sumdb,
        noSumdb: go.noSumdb,
        goauth: go.goauth,
        journal,
    };
    try {
        return { ...(await pending.start(config)), journal };
    }
    catch (error) {
        return { error: error };
    }
}
// Said only after the restore, so these lines and any warning follow its log group.
function exportProxy(started, inputs, go) {
    if ('error' in started) {
        warning(`go-mod-cache: the proxy did not start, GOPROXY is left as it was: ${started.error.message}`);
        return null;
    }
    exportVariable('GOPROXY', exportedGoproxy(started.goproxy, inputs.upstream));
    exportVariable('GOFLAGS', exportedGoflags(go.goflags));
    info(`Go module proxy listening on ${started.url} (pid ${started.pid}, log ${started.log})`);
    if (go.noProxy)
        info(`Modules matching GONOPROXY/GOPRIVATE (${go.noProxy}) are left to the go command: the proxy never asks an upstream for them`);
    return proxyState(started);
}
function proxyState(started) {
    if ('error' in started)
        return null;
    const { pid, url, goproxy, log, journal } = started;
    return { pid, url, goproxy, log, journal };
}


/***/ }),

/***/ 730:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _action_main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(969);

// Exit explicitly: @actions/cache can leave sockets open that would keep the step alive.
await (0,_action_main_js__WEBPACK_IMPORTED_MODULE_0__/* .runMain */ .V)(process.env).catch((error) => console.log(`::warning::go-mod-cache: ${String(error)}`));
process.exit();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(730);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
