import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 305:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  s: () => (/* binding */ serveCacheProg)
});

// UNUSED EXPORTS: entryText, parseEntry

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:readline"
const external_node_readline_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");
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
    return EXECUTABLE.test(rel) ? dirname(rel) : rel;
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
    const subdirs = (await readdir(dir).catch(() => [])).filter((d) => /^[0-9a-f]{2}$/.test(d));
    await Promise.all(subdirs.map(async (sub) => {
        for (const name of await readdir(join(dir, sub)).catch(() => [])) {
            const rel = `${sub}/${name}`;
            if (!isCacheFile(rel))
                continue;
            const st = await lstat(join(dir, rel)).catch(() => undefined);
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
    const names = await readdir(join(dir, rel)).catch(() => []);
    const binary = `${rel}/${names[0] ?? ''}`;
    if (names.length !== 1 || !isCacheFile(binary))
        return;
    const st = await lstat(join(dir, binary)).catch(() => undefined);
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
const AGED_MS = (/* unused pure expression or super */ null && (2 * 60 * 60 * 1000));
/** Sets each file's mtime (and atime) to `atMs`; files that vanished meanwhile are skipped. */
async function setTimes(dir, rels, atMs) {
    const at = new Date(atMs);
    const jobs = [];
    for (const rel of rels)
        jobs.push(utimes(join(dir, markedPath(rel)), at, at).catch(() => undefined));
    await Promise.all(jobs);
}
/**
 * Whether an action entry records a package index (cmd/go/internal/modindex) rather than a compile,
 * link or test run. The go command indexes the job's own packages keyed by their files' mtimes, so a
 * fresh checkout makes new index entries every job: they alone are no reason to save.
 */
async function isIndexAction(dir, rel) {
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

;// CONCATENATED MODULE: ./src/buildcache/prog.ts





/** Serves one go command until it says close or closes our stdin; requests are answered as they finish. */
async function serveCacheProg(opts) {
    const used = new Set();
    const pending = new Set();
    const reply = (res) => void opts.output.write(JSON.stringify(res) + '\n');
    const start = (id, work) => {
        const p = answer(work, id).then(reply);
        pending.add(p);
        void p.finally(() => pending.delete(p));
    };
    reply({ ID: 0, KnownCommands: ['get', 'put', 'close'] });
    let putting;
    try {
        for await (const line of (0,external_node_readline_namespaceObject.createInterface)({ input: opts.input, crlfDelay: Infinity })) {
            if (line.trim() === '')
                continue; // the go command sends a blank line after each request
            if (putting) {
                const req = putting;
                putting = undefined;
                start(req.ID, () => put(opts.dir, req, decodeBody(line), used));
                continue;
            }
            const req = JSON.parse(line);
            if (req.Command === 'put' && (req.BodySize ?? 0) > 0)
                putting = req;
            else if (req.Command === 'put')
                start(req.ID, () => put(opts.dir, req, Buffer.alloc(0), used));
            else if (req.Command === 'get')
                start(req.ID, () => get(opts.dir, req, used));
            else if (req.Command === 'close') {
                await Promise.all(pending);
                reply({ ID: req.ID });
                break;
            }
            else
                reply({ ID: req.ID, Err: `unknown command ${JSON.stringify(req.Command)}` });
        }
    }
    finally {
        await Promise.all(pending);
        if (opts.journal && used.size > 0)
            await (0,promises_namespaceObject.appendFile)(opts.journal, [...used].join('\n') + '\n');
    }
}
// A failure answers that request with Err; the go command then treats it as a miss or a failed put.
async function answer(work, id) {
    try {
        return { ID: id, ...(await work()) };
    }
    catch (error) {
        return { ID: id, Err: error.message };
    }
}
function decodeBody(line) {
    return Buffer.from(JSON.parse(line), 'base64');
}
const hex = (b64) => Buffer.from(b64 ?? '', 'base64').toString('hex');
/** An action entry's text, as the go command's own disk cache writes it. */
function entryText(action, output, size, timeNs) {
    return `v1 ${action} ${output} ${String(size).padStart(20)} ${String(timeNs).padStart(20)}\n`;
}
/** An action entry's fields, or undefined when it is not one. */
function parseEntry(text) {
    const m = /^v1 ([0-9a-f]{64}) ([0-9a-f]{64}) +(\d+) +(\d+)\n$/.exec(text);
    return m ? { output: m[2], size: Number(m[3]), timeNs: BigInt(m[4]) } : undefined;
}
async function get(dir, req, used) {
    const actionRel = cacheFile(hex(req.ActionID), 'a');
    const entry = parseEntry(await (0,promises_namespaceObject.readFile)((0,external_node_path_namespaceObject.join)(dir, actionRel), 'latin1').catch(() => ''));
    if (!entry)
        return { Miss: true };
    const outputRel = cacheFile(entry.output, 'd');
    const st = await (0,promises_namespaceObject.stat)((0,external_node_path_namespaceObject.join)(dir, outputRel)).catch(() => undefined);
    if (!st?.isFile() || st.size !== entry.size)
        return { Miss: true };
    used.add(actionRel).add(outputRel);
    const time = new Date(Number(entry.timeNs / 1000000n)).toISOString();
    const OutputID = Buffer.from(entry.output, 'hex').toString('base64');
    return { OutputID, Size: entry.size, Time: time, DiskPath: (0,external_node_path_namespaceObject.join)(dir, outputRel) };
}
async function put(dir, req, body, used) {
    const output = hex(req.OutputID);
    // The output id is the body's SHA-256: a body that does not match it is never stored.
    if ((0,external_node_crypto_namespaceObject.createHash)('sha256').update(body).digest('hex') !== output)
        throw new Error('body does not match OutputID');
    const outputRel = cacheFile(output, 'd');
    const st = await (0,promises_namespaceObject.stat)((0,external_node_path_namespaceObject.join)(dir, outputRel)).catch(() => undefined);
    if (st?.size !== body.length)
        await writeAtomic((0,external_node_path_namespaceObject.join)(dir, outputRel), body);
    const actionRel = cacheFile(hex(req.ActionID), 'a');
    const now = BigInt(Date.now()) * 1000000n;
    await writeAtomic((0,external_node_path_namespaceObject.join)(dir, actionRel), Buffer.from(entryText(hex(req.ActionID), output, body.length, now)));
    used.add(actionRel).add(outputRel);
    return { DiskPath: (0,external_node_path_namespaceObject.join)(dir, outputRel) };
}
// Temp file + rename: a concurrent go command never reads half an object.
async function writeAtomic(file, data) {
    const tmp = `${file}.tmp-${process.pid}-${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}`;
    await (0,promises_namespaceObject.mkdir)((0,external_node_path_namespaceObject.join)(file, '..'), { recursive: true });
    try {
        await (0,promises_namespaceObject.writeFile)(tmp, data);
        await (0,promises_namespaceObject.rename)(tmp, file);
    }
    catch (error) {
        await (0,promises_namespaceObject.rm)(tmp, { force: true });
        throw error;
    }
}


/***/ }),

/***/ 925:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _buildcache_prog_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(305);

// `node dist/cacheprog/index.js <dir> [journal]`: the GOCACHEPROG the action exports (Go 1.24+).
const [dir, journal] = process.argv.slice(2);
if (!dir) {
    process.stderr.write('usage: cacheprog <dir> [journal]\n');
    process.exit(2);
}
await (0,_buildcache_prog_js__WEBPACK_IMPORTED_MODULE_0__/* .serveCacheProg */ .s)({ dir, journal, input: process.stdin, output: process.stdout });

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
/******/ var __webpack_exports__ = __nccwpck_require__(925);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
