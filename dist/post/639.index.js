export const id = 639;
export const ids = [639];
export const modules = {

/***/ 5639:
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
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
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

// EXTERNAL MODULE: ./src/proxy/index.ts + 24 modules
var proxy = __webpack_require__(4888);
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
    const start = () => (0,proxy/* createCore */.Mk)({
        ...proxy/* DEFAULTS */.zY,
        concurrency: { ...proxy/* DEFAULTS */.zY.concurrency },
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

// EXTERNAL MODULE: ./src/proxy/module/globs.ts
var globs = __webpack_require__(5826);
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
        wanted.set((0,sumset/* relPath */.nA)(f), { f, required: noProxy === '' || !(0,globs/* matchPrefixPatterns */.J)(noProxy, f.module) });
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
    const checked = await (0,proxy/* verifyStoreFile */.HK)(options.store, f.module, f.version, f.file, options.sums);
    if (checked.problem !== undefined)
        return { kind: 'rejected', line: `${rel}: ${checked.problem}` };
    if (f.file !== 'zip' || checked.h1 === undefined)
        return { kind: 'added', bytes: found.size, paths: [rel] };
    // The go command trusts a .ziphash beside a zip and skips re-hashing it: a warm job then only
    // extracts. One written here records a hash checked against go.sum a moment ago. Best effort: a
    // zip whose .ziphash could not be made right goes alone, and the go command hashes it itself.
    const ziphash = rel.replace(/\.zip$/, '.ziphash');
    const hashed = checked.recorded === true ||
        (await (0,proxy/* writeZipHash */.ln)(options.store, f.module, f.version, checked.h1)) === undefined;
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
async function exists(path) {
    return (0,promises_.stat)(path).then(() => true, () => false);
}

// EXTERNAL MODULE: ./src/entry/layer.ts + 1 modules
var entry_layer = __webpack_require__(7735);
// EXTERNAL MODULE: ./src/proxy/config.ts
var config = __webpack_require__(8568);
// EXTERNAL MODULE: ./src/proxy/module/gosum.ts
var gosum = __webpack_require__(5816);
;// CONCATENATED MODULE: ./src/entry/save.ts









/**
 * Saves the job's entry under the primary key: unless it exists or another job claimed it, builds
 * the entry (the go.sum set, completed from upstream, plus what the job used beyond it) and saves it.
 */
async function save_save(state, usage, env, cache = actionsCache) {
    const key = state.primaryKey;
    const fetcher = completer({
        store: state.store,
        upstream: state.upstream ?? config/* DEFAULT_UPSTREAM */.G,
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
