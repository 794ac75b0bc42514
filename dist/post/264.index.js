export const id = 264;
export const ids = [264];
export const modules = {

/***/ 2264:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  save: () => (/* binding */ save_save)
});

// EXTERNAL MODULE: ./src/action/workflow.ts
var workflow = __webpack_require__(5809);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
;// CONCATENATED MODULE: ./src/cache/mode.ts
/** What ACTIONS_CACHE_MODE allows: `none`, `read`, `write`, `write-only`; unset or unknown allows both. */
function cacheMode(env = process.env) {
    const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
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

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/cache/v2/archive.ts

/**
 * `zstd -d | tar -x` of an archive read from stdin into `cwd`: the archive @actions/cache writes
 * and reads (tar --posix, zstd without long mode). zstd reads the pipe itself: tar's own
 * --use-compress-program would relay stdin to it in 10 KiB records, at a third of the speed.
 * Unlike the library, names are never taken as absolute (-P) and owners never restored: an entry
 * only ever holds paths under its directory.
 */
function extractor(cwd) {
    const zstd = (0,external_node_child_process_.spawn)('zstd', ['-d', '-c', '-q'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const tar = (0,external_node_child_process_.spawn)('tar', ['-xf', '-', '-C', cwd, '--no-same-owner'], {
        stdio: [zstd.stdout, 'ignore', 'pipe'],
    });
    // tar has its own copy of the pipe: with ours closed, zstd gets EPIPE if tar dies.
    zstd.stdout.destroy();
    return pair(zstd.stdin, zstd, tar);
}
/**
 * `tar -c | zstd` to stdout of `files` (relative to `cwd`), named as if they were under `path`: an
 * entry made from the store without a directory of links. The list goes to tar on stdin,
 * NUL-terminated and never read as options. A file gone by the time tar reads it (another job's
 * proxy moved a bad copy aside) is left out with a warning on stderr, not a failed save. Level 1
 * on every core: module zips hardly compress, and level 3 (the library's) costs twice the CPU for
 * 2% of size. `extra`: one more file, from another directory, named as if under `path` too.
 */
function archiver(cwd, files, path, extra) {
    const args = ['--posix', '-cf', '-', '-C', cwd, '--no-recursion', '--ignore-failed-read'];
    args.push(`--transform=s|^|${path}/|`, '--null', '--verbatim-files-from', '-T', '-');
    // -C is positional: the extra file is read from its own (absolute) directory, after the list.
    if (extra)
        args.push('-C', extra.dir, extra.name);
    const tar = (0,external_node_child_process_.spawn)('tar', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const zstd = (0,external_node_child_process_.spawn)('zstd', ['-1', '-T0', '-c', '-q'], { stdio: [tar.stdout, 'pipe', 'pipe'] });
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

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
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
        const req = client.request(target, { method: request.method, headers, agent }, (res) => {
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
async function download(url, sink, ranged) {
    const first = await retried('GET', () => get(url, 0, ranged ? SEGMENT : undefined));
    if (first.status === 200) {
        const size = await pipeAll(first.res, sink);
        const expected = Number(first.res.headers['content-length']);
        if (Number.isFinite(expected) && expected !== size)
            throw new Error(`blob ended at ${size} of ${expected} bytes`);
        return size;
    }
    const total = totalOf(first.res.headers['content-range']);
    const ranges = [];
    for (let start = SEGMENT; start < total; start += SEGMENT)
        ranges.push([start, Math.min(start + SEGMENT, total)]);
    // The first segment is written while the others are fetched.
    const pending = [];
    const next = () => {
        const range = ranges[pending.length];
        if (range === undefined)
            return;
        const data = segment(url, range[0], range[1]);
        // Handled now: after a failure the segments still on their way are never awaited.
        data.catch(() => undefined);
        pending.push(data);
    };
    for (let i = 0; i < IN_FLIGHT; i++)
        next();
    await write(sink, await body(first.res, Math.min(SEGMENT, total)));
    for (let i = 0; i < ranges.length; i++) {
        const data = await pending[i];
        next();
        await write(sink, data);
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
    const prefix = (0,external_node_crypto_.randomUUID)();
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
async function get(url, start, end) {
    const headers = { 'x-ms-version': AZURE_VERSION };
    if (end !== undefined)
        headers.Range = `bytes=${start}-${end - 1}`;
    const res = await send(url, { method: 'GET', headers });
    const status = res.statusCode ?? 0;
    if (status === 200 || status === 206)
        return { status, res };
    const text = (await readBody(res).catch(() => Buffer.alloc(0))).toString('utf8');
    throw new BlobError(`GET answered ${status}${reason(res, text)}`, status);
}
// One later segment, retried: its bytes are held until every segment before it is written.
function segment(url, start, end) {
    return retried(`GET bytes ${start}-${end - 1}`, async () => {
        const { status, res } = await get(url, start, end);
        if (status !== 206) {
            res.destroy();
            throw new BlobError(`GET of a range answered ${status}`, status);
        }
        return body(res, end - start);
    });
}
// A segment's body, which must be exactly `length` bytes.
async function body(res, length) {
    const data = await readBody(res, length + 1);
    if (data.length !== length)
        throw new BlobError(`a segment ended at ${data.length} of ${length} bytes`);
    return data;
}
async function pipeAll(res, sink) {
    let size = 0;
    for await (const chunk of res) {
        size += chunk.length;
        await write(sink, chunk);
    }
    return size;
}
async function write(sink, data) {
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
async function retried(what, call) {
    for (let attempt = 1;; attempt++) {
        try {
            return await call();
        }
        catch (error) {
            const status = error instanceof BlobError ? error.status : undefined;
            const final = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
            if (final || attempt >= TRIES)
                throw new Error(`${what}: ${error.message}`, { cause: error });
            await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** (attempt - 1)));
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
// @actions/cache's Twirp client's policy: 5 tries, 3 s, then x1.5 with jitter, on 5xx only.
const ATTEMPTS = 5;
const BASE_MS = 3000;
const MULTIPLIER = 1.5;
const SERVICE = 'github.actions.results.api.v1.CacheService';
const RETRIED = new Set([500, 502, 503, 504]);
// Connection-level failures end a call at once, as in the library: a service that cannot be
// reached will not become reachable within the step.
const NETWORK = new Set(['ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH']);
/** One Twirp JSON call: POST {results}/twirp/<service>/<method>, snake_case in and out. */
async function twirp(service, method, body) {
    // An absolute path, as the library resolves it: the results URL's own path is not kept.
    const url = new URL(`/twirp/${SERVICE}/${method}`, service.resultsUrl).href;
    for (let attempt = 1;; attempt++) {
        const failure = await once(url, service.token, body);
        if (!(failure instanceof ServiceError))
            return failure;
        if (failure.kind === 'rate-limited' && attempt < ATTEMPTS) {
            const wait = rateLimitWait(failure.retryAfter, (service.rateLimitBudgetMs ??= RATE_LIMIT_BUDGET_MS));
            if (wait !== undefined) {
                service.rateLimitBudgetMs -= wait;
                workflow/* info */.pq(`${method}: ${failure.message}; retrying in ${wait} ms, as Retry-After asks`);
                await new Promise((resolve) => setTimeout(resolve, wait));
                continue;
            }
        }
        if (failure.kind !== 'retryable' || attempt >= ATTEMPTS) {
            const tries = attempt > 1 ? ` after ${attempt} attempts` : '';
            throw new ServiceError(`${method} failed${tries}: ${failure.message}`, failure.kind);
        }
        const wait = backoff(attempt);
        workflow/* info */.pq(`${method}: attempt ${attempt} of ${ATTEMPTS} failed (${failure.message}); retrying in ${wait} ms`);
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
function backoff(attempt) {
    if (attempt === 1)
        return BASE_MS;
    const min = BASE_MS * MULTIPLIER ** (attempt - 1);
    return Math.trunc(min + Math.random() * (min * MULTIPLIER - min));
}

;// CONCATENATED MODULE: ./src/cache/v2/index.ts










/**
 * The Actions cache v2 client that streams: a restore extracts the archive while it downloads, a
 * save uploads it while tar and zstd write it, and a save reserves its key before any archive work.
 * @actions/cache downloads the whole archive to a file before extracting, and archives everything
 * before it learns that the key exists; for an entry of zips that was most of the restore's and the
 * save's time. Entries are the library's own format and version, so either reads the other's.
 *
 * Undefined where the library must do the work: the v1 service (GHES), an HTTP proxy in the
 * environment (the library honours it; this client does not), no zstd (the library falls back to
 * gzip, a different version), or not Linux (tar and zstd invocations differ).
 */
function streamingCache(env = process.env, options = {}) {
    const service = serviceOf(env);
    if (service === undefined || process.platform !== 'linux')
        return undefined;
    if (PROXY_VARIABLES.some((name) => (env[name] ?? '') !== ''))
        return undefined;
    if (!['tar', 'zstd'].every((tool) => onPath(tool, env.PATH ?? '')))
        return undefined;
    const client = {
        service,
        workspace: (0,external_node_path_.resolve)(env.GITHUB_WORKSPACE ?? process.cwd()),
        // As in the library, ACTIONS_CACHE_MODE can forbid either side.
        mode: cacheMode(env),
        options: { blockBytes: blockBytesOf(env), ...options },
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
function blockBytesOf(env) {
    const bytes = Number(env.GO_MOD_CACHE_UPLOAD_BLOCK_BYTES ?? '');
    return Number.isSafeInteger(bytes) && bytes > 0 && bytes <= SEGMENT ? bytes : undefined;
}
// The library's rule: the storage SDK's parallel ranged download for Azure hosts only.
function ranged(url, options) {
    return options.rangedDownloads ?? new URL(url).hostname.endsWith('.blob.core.windows.net');
}
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
/** The version the library gives these paths with zstd and enableCrossOsArchive (FACTS §4). */
function cacheVersion(paths) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update([...paths, 'zstd-without-long', '1.0'].join('|'))
        .digest('hex');
}
// The library's rule: v2 when ACTIONS_CACHE_SERVICE_V2 is set and the server is not GHES.
function serviceOf(env) {
    if (!env.ACTIONS_CACHE_SERVICE_V2 || !env.ACTIONS_RESULTS_URL || !env.ACTIONS_RUNTIME_TOKEN)
        return undefined;
    let host;
    try {
        host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toLowerCase();
    }
    catch {
        return undefined;
    }
    if (host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost'))
        return undefined;
    return {
        resultsUrl: env.ACTIONS_RESULTS_URL,
        token: env.ACTIONS_RUNTIME_TOKEN,
        rateLimitBudgetMs: RATE_LIMIT_BUDGET_MS,
    };
}
async function restore({ service, workspace, mode, options }, paths, primaryKey, restoreKeys, lookupOnly) {
    if (!mode.read) {
        workflow/* info */.pq(`Cache restore skipped: the effective cache-mode does not permit reads.`);
        return { value: undefined, failed: false };
    }
    const bad = [primaryKey, ...restoreKeys].map(keyProblem).find((p) => p !== undefined);
    if (bad !== undefined || restoreKeys.length > 9) {
        workflow/* warning */.$e(`Failed to restore: ${bad ?? 'keys are limited to 10'}`);
        return { value: undefined, failed: true };
    }
    try {
        const found = await twirp(service, 'GetCacheEntryDownloadURL', { key: primaryKey, restore_keys: restoreKeys, version: cacheVersion(paths) });
        if (!found.ok || !found.matched_key || !found.signed_download_url)
            return { value: undefined, failed: false };
        maskSignature(found.signed_download_url);
        const matched = found.matched_key;
        workflow/* info */.pq(matched === primaryKey ? `Cache hit for: ${matched}` : `Cache hit for restore-key: ${matched}`);
        if (lookupOnly)
            return { value: matched, failed: false };
        const tar = extractor(workspace);
        try {
            const [size] = await Promise.all([
                download(found.signed_download_url, tar.stream, ranged(found.signed_download_url, options)).finally(() => tar.stream.end()),
                tar.done,
            ]);
            workflow/* info */.pq(`Cache Size: ~${Math.round(size / (1 << 20))} MB (${size} B), extracted while it downloaded`);
        }
        catch (error) {
            tar.kill();
            throw error;
        }
        workflow/* info */.pq('Cache restored successfully');
        return { value: matched, failed: false };
    }
    catch (error) {
        // A token that may not read (FACTS §7) is expected: a miss, said as info.
        if (error instanceof ServiceError && error.kind === 'denied') {
            workflow/* info */.pq(`Cache restore skipped: ${error.message}`);
            return { value: undefined, failed: false };
        }
        report('restore', error);
        return { value: undefined, failed: true };
    }
}
async function save({ service, mode, options }, root, files, path, key, extra) {
    const bad = keyProblem(key);
    if (bad !== undefined) {
        workflow/* warning */.$e(`Failed to save: ${bad}`);
        return { value: -1, failed: true };
    }
    if (!mode.write) {
        workflow/* info */.pq(`Cache save skipped: the effective cache-mode does not permit writes.`);
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
                await (0,promises_.rm)(extraDir, { recursive: true, force: true });
        }
        const finalized = await twirp(service, 'FinalizeCacheEntryUpload', { key, version, size_bytes: String(size) });
        if (!finalized.ok)
            throw new ServiceError(`finalizing failed: ${finalized.message ?? 'not ok'}`, 'final');
        workflow/* info */.pq(`Cache saved with key: ${key} (~${Math.round(size / (1 << 20))} MB, uploaded while it was archived)`);
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
        workflow/* warning */.$e(`Failed to reserve: ${bad}`);
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
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'go-mod-cache-extra-'));
    await (0,promises_.writeFile)((0,external_node_path_.join)(dir, extra.name), extra.text);
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
    workflow/* warning */.$e(`Failed to ${what}: ${error.message}`);
}
// A key another job holds (409, or not ok without a reason) is said as the library says it, as
// info; so is a token that may not write. True when the service failed.
function failure(what, key, error) {
    if (error instanceof ServiceError && error.kind === 'conflict') {
        workflow/* info */.pq(`Failed to ${what}: Unable to reserve cache with key ${key}, another job may be creating this cache.`);
        return false;
    }
    if (error instanceof ServiceError && error.kind === 'denied') {
        workflow/* info */.pq(`Failed to ${what}: Unable to reserve cache with key ${key}. More details: ${error.message}`);
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
        workflow/* setSecret */.Pq(sig);
        workflow/* setSecret */.Pq(encodeURIComponent(sig));
    }
}
function onPath(tool, path) {
    return path.split(external_node_path_.delimiter).some((dir) => {
        if (dir === '')
            return false;
        try {
            (0,external_node_fs_.accessSync)((0,external_node_path_.join)(dir, tool), external_node_fs_.constants.X_OK);
            return true;
        }
        catch {
            return false;
        }
    });
}

// EXTERNAL MODULE: ./src/proxy/core/pool.ts
var pool = __webpack_require__(8298);
;// CONCATENATED MODULE: ./src/entry/linkdir.ts



/**
 * Makes `dir` a fresh directory of hard links to `files` under `root` (copies only across
 * filesystems): the entry as @actions/cache saves it, which archives directories, not file lists.
 */
async function linkEntry(root, files, dir) {
    await (0,promises_.rm)(dir, { recursive: true, force: true });
    await (0,promises_.mkdir)(dir, { recursive: true });
    // A few syscalls each: in parallel they cost a fraction of the time in a row.
    await (0,pool/* forEachLimited */.vP)(files, 16, async (rel) => {
        const target = (0,external_node_path_.join)(dir, rel);
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(target), { recursive: true });
        await linkOrCopy((0,external_node_path_.join)(root, rel), target);
    });
}
async function linkOrCopy(from, to) {
    try {
        await (0,promises_.link)(from, to);
    }
    catch (error) {
        const code = error.code;
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP')
            throw error;
        await (0,promises_.copyFile)(from, to);
    }
}

// EXTERNAL MODULE: ./src/action/paths.ts
var paths = __webpack_require__(9566);
;// CONCATENATED MODULE: ./src/cache/provider.ts







// Entries hold GOPROXY-layout files, identical on every OS, so every job shares them.
const CROSS_OS = true;
// @actions/cache, with the Azure SDK under it, is its own bundle (cache-library.ts): neither step
// parses it unless the library does the work (main started 0.1 s sooner without it, measured on a
// 2-core machine). Run from the sources (tests), the package itself is imported.
let library;
const cache = () => (library ??= import(/* webpackIgnore: true */ libraryModule()));
function libraryModule() {
    return import.meta.url.endsWith('.ts') ? '@actions/cache' : (0,external_node_url_.pathToFileURL)((0,paths/* libraryBundle */.eg)()).href;
}
/**
 * The real cache: the streaming v2 client where it applies (cache/v2/index.ts), else @actions/cache.
 * Chosen on first use, from the step's environment.
 */
const actionsCache = {
    restore: (...args) => chosen().restore(...args),
    saveFiles: (...args) => chosen().saveFiles(...args),
    reserve: (...args) => chosen().reserve(...args),
    available: () => chosen().available(),
};
let provider;
function chosen() {
    if (provider === undefined) {
        const streaming = streamingCache(process.env);
        workflow/* debug */.Yz(`cache client: ${streaming ? 'streaming v2' : '@actions/cache'}`);
        provider = streaming ?? libraryCache;
    }
    return provider;
}
/** The cache through @actions/cache. */
const libraryCache = {
    restore: async (paths, primaryKey, restoreKeys, lookupOnly) => {
        const { restoreCache } = await cache();
        return watch(() => restoreCache(paths, primaryKey, restoreKeys, { lookupOnly }, CROSS_OS), undefined);
    },
    // The library archives paths: the files are linked under `path` first.
    saveFiles: async (root, files, path, key, extra) => {
        const dir = (0,paths/* inWorkspace */.ve)(path);
        try {
            await linkEntry(root, files, dir);
            if (extra)
                await (0,promises_.writeFile)((0,external_node_path_.join)(dir, extra.name), extra.text);
            return await librarySave([path], key);
        }
        catch (error) {
            workflow/* warning */.$e(`Failed to save: ${error.message}`);
            return { value: -1, failed: true };
        }
        finally {
            await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
    },
    reserve: async (path, key) => {
        const dir = (0,paths/* inWorkspace */.ve)(path);
        await (0,promises_.mkdir)(dir, { recursive: true });
        await (0,promises_.writeFile)((0,external_node_path_.join)(dir, 'claim'), `${key}\n`);
        try {
            const saved = await librarySave([path], key);
            return { value: saved.value !== -1, failed: saved.failed };
        }
        finally {
            await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
    },
    available: async () => (await cache()).isFeatureAvailable(),
};
async function librarySave(paths, key) {
    const { saveCache } = await cache();
    return watch(() => saveCache(paths, key, {}, CROSS_OS), -1);
}
/**
 * Runs a library call and notes whether it reported a warning or error. @actions/cache swallows
 * service failures after logging one line; we still need to know, so that later calls in this job
 * are skipped instead of repeating the same failure (and its retries).
 */
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
        // Only ValidationError is thrown (a bad key or path): our bug, not the service's. Degrade.
        process.stdout.write = write;
        console.log(`::warning::go-mod-cache: cache call rejected: ${String(error)}`);
        return { value: fallback, failed: true };
    }
    finally {
        process.stdout.write = write;
    }
}

;// CONCATENATED MODULE: ./src/proxy/config.ts
/** The defaults a bare `serve` uses; `store`, `upstream` and `log` are filled by the caller. */
const DEFAULTS = {
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
    sumdb: { name: 'sum.golang.org', url: 'https://sum.golang.org' },
};
/** The upstream used when neither a flag nor the environment's GOPROXY says otherwise. */
const DEFAULT_UPSTREAM = 'https://proxy.golang.org,direct';

// EXTERNAL MODULE: ./src/proxy/zip/dirhash.ts + 1 modules
var dirhash = __webpack_require__(2631);
// EXTERNAL MODULE: ./src/proxy/module/modpath.ts + 1 modules
var modpath = __webpack_require__(9693);
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

// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./src/proxy/store/store.ts





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
            return st?.isFile() ? { path: full, size: st.size, mtimeMs: st.mtimeMs } : undefined;
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
            return { path: full, size: st.size, mtimeMs: st.mtimeMs };
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
    /** Moves a bad store file out of the way (renamed aside, so it is never served again). */
    async moveAside(rel) {
        const full = this.abs(rel);
        const aside = `${full}.bad-${process.pid}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
        try {
            await (0,promises_.rename)(full, aside);
            await (0,promises_.rm)(aside, { force: true });
        }
        catch (err) {
            if (!isMissing(err))
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
 * Stamps record that this store's proxies checked a zip in full (zip rules, h1) and which h1
 * those exact bytes have. A later process on the same store trusts the same answer when the zip's
 * file is the one stamped, by its metadata (device, inode, size, mtime and ctime in ns: any write
 * or replacement changes ctime, which no unprivileged process can set), or else when a sha256 of
 * its raw bytes (a small fraction of inflating every file) still matches; the stamp then records
 * the new metadata. Stamps written before the metadata was recorded hold only the digest.
 *
 * Each stamp is authenticated with a key created in this store and never put in a cache entry, so
 * a zip restored or copied in from elsewhere, or a stamp forged beside it, is checked in full.
 * Anyone who can write the key can write the store itself: it adds no trust the store lacked.
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

// EXTERNAL MODULE: ./src/proxy/runtime/memory.ts + 2 modules
var memory = __webpack_require__(4420);
// EXTERNAL MODULE: ./src/proxy/zip/zipread.ts
var zipread = __webpack_require__(1071);
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
    (0,memory/* bufferWorkStarting */.Sl)();
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
        const dir = await (0,zipread/* readDirectory */.gZ)(fh, size);
        const names = checkNames(dir.entries, `${module}@${version}/`, limits);
        if (!names.ok)
            return names;
        const h1 = (0,dirhash/* hash1 */.C_)(await (0,dirhash/* hashEntries */.fG)(fh, dir.entries, dir.directoryOffset));
        return { ok: true, h1, files: names.files, uncompressed: names.uncompressed };
    }
    catch (err) {
        const reason = err instanceof zipread/* ZipFormatError */.PA ? err.message : `cannot read zip: ${err.message}`;
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
    // arrays per character (an interpreted proxy spent 0.2 s of a cold job here).
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

;// CONCATENATED MODULE: ./src/proxy/core/files.ts











/** Zip verifications at once by default: one per core of a typical CI runner. */
const DEFAULT_VERIFY_CONCURRENCY = 2;
const MiB = 1024 * 1024;
/** Size caps per file kind (FACTS §1 zip limits; small JSON and text otherwise). */
const MAX_BYTES = { zip: 500 * MiB, mod: 16 * MiB, info: MiB, list: MiB, latest: MiB };
/** A pseudo-version's tail (vX.Y.Z-[pre.]yyyymmddhhmmss-abcdefabcdef); never in a list. */
const PSEUDO = /(^|[-.])\d{14}-[0-9a-f]{12}(\+incompatible)?$/;
/** Thrown inside a store write to drop the temp file when the content is refused. */
class Refused extends Error {
}
/** Creates the proxy's ModuleFiles over a store and an upstream. */
function createModuleFiles(deps) {
    const now = deps.now ?? Date.now;
    const flights = new SingleFlight();
    // Store paths verified by this process (or written by it after verification).
    const verified = new Set();
    // Ten go commands plus a prefetch may all need zips verified at once: each check is a core
    // and a read buffer, so they queue here instead of competing (and growing RSS) without bound.
    const zipSlots = new pool/* Semaphore */.jf(Math.max(1, deps.verifyConcurrency ?? DEFAULT_VERIFY_CONCURRENCY));
    const slot = (task) => zipSlots.run(task);
    const zipCheck = deps.checkZip ?? checkZip;
    /**
     * Checks a canonical file on disk; undefined = good, else why it is refused. A zip checked in
     * full is stamped then, or, when `checkedZip` is given (a fetch's temp file), handed to it to
     * stamp once stored: renaming a file changes its ctime, so a temp file's stamp would never hold.
     */
    async function verify(file, module, version, kind, checkedZip) {
        const at = `${module}@${version}`;
        if (kind === 'zip') {
            const rel = (0,modpath/* storePath */.TJ)({ kind, module, version });
            // A zip this store's proxies checked in full before needs only its bytes hashed again.
            // Stamps hash the zip in a slot, like a check, so memory stays bounded.
            let h1 = await deps.stamps?.read(rel, file, slot);
            const stamped = h1 !== undefined;
            if (h1 === undefined) {
                const checked = await slot(() => zipCheck(file, module, version));
                if (!checked.ok)
                    return `verification failed: ${at}: ${checked.reason}`;
                h1 = checked.h1;
            }
            const want = deps.sums.zip(module, version);
            if (want && !want.includes(h1)) {
                return `verification failed: ${at}: zip ${h1} does not match go.sum ${want.join(' or ')}`;
            }
            if (!stamped) {
                const stamp = checkedZip ? checkedZip(h1) : deps.stamps?.write(rel, file, h1, slot);
                await Promise.all([writeZipHash(module, version, h1), stamp]);
            }
            return undefined;
        }
        // .mod and .info are small (.mod at most MAX_BYTES.mod): read at once, not through the pool.
        const data = (0,external_node_fs_.readFileSync)(file);
        if (kind === 'mod') {
            if (data.length > MAX_BYTES.mod)
                return `verification failed: ${at}: go.mod larger than 16 MiB`;
            const want = deps.sums.mod(module, version);
            const got = (0,dirhash/* hashMod */.Z$)(data);
            if (want && !want.includes(got)) {
                return `verification failed: ${at}: go.mod ${got} does not match go.sum ${want.join(' or ')}`;
            }
            return undefined;
        }
        const answered = infoVersion(data);
        if (answered !== version) {
            return `verification failed: ${at}: .info answers ${JSON.stringify(answered ?? null)}, not ${version}`;
        }
        return undefined;
    }
    /**
     * Records a verified zip's h1 as the go command's own `<version>.ziphash` beside it. When the
     * store is a GOMODCACHE/cache/download (the action's default), the go command then finds zip and
     * hash together and extracts without hashing the zip a second time. Best effort: the go command
     * hashes the zip itself when the file is missing.
     */
    async function writeZipHash(module, version, h1) {
        const rel = (0,modpath/* storePath */.TJ)({ kind: 'zip', module, version }) + 'hash';
        await deps.store
            .write(rel, (tmp) => (0,promises_.writeFile)(tmp, h1))
            .catch((err) => {
            deps.log.debug(`could not write ${rel}: ${String(err)}`);
        });
    }
    /**
     * Fetches `rel` from upstream through a store temp file; `check` runs on the temp file before
     * the rename, so refused content is never in the store, not even for a moment.
     */
    async function fetchInto(rel, maxBytes, check) {
        return deps.upstream.get(rel, async (body) => {
            try {
                const entry = await deps.store.write(rel, async (tmp) => {
                    await bodyToFile(body, tmp);
                    const bad = await check(tmp);
                    if (bad !== undefined)
                        throw new Refused(bad);
                });
                return { refused: false, size: entry.size, path: entry.path };
            }
            catch (err) {
                if (err instanceof Refused)
                    return { refused: true, reason: err.message };
                throw err;
            }
        }, { maxBytes, signal: deps.signal });
    }
    /** Verifies the store copy of a canonical file or fetches it; runs single-flight per path. */
    async function verifyOrFetch(rel, module, version, kind, reason) {
        const at = `${module}@${version}.${kind}`;
        const entry = await deps.store.stat(rel);
        if (entry) {
            const bad = entry.size > MAX_BYTES[kind]
                ? `verification failed: ${module}@${version}: ${kind} larger than ${MAX_BYTES[kind]} bytes`
                : await verify(entry.path, module, version, kind);
            if (bad === undefined) {
                verified.add(rel);
                deps.log.debug(`store hit ${at} (verified)`);
                return { kind: 'found', path: entry.path, size: entry.size, source: 'store' };
            }
            deps.log.warn(`store file refused, fetching again: ${bad}`);
            deps.journal.record({ event: 'refuse', module, version, file: kind, reason: bad });
            await deps.store.moveAside(rel);
            // A hash or stamp beside a refused zip describes nothing we trust.
            if (kind === 'zip')
                await Promise.all([deps.store.remove(rel + 'hash'), deps.stamps?.remove(rel)]);
        }
        const local = storeOnly(module);
        if (local !== undefined) {
            return { kind: 'notfound', status: 404, message: `not found: ${at} is not in the store (${local})` };
        }
        // After close() a background prefetch may still ask: answer at once, touch no upstream.
        if (deps.signal?.aborted)
            return { kind: 'error', status: 503, message: 'the proxy is shutting down' };
        const started = now();
        let checked;
        const outcome = await fetchInto(rel, MAX_BYTES[kind], (tmp) => verify(tmp, module, version, kind, (h1) => {
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
        const ms = now() - started;
        const { size, path: file } = outcome.value;
        if (checked)
            await deps.stamps?.write(rel, file, checked.h1, slot, checked.inode);
        verified.add(rel);
        deps.onFetch?.('fetched');
        deps.log.info(`fetched ${at} from ${outcome.upstream} (${size} bytes, ${ms} ms, ${reason})`);
        deps.journal.record({ event: 'fetch', module, version, file: kind, reason, bytes: size, ms });
        return { kind: 'found', path: file, size, source: 'upstream' };
    }
    const canonicalPath = (module, version, kind) => kind === 'info'
        ? (0,modpath/* storePath */.TJ)({ kind, module, version, canonical: true })
        : (0,modpath/* storePath */.TJ)({ kind, module, version });
    async function verifyStored(module, version, kind) {
        const rel = canonicalPath(module, version, kind);
        if (verified.has(rel))
            return true;
        if (!(await deps.store.stat(rel)))
            return false;
        await flights.run(rel, () => verifyOrFetch(rel, module, version, kind, 'prefetch'));
        return true;
    }
    async function ensure(module, version, kind, reason) {
        const rel = canonicalPath(module, version, kind);
        // Fast path: a file this process already verified, or one prefetch need not read.
        if (verified.has(rel) || reason === 'prefetch') {
            const entry = await deps.store.stat(rel);
            if (entry) {
                deps.log.debug(`store hit ${module}@${version}.${kind}`);
                return { kind: 'found', path: entry.path, size: entry.size, source: 'store' };
            }
            verified.delete(rel);
        }
        // Joining a fetch in flight (a request's or prefetch's) answers source 'upstream' too.
        const { value } = await flights.run(rel, () => verifyOrFetch(rel, module, version, kind, reason));
        return value;
    }
    /**
     * A mutable file: fresh by mtime -> store; stale or missing -> upstream; upstream failing ->
     * stale copy when there is one. `check` validates a fetched answer before it is stored;
     * `after` sees a stored answer (to add the canonical .info a query names).
     */
    async function mutable(module, rel, what, check, missingLocally, after) {
        const local = storeOnly(module);
        const { value } = await flights.run(rel, async () => {
            const entry = await deps.store.stat(rel);
            const found = (source, e) => ({
                kind: 'found',
                path: e.path,
                size: e.size,
                source,
            });
            if (entry && (local !== undefined || now() - entry.mtimeMs < deps.mutableTtlMs)) {
                deps.log.debug(`store hit ${what}`);
                return found('store', entry);
            }
            if (local !== undefined)
                return missingLocally(local);
            const outcome = await fetchInto(rel, MiB, check);
            if (outcome.kind === 'found' && !outcome.value.refused) {
                deps.onFetch?.('fetched');
                deps.log.info(`fetched ${what} from ${outcome.upstream}`);
                await after?.(outcome.value.path);
                return found('upstream', outcome.value);
            }
            if (outcome.kind === 'notfound')
                return outcome;
            const why = outcome.kind === 'error' ? outcome.message : refusal(outcome.value);
            deps.onFetch?.(outcome.kind === 'error' ? 'error' : 'refused');
            if (entry) {
                deps.log.warn(`upstream failed for ${what}, serving the stale copy: ${why}`);
                return found('store', entry);
            }
            deps.log.warn(`upstream failed for ${what}: ${why}`);
            return { kind: 'error', status: 502, message: `upstream failed for ${what}: ${why}` };
        });
        return value;
    }
    /** Checks a fetched .info/@latest answer: JSON with a Version string. */
    async function checkInfo(tmp) {
        const version = infoVersion(await (0,promises_.readFile)(tmp));
        return version === undefined ? 'upstream answered an .info that is not JSON with a Version' : undefined;
    }
    /** Writes the canonical .info a query or @latest answer names, when it is not there yet. */
    async function keepCanonicalInfo(module, file) {
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
        if (await deps.store.stat(rel))
            return;
        await deps.store.write(rel, (tmp) => (0,promises_.writeFile)(tmp, data));
    }
    /** Store only and no list stored: the canonical release versions with a .mod in the store. */
    async function synthesizeList(module, rel, why) {
        const dir = external_node_path_default().dirname(deps.store.abs(rel));
        let names;
        try {
            names = await (0,promises_.readdir)(dir);
        }
        catch {
            names = [];
        }
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
        const entry = await deps.store.write(rel, (tmp) => (0,promises_.writeFile)(tmp, text));
        // Stale from birth: a synthesized list must not hide upstream's once online again.
        await (0,promises_.utimes)(entry.path, new Date(0), new Date(0));
        return { kind: 'found', path: entry.path, size: entry.size, source: 'store' };
    }
    const localMiss = (what) => async (why) => ({
        kind: 'notfound',
        status: 404,
        message: `not found: ${what} is not in the store (${why})`,
    });
    // Why a module is answered from the store alone, or undefined when upstream may be asked.
    function storeOnly(module) {
        if (deps.offline)
            return 'offline';
        if (deps.noProxy && matchPrefixPatterns(deps.noProxy, module))
            return 'it matches --noproxy (GONOPROXY): the go command fetches it direct';
        return undefined;
    }
    return {
        ensure,
        verifyStored,
        list(module) {
            const rel = (0,modpath/* storePath */.TJ)({ kind: 'list', module });
            return mutable(module, rel, `${module}/@v/list`, async () => undefined, (why) => synthesizeList(module, rel, why));
        },
        latest(module) {
            const rel = (0,modpath/* storePath */.TJ)({ kind: 'latest', module });
            return mutable(module, rel, `${module}/@latest`, checkInfo, localMiss(`${module}@latest`), (file) => keepCanonicalInfo(module, file));
        },
        query(module, query) {
            const rel = (0,modpath/* storePath */.TJ)({ kind: 'info', module, version: query, canonical: false });
            return mutable(module, rel, `${module}@${query}`, checkInfo, localMiss(`${module}@${query}`), (file) => keepCanonicalInfo(module, file));
        },
    };
}
/** Why a stored answer was refused (empty when it was not). */
function refusal(stored) {
    return stored.refused ? stored.reason : '';
}
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

// EXTERNAL MODULE: ./src/proxy/module/gosum.ts
var gosum = __webpack_require__(5816);
;// CONCATENATED MODULE: ./src/proxy/runtime/clock.ts
// Times as text without Date's formatting methods. On node24 the first call of one of them
// (toISOString, toUTCString, and so node:http's own Date header) sets up V8's time zone cache
// through ICU: about 1 MB of ICU code and data paged in for the rest of the proxy's life.
const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Days since the epoch to a proleptic Gregorian date (Howard Hinnant's civil_from_days).
function civil(ms) {
    const days = Math.floor(ms / DAY_MS);
    let rest = ms - days * DAY_MS;
    const z = days + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    const hour = Math.floor(rest / 3_600_000);
    rest -= hour * 3_600_000;
    const minute = Math.floor(rest / 60_000);
    rest -= minute * 60_000;
    const second = Math.floor(rest / 1000);
    // 1970-01-01 was a Thursday.
    const weekday = (((days + 4) % 7) + 7) % 7;
    return { year, month, day, weekday, hour, minute, second, milli: rest - second * 1000 };
}
const pad = (n, width = 2) => String(n).padStart(width, '0');
/** `ms` since the epoch as Date.prototype.toISOString writes it (for years 0 to 9999). */
function clock_isoTime(ms) {
    const t = civil(ms);
    return (`${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}` +
        `T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}.${pad(t.milli, 3)}Z`);
}
/** `ms` as an HTTP date (IMF-fixdate, RFC 9110 section 5.6.7), as toUTCString writes it. */
function httpDate(ms) {
    const t = civil(ms);
    return (`${WEEKDAYS[t.weekday]}, ${pad(t.day)} ${MONTHS[t.month - 1]} ${pad(t.year, 4)} ` +
        `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} GMT`);
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
            buffered.push(JSON.stringify({ ...event, time: clock_isoTime(now()) }) + '\n');
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
}

;// CONCATENATED MODULE: ./src/proxy/core/prefetch.ts


/**
 * .info and .mod fetches in flight per zip fetch. Those files are a few hundred bytes: their time
 * is the upstream's latency, and the go command needs them all before its first zip. Zips are the
 * CPU and memory (each is checked in full), so they keep `concurrency`. bench/proxy.ts, go at
 * once with prefetch: the go command finished 0.5-0.9 s sooner than with one queue of 8 (three
 * paired rounds), the proxy's CPU and peak RSS unchanged.
 */
const SMALL_PER_ZIP = 2;
/**
 * Full lines are what a build downloads (the go command asks .info/.mod before .zip); the
 * /go.mod-only versions are the wide tail of the module graph that a pruned graph rarely loads.
 */
function prefetchPlan(sums) {
    const versions = sums.versions();
    const full = versions.filter((v) => v.zip);
    return {
        small: [
            ...full.flatMap((v) => [
                { module: v.module, version: v.version, kind: 'info' },
                { module: v.module, version: v.version, kind: 'mod' },
            ]),
            ...versions
                .filter((v) => !v.zip)
                .map((v) => ({ module: v.module, version: v.version, kind: 'mod' })),
        ],
        zips: full.map((v) => ({ module: v.module, version: v.version, kind: 'zip' })),
    };
}
/**
 * Fetches every version go.sum names into the store: zips at most `concurrency` at a time, and
 * beside them .info and .mod files at most SMALL_PER_ZIP times that (prefetchPlan). Never throws:
 * a failure is counted and logged, and the go command asking later gets its own answer.
 * Requests for a file being prefetched join the fetch (ModuleFiles is single-flight).
 * Modules matching `noProxy` (GONOPROXY globs) are left out: the go command fetches them direct.
 * ModuleFiles would answer them 404 without asking upstream anyway; leaving them out here keeps
 * them out of the failure count, and the log says how many were left.
 */
async function prefetch(sums, files, concurrency, log, noProxy = '') {
    const plan = prefetchPlan(sums);
    const proxied = (jobs) => noProxy === '' ? jobs : jobs.filter((job) => !matchPrefixPatterns(noProxy, job.module));
    const small = proxied(plan.small);
    const zips = proxied(plan.zips);
    const result = { fetched: 0, failed: 0, skipped: 0 };
    const fetch = (job) => one(job, files, result, log);
    await Promise.all([
        (0,pool/* forEachLimited */.vP)(small, concurrency * SMALL_PER_ZIP, fetch),
        (0,pool/* forEachLimited */.vP)(zips, concurrency, fetch),
    ]);
    const all = plan.small.length + plan.zips.length;
    const jobs = small.length + zips.length;
    const left = all - jobs;
    log.info(`prefetch: ${result.fetched} fetched, ${result.skipped} already stored, ${result.failed} failed (${jobs} files)` +
        (left > 0 ? `; ${left} files of GONOPROXY modules left to the go command` : ''));
    return result;
}
async function one(job, files, result, log) {
    const name = `${job.module}@${job.version} .${job.kind}`;
    try {
        const got = await files.ensure(job.module, job.version, job.kind, 'prefetch');
        if (got.kind === 'found') {
            if (got.source === 'store')
                result.skipped++;
            else
                result.fetched++;
            return;
        }
        result.failed++;
        // A miss is normal: the go command may get a version elsewhere (a `direct` entry after ours).
        if (got.kind === 'notfound')
            log.debug(`prefetch ${name}: ${got.message}`);
        else
            log.warn(`prefetch ${name}: ${got.message}`);
    }
    catch (err) {
        result.failed++;
        log.warn(`prefetch ${name}: ${String(err)}`);
    }
}
/**
 * Verifies every stored zip with a full go.sum line, `concurrency` at a time, so the go
 * command's first requests join checks already under way (config.verifyAtStart). Files not in
 * the store are left to prefetch or to requests. Never throws. Returns how many were checked.
 */
async function verifyAtStart(sums, files, concurrency, log) {
    const verifyStored = files.verifyStored;
    if (!verifyStored)
        return 0;
    const zips = sums.versions().filter((v) => v.zip);
    let checked = 0;
    await (0,pool/* forEachLimited */.vP)(zips, concurrency, async (v) => {
        try {
            if (await verifyStored(v.module, v.version, 'zip'))
                checked++;
        }
        catch (err) {
            log.warn(`verify at start ${v.module}@${v.version}: ${String(err)}`);
        }
    });
    log.info(`verified ${checked} stored zips at start`);
    return checked;
}

;// CONCATENATED MODULE: ./src/proxy/http/reply.ts
/** Cache-Control for files that never change: canonical .mod/.zip/.info, sumdb lookups and full tiles. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control for answers that move: lists, @latest, version queries, sumdb /latest. */
const MUTABLE = 'public, max-age=60';
/** Cache-Control for errors and misses. */
const NO_STORE = 'no-store';
/** A short text reply, as the go command prints it after "server response:". */
function textReply(status, message) {
    return {
        status,
        body: message.endsWith('\n') ? message : message + '\n',
        contentType: 'text/plain; charset=utf-8',
        cacheControl: NO_STORE,
    };
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/proxy/http/sendfile.ts


/**
 * The read size for files sent in pieces. Each piece costs a thread-pool read, a socket write and
 * a turn of the loop: an 18 MB zip to curl took 33 ms in 64 KiB pieces, 24 ms in 128 KiB and
 * 19 ms in 256 KiB, where Go's own file server (sendfile) takes 17-25 ms. But 256 KiB pieces cost
 * a cold job with prefetch 1.5 MB more peak RSS than 64 KiB (one run reached 79.9 MB of its 80 MB
 * budget); 128 KiB about 0.5 MB.
 */
const PIECE = 128 * 1024;
/** Piece buffers kept for later answers: two per answer in flight for a few answers at once. */
const MAX_SPARE = 8;
const spare = [];
const readAsync = (0,external_node_util_.promisify)(external_node_fs_.read);
/**
 * Sends bytes [0, size) of an open file to `out` and ends it, through two reused buffers: a
 * buffer is read into again only once its last piece has been handed to the socket (its write
 * callback). A read stream allocates a Buffer per piece, and one still in flight at a
 * young-generation GC is promoted and freed only by a full one (memory.ts): in a proxy serving a
 * job's zips that garbage was a third of its peak RSS. Throws when `out` fails or closes first,
 * or the file is shorter.
 */
async function sendFile(fd, size, out) {
    const bufs = [takeSpare(), takeSpare()];
    let clean = false;
    try {
        // Two buffers: the next piece is read while the last one is still with the socket, so the
        // client is not kept waiting on a thread-pool read between pieces.
        let writing = Promise.resolve();
        for (let pos = 0, i = 0; pos < size; i ^= 1) {
            const buf = bufs[i]; // its own last write ended before the other one began
            const { bytesRead } = await readAsync(fd, buf, 0, Math.min(PIECE, size - pos), pos);
            if (bytesRead === 0)
                throw new Error(`file ended at ${pos} of ${size} bytes`);
            pos += bytesRead;
            await writing;
            writing = sendfile_write(out, buf.subarray(0, bytesRead));
            writing.catch(() => { }); // seen by the next await; a failure meanwhile is not unhandled
        }
        await writing;
        clean = true;
    }
    finally {
        // After a failed or abandoned write the socket may still hold the buffers: only a clean run
        // gives them back.
        if (clean)
            for (const buf of bufs)
                if (spare.length < MAX_SPARE)
                    spare.push(buf);
    }
    out.end();
}
function takeSpare() {
    return spare.pop() ?? Buffer.allocUnsafeSlow(PIECE);
}
// Resolves once `out` has handed the chunk on; rejects when it fails or closes before that (a
// client gone mid-body may never call the callback).
function sendfile_write(out, chunk) {
    return new Promise((resolve, reject) => {
        const onClose = () => reject(new Error('closed before the write finished'));
        out.once('close', onClose);
        out.write(chunk, (err) => {
            out.off('close', onClose);
            if (err)
                reject(err);
            else
                resolve();
        });
    });
}

;// CONCATENATED MODULE: ./src/proxy/http/server.ts







const JSON_TYPE = 'application/json';
const TEXT_TYPE = 'text/plain; charset=utf-8';
/** The node:http request listener: auth, routing, Reply -> HTTP. Never throws, never crashes. */
function createHandler(deps) {
    return (req, res) => {
        (0,memory/* bufferWorkStarting */.Sl)();
        // node:http's own Date header formats with toUTCString (clock.ts says why not).
        res.sendDate = false;
        res.setHeader('Date', httpDate(Date.now()));
        const started = process.hrtime.bigint();
        res.once('close', () => {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            deps.metrics.observe(res.statusCode, seconds);
        });
        handle(deps, req, res, started).catch((err) => {
            const where = (req.url ?? '').replace(/^\/_token\/[^/]*/, '/_token/***');
            deps.log.error(`unexpected error answering ${req.method} ${where}: ${String(err)}`);
            if (!res.headersSent)
                server_send(req, res, textReply(500, 'internal error'), deps.metrics);
            else
                res.destroy();
        });
    };
}
async function handle(deps, req, res, started) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return server_send(req, res, textReply(405, `method ${req.method} not allowed`), deps.metrics);
    }
    let raw = (req.url ?? '/').split('?')[0] ?? '/';
    if (!raw.startsWith('/'))
        return server_send(req, res, textReply(400, 'bad request path'), deps.metrics);
    // The go command refuses to send credentials to an http:// URL, so the token may also come
    // as the first path element: GOPROXY=http://host:port/_token/<token>.
    const inPath = deps.token !== undefined ? tokenInPath(raw, deps.token) : undefined;
    if (inPath !== undefined)
        raw = inPath;
    if (raw === '/healthz') {
        return server_send(req, res, { status: 200, body: '{"ok":true}\n', contentType: JSON_TYPE, cacheControl: NO_STORE }, deps.metrics);
    }
    if (deps.token !== undefined &&
        inPath === undefined &&
        !authorized(req.headers.authorization, deps.token)) {
        res.setHeader('WWW-Authenticate', 'Basic realm="go-mod-cache"');
        return server_send(req, res, textReply(401, 'unauthorized'), deps.metrics);
    }
    if (raw === '/metrics' && deps.exposeMetrics) {
        const body = deps.metrics.render();
        return server_send(req, res, { status: 200, body, contentType: 'text/plain; version=0.0.4', cacheControl: NO_STORE }, deps.metrics);
    }
    if (raw.startsWith('/sumdb/')) {
        if (!deps.sumdb)
            return server_send(req, res, textReply(404, 'checksum database not proxied here'), deps.metrics);
        const reply = await deps.sumdb.handle(raw.slice('/sumdb/'.length), req.method === 'HEAD');
        return server_send(req, res, reply, deps.metrics);
    }
    // As sent: parseProxyPath alone decides which escapes it undoes (%21, and the last element's).
    const parsed = (0,modpath/* parseProxyPath */.Zn)(raw.slice(1));
    if ('status' in parsed)
        return server_send(req, res, textReply(parsed.status, parsed.message), deps.metrics);
    const { reply, ensured } = await route(deps.files, parsed);
    if (ensured.kind !== 'found' || !isCanonical(parsed))
        return server_send(req, res, reply, deps.metrics);
    const { module, version, kind } = parsed;
    const source = ensured.source;
    if (source === 'store')
        deps.metrics.storeHits++;
    else
        deps.metrics.storeMisses++;
    // The journal line is written as the body starts, not after it: the client may have the last
    // byte (and the proxy a SIGTERM) before this handler runs again.
    const onServe = (bytes) => {
        const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
        deps.journal.record({ event: 'serve', module, version, file: kind, source, bytes, ms });
    };
    return server_send(req, res, reply, deps.metrics, onServe);
}
/** True for the canonical .info/.mod/.zip requests, the ones the journal records. */
function isCanonical(req) {
    return req.kind === 'mod' || req.kind === 'zip' || (req.kind === 'info' && req.canonical);
}
/** Asks ModuleFiles for one proxy request and turns the answer into a Reply. */
async function route(files, req) {
    let ensured;
    let contentType = JSON_TYPE;
    let cacheControl = IMMUTABLE;
    switch (req.kind) {
        case 'list':
            ensured = await files.list(req.module);
            contentType = TEXT_TYPE;
            cacheControl = MUTABLE;
            break;
        case 'latest':
            ensured = await files.latest(req.module);
            cacheControl = MUTABLE;
            break;
        case 'info':
            if (req.canonical) {
                ensured = await files.ensure(req.module, req.version, 'info', 'request');
            }
            else {
                ensured = await files.query(req.module, req.version);
                cacheControl = MUTABLE;
            }
            break;
        case 'mod':
            ensured = await files.ensure(req.module, req.version, 'mod', 'request');
            contentType = TEXT_TYPE;
            break;
        case 'zip':
            ensured = await files.ensure(req.module, req.version, 'zip', 'request');
            contentType = 'application/zip';
            break;
    }
    if (ensured.kind !== 'found')
        return { reply: textReply(ensured.status, ensured.message), ensured };
    return { reply: { status: 200, file: ensured.path, contentType, cacheControl }, ensured };
}
/**
 * Writes a Reply: Content-Length, a strong ETag (If-None-Match -> 304), HEAD without a body.
 * A file is opened once and streamed from that descriptor, so a concurrent rename over it
 * (another process storing the same file) cannot mix two versions into one answer.
 */
async function server_send(req, res, reply, metrics, onServe) {
    res.setHeader('Content-Type', reply.contentType);
    res.setHeader('Cache-Control', reply.cacheControl);
    const head = req.method === 'HEAD';
    if (reply.file === undefined) {
        const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : (reply.body ?? Buffer.alloc(0));
        const etag = `"${(0,external_node_crypto_.createHash)('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        if (reply.status === 200 && notModified(req, res, etag))
            return { status: 304, bytes: 0 };
        if (reply.status === 200)
            res.setHeader('ETag', etag);
        res.statusCode = reply.status;
        res.setHeader('Content-Length', body.length);
        res.end(head ? undefined : body);
        if (!head)
            metrics.bytesServed += body.length;
        return { status: reply.status, bytes: head ? 0 : body.length };
    }
    // Opened and stat'ed at once, not through the thread pool: microseconds for a file the store
    // just checked, where a pool round trip costs two thread wake-ups per call.
    const fd = (0,external_node_fs_.openSync)(reply.file, 'r');
    try {
        const st = (0,external_node_fs_.fstatSync)(fd);
        const etag = `"${st.size.toString(16)}-${Math.trunc(st.mtimeMs).toString(16)}-${st.ino.toString(16)}"`;
        if (reply.status === 200 && notModified(req, res, etag))
            return { status: 304, bytes: 0 };
        res.statusCode = reply.status;
        res.setHeader('ETag', etag);
        res.setHeader('Content-Length', st.size);
        if (reply.status === 200 && !head)
            onServe?.(st.size);
        if (head) {
            res.end();
            return { status: reply.status, bytes: 0 };
        }
        // Counted as the body starts, like the journal line, so /metrics never lags an answer.
        metrics.bytesServed += st.size;
        try {
            // .info and .mod (and small zips) in one read; a stream's machinery costs more than they do.
            if (st.size <= SMALL_FILE)
                res.end(readWhole(fd, st.size));
            else
                await sendFile(fd, st.size, res);
        }
        catch {
            // The client went away mid-body (or the disk failed): nothing more to say to it.
            res.destroy();
            return { status: reply.status, bytes: 0 };
        }
        return { status: reply.status, bytes: st.size };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
// A small file whole, in one read where the kernel allows.
function readWhole(fd, size) {
    const buf = Buffer.allocUnsafe(size);
    for (let done = 0; done < size;) {
        const n = (0,external_node_fs_.readSync)(fd, buf, done, size - done, done);
        if (n === 0)
            throw new Error(`file ended at ${done} of ${size} bytes`);
        done += n;
    }
    return buf;
}
/**
 * Files up to this size (every .info and .mod, small zips) are read at once on the loop and sent
 * from one buffer: microseconds from the page cache, where a piece through the thread pool costs
 * two thread wake-ups. Larger ones go in pieces, off the loop.
 */
const SMALL_FILE = 64 * 1024;
/** Answers 304 when the client's If-None-Match names `etag`. */
function notModified(req, res, etag) {
    const header = req.headers['if-none-match'];
    if (header === undefined)
        return false;
    const tags = header.split(',').map((t) => t.trim());
    if (!tags.includes(etag) && !tags.includes('*'))
        return false;
    res.statusCode = 304;
    res.setHeader('ETag', etag);
    res.end();
    return true;
}
/** The path prefix that carries the token when the client cannot send credentials over http. */
const TOKEN_PREFIX = '/_token/';
/** The rest of `raw` when it starts with the right token prefix, else undefined. */
function tokenInPath(raw, token) {
    if (!raw.startsWith(TOKEN_PREFIX))
        return undefined;
    const end = raw.indexOf('/', TOKEN_PREFIX.length);
    if (end < 0)
        return undefined;
    const given = Buffer.from(raw.slice(TOKEN_PREFIX.length, end));
    const want = Buffer.from(encodeURIComponent(token));
    return given.length === want.length && (0,external_node_crypto_.timingSafeEqual)(given, want) ? raw.slice(end) : undefined;
}
/** Basic auth with password === token (any user), or `Bearer <token>`. */
function authorized(header, token) {
    if (!header)
        return false;
    const [scheme, value = ''] = header.trim().split(/\s+/, 2);
    let given;
    if (scheme?.toLowerCase() === 'bearer')
        given = value;
    if (scheme?.toLowerCase() === 'basic') {
        const decoded = Buffer.from(value, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        given = colon >= 0 ? decoded.slice(colon + 1) : undefined;
    }
    if (given === undefined)
        return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && (0,external_node_crypto_.timingSafeEqual)(a, b);
}

;// CONCATENATED MODULE: ./src/proxy/sumdb/sumdb.ts






// Caps on what the database may send: a lookup is one record plus a signed tree head; a tile is
// at most 2^H hashes of 32 bytes (8 KiB at sum.golang.org's H=8) or as many short records.
const sumdb_MAX_BYTES = { latest: 64 * 1024, lookup: 1024 * 1024, tile: 8 * 1024 * 1024 };
const TEXT = 'text/plain; charset=utf-8';
const BINARY = 'application/octet-stream';
/** Creates the handler; only `deps.sumdb.name` is served, every other name answers 404. */
function createSumdb(deps) {
    const now = deps.now ?? Date.now;
    const prefix = `${deps.sumdb.name}/`;
    const flights = new SingleFlight();
    let probe;
    // Fetches `path` from the database into the store at `rel` (temp + rename: never a half file).
    const fetchInto = (rel, path, maxBytes) => flights
        .run(rel, async () => {
        // A box, not a plain let: the outcome is set inside the write callback.
        const got = { outcome: { kind: 'error', message: 'not fetched' } };
        try {
            await deps.store.write(rel, async (tmp) => {
                got.outcome = await deps.upstream.get(path, (body) => bodyToFile(body, tmp), { maxBytes });
                if (got.outcome.kind !== 'found')
                    throw new NotStored();
            });
        }
        catch (err) {
            if (!(err instanceof NotStored))
                got.outcome = { kind: 'error', message: `storing ${rel}: ${String(err)}` };
        }
        if (path === 'latest')
            probe = { ok: got.outcome.kind === 'found', at: now() };
        return got.outcome;
    })
        .then((r) => r.value);
    const latest = async (rel) => {
        const cached = await deps.store.stat(rel);
        if (cached && (deps.offline || now() - cached.mtimeMs < deps.ttlMs))
            return fileReply(cached.path, MUTABLE, TEXT);
        if (deps.offline)
            return textReply(404, 'offline: no cached /latest for this checksum database');
        const outcome = await fetchInto(rel, 'latest', sumdb_MAX_BYTES.latest);
        if (outcome.kind === 'found')
            return fileReply(deps.store.abs(rel), MUTABLE, TEXT);
        // A stale signed tree head is still a valid one: the go command checks it is not older than
        // what it has seen, so serving it keeps a build going while the database is unreachable.
        const stale = await deps.store.stat(rel);
        if (stale) {
            deps.log.warn(`sumdb ${deps.sumdb.name}: /latest failed (${describe(outcome)}); serving the cached one`);
            return fileReply(stale.path, MUTABLE, TEXT);
        }
        return failReply(outcome);
    };
    const supported = async (latestRel) => {
        // 200 commits the go command to this proxy for every later lookup (FACTS §2), so say yes
        // only when lookups will work: the database answered recently (offline: we have its head).
        if (deps.offline) {
            const ok = (await deps.store.stat(latestRel)) !== undefined;
            return ok ? textReply(200, 'ok') : textReply(404, 'offline: checksum database not cached');
        }
        if (!probe || now() - probe.at >= deps.ttlMs) {
            const outcome = await fetchInto(latestRel, 'latest', sumdb_MAX_BYTES.latest);
            if (outcome.kind !== 'found')
                deps.log.warn(`sumdb ${deps.sumdb.name} unreachable: ${describe(outcome)}`);
        }
        return probe?.ok
            ? textReply(200, 'ok')
            : textReply(404, 'checksum database unreachable through this proxy');
    };
    return {
        async handle(rest) {
            if (!rest.startsWith(prefix))
                return textReply(404, 'unknown checksum database');
            const req = parseSumdbPath(rest.slice(prefix.length));
            if ('status' in req)
                return textReply(req.status, req.message);
            const base = `sumdb/${deps.sumdb.name}`;
            if (req.kind === 'supported')
                return supported(`${base}/latest`);
            if (req.kind === 'latest')
                return latest(`${base}/latest`);
            if (req.kind === 'lookup' && deps.noSumdb && matchPrefixPatterns(deps.noSumdb, req.module)) {
                return textReply(403, `${req.module} matches --nosumdb (GONOSUMDB): this proxy does not send its name to ${deps.sumdb.name}; ` +
                    'set GONOSUMDB or GOPRIVATE for it');
            }
            // Lookups and tiles (partial ones too: a tile of width W in an append-only log never
            // changes) are immutable, so a stored copy is served forever.
            const rel = `${base}/${req.path}`;
            const type = req.kind === 'lookup' ? TEXT : BINARY;
            const cached = await deps.store.stat(rel);
            if (cached)
                return fileReply(cached.path, IMMUTABLE, type);
            const cut = req.kind === 'tile' ? await cutFromWider(deps.store, base, req.path) : undefined;
            if (cut)
                return { status: 200, body: cut, contentType: type, cacheControl: IMMUTABLE };
            if (deps.offline)
                return textReply(404, `offline: ${req.path} not cached`);
            const outcome = await fetchInto(rel, req.path, sumdb_MAX_BYTES[req.kind]);
            if (outcome.kind === 'found')
                return fileReply(deps.store.abs(rel), IMMUTABLE, type);
            return failReply(outcome);
        },
    };
}
class NotStored extends Error {
}
const HASH_SIZE = 32;
/**
 * A partial hash tile cut from a wider stored copy of the same tile. The log is append-only, so
 * tile N of width W is the first W hashes of tile N at any greater width; the go command's own
 * client cuts full tiles the same way. This saves a round trip, and it answers while the
 * database is down: a lookup stored by an earlier run carries the tree head of its day, and
 * proving that older tree against a newer one asks for partial tiles no run fetched.
 * Data tiles hold records of varying length and are never cut.
 */
async function cutFromWider(store, base, tile) {
    const m = /^(tile\/(\d+)\/\d+\/(?:x\d{3}\/)*\d{3})\.p\/(\d+)$/.exec(tile);
    if (!m)
        return undefined;
    const [, stem, h, w] = m;
    const width = Number(w);
    const wider = [{ rel: `${base}/${stem}`, width: 2 ** Number(h) }];
    try {
        for (const name of await (0,promises_.readdir)(store.abs(`${base}/${stem}.p`))) {
            if (/^[1-9]\d*$/.test(name) && Number(name) > width)
                wider.push({ rel: `${base}/${stem}.p/${name}`, width: Number(name) });
        }
    }
    catch (err) {
        if (!isMissing(err))
            throw err;
    }
    for (const t of wider) {
        // A size that does not match its width is not a tile this log wrote: skip it.
        const st = await store.stat(t.rel);
        if (st?.size !== t.width * HASH_SIZE)
            continue;
        const data = await (0,promises_.readFile)(st.path);
        if (data.length === st.size)
            return data.subarray(0, width * HASH_SIZE);
    }
    return undefined;
}
function fileReply(file, cacheControl, contentType) {
    return { status: 200, file, contentType, cacheControl };
}
// Misses pass through as the database said them (the go command prints the message); anything
// else is a gateway error.
function failReply(outcome) {
    if (outcome.kind === 'notfound')
        return textReply(outcome.status, outcome.message);
    return textReply(502, `checksum database: ${describe(outcome)}`);
}
function describe(outcome) {
    return outcome.kind === 'found' ? 'ok' : outcome.message;
}
/**
 * Validates a path below /sumdb/<name>/ and rebuilds it from parsed values (so only canonical
 * spellings reach the store and the database): supported, latest, lookup/M@V, tile/H/L/K[.p/W],
 * tile/H/data/K[.p/W].
 */
function parseSumdbPath(rest) {
    if (rest === 'supported')
        return { kind: 'supported' };
    if (rest === 'latest')
        return { kind: 'latest', path: 'latest' };
    if (rest.startsWith('lookup/'))
        return parseLookup(rest.slice('lookup/'.length));
    if (rest.startsWith('tile/')) {
        const tile = parseTilePath(rest);
        return tile === undefined ? { status: 404, message: 'invalid tile path' } : { kind: 'tile', path: tile };
    }
    return { status: 404, message: 'not found' };
}
function parseLookup(mv) {
    const at = mv.lastIndexOf('@');
    const path = at > 0 ? (0,modpath/* unescapePath */.a3)(mv.slice(0, at)) : undefined;
    const version = at > 0 ? (0,modpath/* unescapeVersion */.Bt)(mv.slice(at + 1)) : undefined;
    if (path === undefined || version === undefined || !(0,modpath/* isCanonicalVersion */.Bh)(version)) {
        return { status: 400, message: 'invalid lookup: expected lookup/MODULE@VERSION (escaped, canonical)' };
    }
    const rebuilt = `${(0,modpath/* escapePath */.ft)(path)}@${(0,modpath/* escapeVersion */.av)(version)}`;
    if (rebuilt !== mv)
        return { status: 400, message: 'invalid lookup: not canonically escaped' };
    return { kind: 'lookup', path: `lookup/${rebuilt}`, module: path };
}
const PATH_BASE = 1000;
/**
 * A port of golang.org/x/mod/sumdb/tlog.ParseTilePath: the tile path if valid and canonical
 * (it round-trips through Tile.Path), else undefined. Index elements are limited so N stays a
 * safe integer.
 */
function parseTilePath(path) {
    const f = path.split('/');
    if (f.length < 4 || f.length > 9 || f[0] !== 'tile')
        return undefined;
    const h = digits(f[1]);
    const isData = f[2] === 'data';
    const l = isData ? 0 : digits(f[2]);
    if (h === undefined || l === undefined || h < 1 || h > 30 || l > 63)
        return undefined;
    let w = 2 ** h;
    let elems = f.slice(3);
    const dotP = elems.at(-2);
    if (dotP?.endsWith('.p')) {
        const ww = digits(elems.at(-1));
        if (ww === undefined || ww <= 0 || ww >= w)
            return undefined;
        w = ww;
        elems = [...elems.slice(0, -2), dotP.slice(0, -2)];
    }
    let n = 0;
    for (const [i, s] of elems.entries()) {
        const last = i === elems.length - 1;
        // Every element but the last carries the "x" prefix; the last never does (Tile.Path).
        if (last === s.startsWith('x'))
            return undefined;
        const nn = digits(last ? s : s.slice(1));
        if (nn === undefined || nn >= PATH_BASE)
            return undefined;
        n = n * PATH_BASE + nn;
    }
    const rebuilt = tilePath(h, isData ? -1 : l, n, w);
    return rebuilt === path ? rebuilt : undefined;
}
function tilePath(h, l, n, w) {
    let rest = n;
    let nStr = String(rest % PATH_BASE).padStart(3, '0');
    while (rest >= PATH_BASE) {
        rest = Math.floor(rest / PATH_BASE);
        nStr = `x${String(rest % PATH_BASE).padStart(3, '0')}/${nStr}`;
    }
    const p = w !== 2 ** h ? `.p/${w}` : '';
    return `tile/${h}/${l === -1 ? 'data' : l}/${nStr}${p}`;
}
function digits(s) {
    return s !== undefined && /^\d{1,9}$/.test(s) ? Number(s) : undefined;
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/proxy/upstream/undici.ts
let loading;
/** Loads the undici parts once; every caller gets the same. */
function loadUndici() {
    loading ??= Promise.all(/* import() */[__webpack_require__.e(396), __webpack_require__.e(995)]).then(__webpack_require__.bind(__webpack_require__, 8995)).then(({ AgentClass, redirect, requestImpl }) => ({
        Agent: AgentClass,
        redirect,
        request(url, opts) {
            const { dispatcher, ...rest } = opts;
            const u = new URL(url);
            return requestImpl.call(dispatcher, { ...rest, origin: u.origin, path: `${u.pathname}${u.search}` });
        },
    }));
    return loading;
}

;// CONCATENATED MODULE: ./src/proxy/upstream/goproxy-list.ts


const ACCEPTED = 'accepted: entries separated by "," or "|", each "direct", "off", or an http://, https:// or file:// URL';
/**
 * Parses a GOPROXY-style list the way cmd/go does: empty entries are skipped, a bare
 * "host/path" gets https://, and nothing after `direct` or `off` can ever be reached.
 * Throws an Error naming the bad entry and the accepted form.
 */
function parseProxyList(list) {
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
            dir = external_node_path_default().resolve((0,external_node_url_.fileURLToPath)(url));
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

;// CONCATENATED MODULE: ./src/proxy/log.ts

const userinfo = /([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi;
const bearer = /(authorization:\s*)(basic|bearer)\s+\S+/gi;
/** Removes URL userinfo and Authorization values, so a log line never carries a secret. */
function redact(text) {
    return text.replace(userinfo, '$1***@').replace(bearer, '$1$2 ***');
}
/** A logger writing `time level message` lines to a stream (stderr by default). */
function streamLogger(write = (line) => process.stderr.write(line), debug = false) {
    const emit = (level) => (message) => write(`${isoTime(Date.now())} ${level} ${redact(message).replace(/\n/g, '\\n')}\n`);
    return {
        debug: debug ? emit('debug') : () => { },
        info: emit('info'),
        warn: emit('warn'),
        error: emit('error'),
    };
}
/** A logger that drops everything; for tests and library callers that do not care. */
const silentLogger = { debug() { }, info() { }, warn() { }, error() { } };

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./src/proxy/upstream/counted.ts

/**
 * `body` behind a byte counter: more than `maxBytes` fails it with `tooLarge`, and an error or
 * early close of the body, or an end short of `length`, fails it with `broken` (both set before
 * the returned stream errors).
 *
 * Piped, not read through an async iterator: the iterator reads in paused mode, where each read
 * joins every chunk the body has buffered into a new Buffer. While the store's disk lagged,
 * that copied 83 MB of bench/proxy.ts's 96 MB of cold zips into garbage Buffers.
 */
function countedBody(body, length, maxBytes, state, tooLargeMessage) {
    const counter = new external_node_stream_.Transform({
        transform(chunk, _encoding, done) {
            state.bytes += chunk.length;
            if (state.bytes > maxBytes) {
                state.tooLarge = true;
                done(new Error(tooLargeMessage));
                return;
            }
            done(null, chunk);
        },
        flush(done) {
            if (length !== undefined && state.bytes !== length) {
                const truncated = new Error(`truncated: ${state.bytes} of ${length} bytes`);
                state.broken = truncated;
                done(truncated);
                return;
            }
            done();
        },
    });
    // The consumer may not listen yet (it opens its file first): this keeps an early error from
    // being uncaught, and the consumer still gets it from the stream's errored state.
    counter.on('error', () => { });
    (0,external_node_stream_.finished)(body, (err) => {
        if (!err || counter.destroyed)
            return;
        if (!state.tooLarge)
            state.broken = err;
        counter.destroy(err);
    });
    return body.pipe(counter);
}

;// CONCATENATED MODULE: ./src/proxy/upstream/netrc.ts



/**
 * Parses .netrc text: `machine`, `default`, `login`, `password`, `account` and `macdef`
 * (whose body runs to the next blank line and is skipped). Entries without a login or
 * password are dropped, as curl and cmd/go do.
 */
function parseNetrc(text) {
    const entries = [];
    let current = {};
    const flush = () => {
        if (current.isEntry && current.login !== undefined && current.password !== undefined) {
            entries.push({
                ...(current.machine !== undefined ? { machine: current.machine } : {}),
                login: current.login,
                password: current.password,
            });
        }
        current = {};
    };
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        const tokens = (lines[i] ?? '').trim().split(/\s+/).filter(Boolean);
        for (let t = 0; t < tokens.length; t++) {
            const token = tokens[t];
            const value = tokens[t + 1];
            if (token === 'machine' && value !== undefined) {
                flush();
                current = { isEntry: true, machine: value };
                t++;
            }
            else if (token === 'default') {
                flush();
                current = { isEntry: true };
            }
            else if ((token === 'login' || token === 'password') && value !== undefined) {
                current[token] = value;
                t++;
            }
            else if (token === 'account' && value !== undefined) {
                t++;
            }
            else if (token === 'macdef') {
                // A macro body is free text up to a blank line; none of it is a token.
                while (i + 1 < lines.length && (lines[i + 1] ?? '').trim() !== '')
                    i++;
                break;
            }
        }
    }
    flush();
    return entries;
}
/**
 * The credentials for a host: the first `machine` equal to host:port or to the bare host
 * name, else the `default` entry.
 */
function netrcLookup(entries, host, hostname) {
    const match = entries.find((e) => e.machine === host) ??
        entries.find((e) => e.machine === hostname) ??
        entries.find((e) => e.machine === undefined);
    return match ? { username: match.login, password: match.password } : undefined;
}
/** The .netrc path cmd/go would read: $NETRC, else ~/.netrc (~/_netrc on Windows). */
function defaultNetrcPath(env = process.env) {
    if (env.NETRC)
        return env.NETRC;
    return external_node_path_default().join(external_node_os_default().homedir(), process.platform === 'win32' ? '_netrc' : '.netrc');
}
/**
 * Reads and parses a .netrc file; undefined when it does not exist (the caller decides whether
 * that matters). Any other read failure is thrown so a broken path is not silently ignored.
 */
function loadNetrc(file) {
    try {
        return parseNetrc((0,external_node_fs_.readFileSync)(file, 'utf8'));
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/proxy/upstream/upstream.ts










const TOO_LARGE = 'response too large';
const ABORTED = 'aborted';
/** Builds the Upstream for a GOPROXY-style list; throws when the list is invalid. */
function createUpstream(config) {
    const log = config.log;
    const entries = parseProxyList(config.list);
    const netrc = needsNetrc(entries) ? readNetrc(config.netrc, log) : [];
    const auth = new Map(entries.map((e) => [e, authorizationFor(e, netrc, log)]));
    // Made on the first HTTP request (http.ts): a proxy serving its store may never need one.
    let made;
    const client = () => (made ??= loadUndici().then((undici) => {
        const owned = config.dispatcher
            ? undefined
            : new undici.Agent({
                connections: config.maxConnections ?? 16,
                pipelining: 1,
                connect: { timeout: config.connectTimeoutMs ?? 10_000 },
            });
        // Proxies in front of object stores answer .zip with a redirect; undici drops Authorization
        // when a redirect leaves the origin.
        const dispatcher = (config.dispatcher ?? owned).compose(undici.redirect({ maxRedirections: 5 }));
        return { dispatcher, request: undici.request, owned };
    }));
    const settings = {
        log,
        client,
        headersTimeout: config.headersTimeoutMs ?? 30_000,
        bodyTimeout: config.bodyTimeoutMs ?? 30_000,
        retries: config.retries ?? 2,
        retryBaseMs: config.retryBaseMs ?? 200,
        retryMaxDelayMs: config.retryMaxDelayMs ?? 5_000,
        sleep: config.sleep ?? ((ms, signal) => (0,external_node_timers_promises_.setTimeout)(ms, undefined, { signal })),
        paths: config.paths ?? 'proxy',
    };
    // One per get() in flight, aborted when close() gives up waiting: undici's destroy() after
    // close() leaves a request already waiting for headers to its headers timeout.
    const inFlight = new Set();
    async function get(path, consume, given) {
        const cut = new AbortController();
        const follow = () => cut.abort();
        if (given.signal?.aborted)
            cut.abort();
        given.signal?.addEventListener('abort', follow, { once: true });
        inFlight.add(cut);
        try {
            return await getEntries(path, consume, { ...given, signal: cut.signal });
        }
        finally {
            inFlight.delete(cut);
            given.signal?.removeEventListener('abort', follow);
        }
    }
    async function getEntries(path, consume, opts) {
        if (!isRelativeStorePath(path))
            return { kind: 'error', message: `invalid upstream path "${path}"` };
        for (const [i, entry] of entries.entries()) {
            if (entry.kind === 'direct') {
                return { kind: 'notfound', status: 404, message: "left to the go command's own direct fallback" };
            }
            if (entry.kind === 'off') {
                return { kind: 'notfound', status: 404, message: 'module lookup disabled by GOPROXY=off' };
            }
            const outcome = await tryEntry(settings, entry, auth.get(entry), path, consume, opts);
            if (outcome.kind === 'found' || opts.signal?.aborted)
                return outcome;
            const next = entries[i + 1];
            if (next === undefined)
                return outcome;
            if (outcome.kind === 'notfound') {
                log.debug(`${entry.base}/${path}: ${outcome.status}; trying ${next.base}`);
                continue;
            }
            if (entry.next !== '|')
                return outcome;
            log.warn(redact(`upstream ${entry.base} failed for ${path}: ${outcome.message}; trying ${next.base}`));
        }
        // Unreachable: parseProxyList never returns an empty list.
        return { kind: 'error', message: 'no upstream' };
    }
    return {
        get,
        async close() {
            const owned = (await made?.catch(() => undefined))?.owned;
            if (!owned)
                return;
            // Graceful first; a hung upstream must not hold shutdown, so cut what is left after 2 s.
            const timer = (0,external_node_timers_promises_.setTimeout)(2_000, 'timeout', { ref: false });
            if ((await Promise.race([owned.close().then(() => 'closed'), timer])) === 'timeout') {
                for (const cut of inFlight)
                    cut.abort();
                await owned.destroy();
            }
        },
    };
}
/** One entry, with retries and backoff for transient failures. */
async function tryEntry(s, entry, authorization, path, consume, opts) {
    for (let attempt = 1;; attempt++) {
        if (opts.signal?.aborted)
            return { kind: 'error', message: ABORTED };
        const result = entry.kind === 'file'
            ? await attemptFile(s, entry, path, consume, opts)
            : await attemptHttp(s, entry, authorization, path, consume, opts);
        if (result.kind !== 'transient')
            return result;
        const where = `${entry.base}/${path}`;
        if (attempt > s.retries) {
            return { kind: 'error', message: redact(`${where}: ${result.message} (after ${attempt} tries)`) };
        }
        const delay = upstream_backoff(attempt, result.retryAfterMs, s.retryBaseMs, s.retryMaxDelayMs);
        s.log.debug(redact(`${where}: ${result.message}; retry ${attempt} in ${delay}ms`));
        try {
            await s.sleep(delay, opts.signal);
        }
        catch {
            return { kind: 'error', message: ABORTED };
        }
    }
}
/** Exponential backoff with jitter; a Retry-After is honoured up to the cap. */
function upstream_backoff(attempt, retryAfterMs, baseMs, maxMs, random = Math.random) {
    const exp = baseMs * 2 ** (attempt - 1);
    // Half fixed, half random: retries from many runners do not arrive in step.
    const jittered = Math.round(exp / 2 + (random() * exp) / 2);
    return Math.min(Math.max(retryAfterMs ?? 0, jittered), maxMs);
}
async function attemptHttp(s, entry, authorization, path, consume, opts) {
    (0,memory/* bufferWorkStarting */.Sl)();
    // The query stays off the logged URL: it may carry a token.
    const shown = `${entry.base}/${path}`;
    const started = Date.now();
    const headers = { 'user-agent': 'go-mod-cache' };
    if (authorization)
        headers.authorization = authorization;
    let res;
    try {
        const { dispatcher, request } = await s.client();
        res = await request(`${entry.base}/${urlPath(path, s.paths)}${entry.search}`, {
            dispatcher,
            method: 'GET',
            headers,
            signal: opts.signal,
            headersTimeout: s.headersTimeout,
            bodyTimeout: s.bodyTimeout,
        });
    }
    catch (err) {
        s.log.debug(redact(`GET ${shown} failed ${Date.now() - started}ms: ${upstream_describe(err)}`));
        if (opts.signal?.aborted)
            return { kind: 'error', message: ABORTED };
        return { kind: 'transient', message: upstream_describe(err) };
    }
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
    const file = external_node_path_default().join(entry.dir, ...path.split('/'));
    const started = Date.now();
    const info = await (0,promises_.stat)(file).catch(() => undefined);
    if (!info?.isFile()) {
        s.log.debug(`GET ${entry.base}/${path} 404 ${Date.now() - started}ms`);
        return { kind: 'notfound', status: 404, message: `${entry.base}: 404: not found: ${path}` };
    }
    if (info.size > opts.maxBytes)
        return { kind: 'error', message: TOO_LARGE };
    const result = await consumeBody((0,external_node_fs_.createReadStream)(file), info.size, consume, opts);
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
                message: `body broke after ${state.bytes} bytes: ${upstream_describe(state.broken)}`,
            };
        return { kind: 'error', message: upstream_describe(err) };
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
function upstream_describe(err) {
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
function needsNetrc(entries) {
    return entries.some((e) => e.kind === 'http' && e.userinfo === undefined);
}
function readNetrc(file, log) {
    const target = file ?? defaultNetrcPath();
    try {
        const entries = loadNetrc(target);
        if (entries === undefined && file !== undefined)
            log.warn(`netrc file ${file} does not exist`);
        return entries ?? [];
    }
    catch (err) {
        log.warn(`cannot read netrc file ${target}: ${upstream_describe(err)}; no .netrc credentials`);
        return [];
    }
}
/**
 * The Authorization header for an entry: its URL userinfo, else its .netrc machine, and only
 * over https, as cmd/go does; credentials are never sent in clear text.
 */
function authorizationFor(entry, netrc, log) {
    if (entry.kind !== 'http')
        return undefined;
    const creds = entry.userinfo ?? netrcLookup(netrc, entry.host, entry.hostname);
    if (creds === undefined)
        return undefined;
    const source = entry.userinfo ? 'URL userinfo' : '.netrc';
    if (entry.protocol !== 'https:') {
        log.debug(`credentials from ${source} for ${entry.base} are not sent: it is plain http`);
        return undefined;
    }
    log.debug(`sending credentials from ${source} to ${entry.base}`);
    return 'Basic ' + Buffer.from(`${creds.username}:${creds.password}`).toString('base64');
}

;// CONCATENATED MODULE: ./src/proxy/index.ts













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
    const log = config.log;
    const sums = await gosum/* GoSums */.x.load(config.goSum);
    const store = new Store(config.store);
    const aborter = new AbortController();
    const upstream = createUpstream({
        list: config.upstream,
        netrc: config.netrc,
        log,
        maxConnections: config.concurrency.upstream,
        ...tuning,
    });
    const journal = config.journal
        ? fileJournal(config.journal, { onError: (err) => log.warn(`journal write failed: ${String(err)}`) })
        : nullJournal;
    const metrics = new Metrics();
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
        verifyConcurrency: config.verifyConcurrency ?? DEFAULTS.verifyConcurrency,
        stamps: new Stamps(store, log),
        onFetch: (outcome) => {
            if (outcome === 'fetched')
                metrics.upstreamFetches++;
            else
                metrics.upstreamErrors++;
        },
    });
    // The database is its own upstream: its list is the database URL (sumdb.ts's contract).
    const sumdbUpstream = config.sumdb
        ? createUpstream({ list: config.sumdb.url, netrc: config.netrc, log, maxConnections: 4, paths: 'sumdb' })
        : undefined;
    const sumdb = config.sumdb && sumdbUpstream
        ? createSumdb({
            sumdb: config.sumdb,
            store,
            upstream: sumdbUpstream,
            ttlMs: config.mutableTtlMs,
            offline: config.offline,
            noSumdb: config.noSumdb,
            log,
        })
        : null;
    const server = (0,external_node_http_.createServer)({ keepAlive: true }, createHandler({
        files,
        sumdb,
        journal,
        metrics,
        exposeMetrics: config.metrics,
        token: config.token,
        log,
    }));
    try {
        await listen(server, host, port);
    }
    catch (err) {
        await Promise.allSettled([upstream.close(), sumdbUpstream?.close(), journal.close()]);
        throw new Error(`cannot listen on ${config.listen}: ${String(err)}`, { cause: err });
    }
    const actual = server.address().port;
    const hostInUrl = host.includes(':') ? `[${host}]` : host;
    const url = `http://${hostInUrl}:${actual}`;
    // Not basic auth in the URL: the go command refuses to send credentials to an http:// URL.
    const goproxy = config.token ? `${url}${TOKEN_PREFIX}${encodeURIComponent(config.token)}` : url;
    log.info(`proxy listening on ${url} (store ${store.root}, upstream ${config.upstream}${config.offline ? ', offline' : ''})`);
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
    let closing;
    const close = () => {
        closing ??= shutdown(server, config.shutdownTimeoutMs, async () => {
            aborter.abort();
            await Promise.allSettled([upstream.close(), sumdbUpstream?.close()]);
            await journal.close();
            log.info(`proxy closed (${memorySummary()})`);
        });
        return closing;
    };
    return { url, goproxy, port: actual, prefetched, files, metrics, close };
}
/**
 * Where the memory is at close: V8 heap vs off-heap (Buffers, zlib, malloc arenas) vs the
 * peak RSS, so a memory regression can be placed without a profiler.
 */
function memorySummary() {
    const m = process.memoryUsage();
    const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
    let peak = '';
    try {
        const hwm = /VmHWM:\s*(\d+) kB/.exec((0,external_node_fs_.readFileSync)('/proc/self/status', 'utf8'));
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
 * An in-process proxy core on the same store, upstream and go.sum, started on first use. Post
 * stops the job's proxy first (so its journal is complete) and completes the entry with this:
 * every file is verified against go.sum exactly as the job's proxy would have.
 */
function completer(config) {
    let running;
    const start = () => startProxy({
        ...DEFAULTS,
        concurrency: { ...DEFAULTS.concurrency },
        ...config,
        prefetch: false,
        metrics: false,
        sumdb: null,
        log: debugLogger,
    });
    return {
        async complete(f) {
            running ??= start();
            const proxy = await running;
            const got = await proxy.files.ensure(f.module, f.version, f.file, 'prefetch');
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

// EXTERNAL MODULE: ./src/entry/sumset.ts
var sumset = __webpack_require__(7683);
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
        const rel = safeRel(f);
        if (rel !== undefined && !wanted.has(rel))
            wanted.set(rel, { f, required: false });
    }
    if (options.complete)
        await completeAll(store, wanted, options.complete);
    // Each file is a few syscalls (stat, read): in parallel they cost a fraction of the time in a
    // row. Outcomes are collected in path order, so the result never depends on timing.
    const sorted = [...wanted].sort(([a], [b]) => (a < b ? -1 : 1));
    const outcomes = await (0,pool/* mapLimited */.bB)(sorted, ENTRY_CONCURRENCY, ([rel, { f, required }]) => addFile(rel, f, required, options));
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
const ENTRY_CONCURRENCY = 16;
// One file of the entry, verified (and its zip's .ziphash made sure of).
async function addFile(rel, f, required, options) {
    const source = (0,external_node_path_.join)(options.store, rel);
    const found = await (0,promises_.stat)(source).catch(() => undefined);
    if (found === undefined)
        return required ? { kind: 'missing', rel } : { kind: 'skipped' };
    if (f.file !== 'zip') {
        const problem = await verify(source, f, options.sums);
        return problem === undefined
            ? { kind: 'added', bytes: found.size, paths: [rel] }
            : { kind: 'rejected', line: `${rel}: ${problem}` };
    }
    const checked = await zipHash(source, f, options.sums);
    if (checked.h1 === undefined)
        return { kind: 'rejected', line: `${rel}: ${checked.problem}` };
    // The go command trusts a .ziphash beside a zip and skips re-hashing it: a warm job then only
    // extracts. One written here records a hash checked against go.sum a moment ago. Best effort: a
    // zip whose .ziphash could not be made right goes alone, and the go command hashes it itself.
    const ziphash = rel.replace(/\.zip$/, '.ziphash');
    const hashed = checked.recorded === true || (await recordZipHash(options.store, ziphash, checked.h1));
    return { kind: 'added', bytes: found.size, paths: hashed ? [rel, ziphash] : [rel] };
}
// Completes the missing go.sum files a few at a time: the job may have used far fewer than go.sum names.
async function completeAll(store, wanted, complete) {
    const missing = [];
    for (const [rel, { f, required }] of wanted)
        if (required && !(await exists((0,external_node_path_.join)(store, rel))))
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
/** Checks a store file against go.sum (and the zip rules), so a bad file never enters an entry. */
async function verify(path, f, sums) {
    if (f.file === 'info') {
        try {
            const info = JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
            return info.Version === f.version ? undefined : `.info names version ${String(info.Version)}`;
        }
        catch {
            return 'not JSON';
        }
    }
    if (f.file === 'mod') {
        const allowed = sums.mod(f.module, f.version);
        const h1 = (0,dirhash/* hashMod */.Z$)(await (0,promises_.readFile)(path));
        return allowed === undefined || allowed.includes(h1) ? undefined : `go.mod hash ${h1} is not in go.sum`;
    }
    return (await zipHash(path, f, sums)).problem;
}
/**
 * A zip's h1, checked: against the module zip rules and go.sum. A .ziphash beside the zip that
 * go.sum lists is taken as is: the go command writes it after hashing a zip it downloaded, and an
 * earlier entry's was written after this same check, so hashing again would only cost time.
 */
async function zipHash(path, f, sums) {
    const allowed = sums.zip(f.module, f.version);
    const recorded = (await (0,promises_.readFile)(path.replace(/\.zip$/, '.ziphash'), 'utf8').catch(() => '')).trim();
    if (recorded !== '' && allowed?.includes(recorded))
        return { h1: recorded, recorded: true };
    const checked = await zipChecks.run(() => checkZip(path, f.module, f.version));
    if (!checked.ok)
        return { problem: checked.reason };
    if (allowed !== undefined && !allowed.includes(checked.h1)) {
        return { problem: `hash ${checked.h1} is not in go.sum` };
    }
    return { h1: checked.h1 };
}
// Full zip checks are CPU work: a core each, however many files are added at once.
const zipChecks = new pool/* Semaphore */.jf(DEFAULT_VERIFY_CONCURRENCY);
// Writes a .ziphash into the store, atomically as every store write; false when it could not.
async function recordZipHash(store, rel, h1) {
    try {
        await new Store(store).write(rel, (tmp) => (0,promises_.writeFile)(tmp, h1));
        return true;
    }
    catch {
        return false;
    }
}
async function exists(path) {
    return (0,promises_.stat)(path).then(() => true, () => false);
}

// EXTERNAL MODULE: ./src/entry/layer.ts + 1 modules
var entry_layer = __webpack_require__(7735);
;// CONCATENATED MODULE: ./src/entry/save.ts









/**
 * Saves the job's entry under the primary key: unless it exists or another job claimed it, builds
 * the entry (the go.sum set, completed from upstream, plus what the job used beyond it) and saves it.
 */
async function save_save(state, usage, env, cache = actionsCache) {
    const key = state.primaryKey;
    const fetcher = completer({
        store: state.store,
        upstream: state.upstream ?? DEFAULT_UPSTREAM,
        goSum: [state.sumFile],
        noProxy: state.noProxy,
    });
    // The entry's files are checked while the cache service is asked whether to save at all; only
    // fetching missing files from upstream waits for the answer, so a job that will not save fetches
    // nothing.
    const skip = shouldSkip(state, cache, env);
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
        const layer = await layerFor(state, built);
        const savedKey = layer ? (0,entry_layer/* layerKeyOf */._6)(key) : key;
        // Archived from the store itself, named as under ENTRY_PATH, where main restores it.
        const outcome = await cache.saveFiles(state.store, layer?.files ?? built.paths, paths/* ENTRY_PATH */.He, savedKey, layer ? { name: entry_layer/* LAYER_FILE */.v3, text: JSON.stringify(layer.layer) } : undefined);
        if (outcome.value === -1)
            return { key: '', reason: outcome.failed ? 'the cache service failed' : 'saved by another job', built };
        if (layer) {
            workflow/* info */.pq(`Saved ${savedKey}: a layer of ${layer.files.length} files, ${layer.bytes} bytes on ${layer.layer.base}` +
                ` (leaving out ${layer.layer.drop.length} of its files)`);
            return {
                key: savedKey,
                reason: 'saved',
                built,
                layer: { base: layer.layer.base, files: layer.files.length, bytes: layer.bytes },
            };
        }
        workflow/* info */.pq(`Saved ${key}: ${built.files} files, ${built.bytes} bytes`);
        return { key, reason: 'saved', built };
    }
    finally {
        // Whatever happened, the build (and any fetch it started) is over before post goes on.
        await building.catch(() => undefined);
        await fetcher.close();
    }
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
async function shouldSkip(state, cache, env) {
    const key = state.primaryKey;
    const layerKey = (0,entry_layer/* layerKeyOf */._6)(key);
    const lookup = await cache.restore([paths/* ENTRY_PATH */.He], key, [layerKey], true);
    if (lookup.failed)
        return { key: '', reason: 'the cache service failed' };
    if (lookup.value === key || (lookup.value === layerKey && state.matchedKey !== layerKey)) {
        workflow/* info */.pq(`${lookup.value} already exists (saved by another job): not saving`);
        return { key: '', reason: 'saved by another job' };
    }
    const claimed = await claim(key, cache, env);
    if (claimed.failed)
        return { key: '', reason: 'the cache service failed' };
    if (!claimed.value)
        return { key: '', reason: 'another job is saving this key' };
    return undefined;
}
/**
 * Claims the save under another key, one per run attempt: when simultaneous matrix jobs race, only
 * the first gets it, and the others skip the archive work (the real save would 409 at the end). The
 * real key is reserved only by the save itself, which uploads at once: a post step cut short while
 * it completes the entry leaves a claim behind, never a reserved key no later job could save.
 */
async function claim(key, cache, env) {
    const claimKey = `claim-${key}-${env.GITHUB_RUN_ID ?? '0'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
    const outcome = await cache.reserve(paths/* CLAIM_PATH */.fq, claimKey);
    if (!outcome.value && !outcome.failed)
        workflow/* info */.pq(`Another job of this run is saving ${key}: not saving`);
    return outcome;
}


/***/ })

};
