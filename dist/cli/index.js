import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 99:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 7997:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

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
/******/ 		id: moduleId,
/******/ 		loaded: false,
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
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
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
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
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
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_namespaceObject);
;// CONCATENATED MODULE: ./src/proxy/log.ts
const userinfo = /([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi;
const bearer = /(authorization:\s*)(basic|bearer)\s+\S+/gi;
/** Removes URL userinfo and Authorization values, so a log line never carries a secret. */
function redact(text) {
    return text.replace(userinfo, '$1***@').replace(bearer, '$1$2 ***');
}
/** The longest message a log line carries; a request path or an upstream answer can be any length. */
const MAX_LOG_MESSAGE = 1000;
/** `text` cut to `max` characters, with an ellipsis and the original length when it was longer. */
function clip(text, max = MAX_LOG_MESSAGE) {
    return text.length <= max ? text : `${text.slice(0, max)}... (${text.length} chars)`;
}
/** A logger writing `time level message` lines to a stream (stderr by default), each bounded. */
function streamLogger(write = (line) => process.stderr.write(line), debug = false) {
    // Redacted before it is cut, so a cut never leaves half a secret behind.
    const emit = (level) => (message) => write(`${new Date().toISOString()} ${level} ${clip(redact(message).replace(/\n/g, '\\n'))}\n`);
    return {
        debug: debug ? emit('debug') : () => { },
        info: emit('info'),
        warn: emit('warn'),
        error: emit('error'),
    };
}
/** A logger that drops everything; for tests and library callers that do not care. */
const silentLogger = { debug() { }, info() { }, warn() { }, error() { } };

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
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
    sumdb: { name: 'sum.golang.org', url: 'https://sum.golang.org', viaProxies: true },
};
/** The accepted form of an access token, for every place that takes one (flag, env, input). */
const TOKEN_FORM = '16-512 characters of letters, digits and ._~+/=-';
/**
 * Why a token is refused, or undefined: a short token can be guessed over the network, so
 * the proxy, `serve --token`, GO_MOD_CACHE_TOKEN, the JSON config and the action's input share
 * this rule.
 */
function checkToken(token) {
    return /^[A-Za-z0-9._~+/=-]{16,512}$/.test(token)
        ? undefined
        : `expected TOKEN of ${TOKEN_FORM}, got ${token.length} characters`;
}
/** The upstream used when neither a flag nor the environment's GOPROXY says otherwise. */
const DEFAULT_UPSTREAM = 'https://proxy.golang.org,direct';

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
    const m = major(v);
    let want = pathMajor;
    if (pathMajor === '') {
        if (m === 'v0' || m === 'v1' || build(v) === '+incompatible')
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
    if (!isValid(version))
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
const fileSuffixes = ['.info', '.mod', '.zip'];
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
function modpath_canonicalStorePath(module, version, kind) {
    return kind === 'info'
        ? storePath({ kind, module, version, canonical: true })
        : storePath({ kind, module, version });
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
                text = await (0,promises_.readFile)(file, 'utf8');
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
;// CONCATENATED MODULE: external "node:stream/promises"
const external_node_stream_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
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
            const st = (0,external_node_fs_namespaceObject.statSync)(full, { throwIfNoEntry: false });
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
            const now = (0,external_node_fs_namespaceObject.statSync)(full, { throwIfNoEntry: false });
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
    await (0,external_node_stream_promises_namespaceObject.pipeline)(body, fh.createWriteStream());
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
            text = (0,external_node_fs_namespaceObject.readFileSync)(this.store.abs(stampPath(rel)), 'utf8'); // a few hundred bytes
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
    const st = (0,external_node_fs_namespaceObject.statSync)(file, { bigint: true, throwIfNoEntry: false });
    return st && `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}
/**
 * Which file a path names (device and inode: the start of its metadata), to hand to write() for
 * a file checked before a rename moved it into place.
 */
function inodeOf(file) {
    const st = (0,external_node_fs_namespaceObject.statSync)(file, { bigint: true });
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

;// CONCATENATED MODULE: external "node:timers/promises"
const external_node_timers_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
;// CONCATENATED MODULE: ./src/proxy/upstream/undici.ts
let loading;
/** Loads undici once; every caller gets the same. */
function loadUndici() {
    loading ??= __nccwpck_require__.e(/* import() */ 752).then(__nccwpck_require__.t.bind(__nccwpck_require__, 6752, 19)).then((undici) => ({
        Agent: undici.Agent,
        redirect: undici.interceptors.redirect,
        request: (url, opts) => undici.request(url, opts),
    }));
    return loading;
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(3136);
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

;// CONCATENATED MODULE: ./src/proxy/upstream/breaker.ts
// A circuit breaker per GOPROXY entry: an entry that just hung or refused is skipped for a
// cool-down, so every file does not pay the timeout again; one probe then tries it.
/**
 * Errors that say an entry is down, not that one answer broke: refused, unreachable, no headers.
 * A body that goes silent after its headers is retried, but proved the entry alive.
 */
const DOWN = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT/;
/** True when a failure (as describe() words it) means the entry hung or refused. */
function isDown(message) {
    return DOWN.test(message);
}
/** One entry's circuit; `coolDownMs <= 0` turns it off (always closed). */
class Breaker {
    base;
    coolDownMs;
    now;
    state = 'closed';
    openedAt = 0;
    lastAlive = -Infinity;
    probing = false;
    trips = 0;
    reason;
    constructor(base, coolDownMs, now = Date.now) {
        this.base = base;
        this.coolDownMs = coolDownMs;
        this.now = now;
    }
    /**
     * Whether a request may go now: always when closed, the one probe when the cool-down is over,
     * else a line saying why it is skipped.
     */
    admit() {
        if (this.state === 'closed')
            return { probe: false };
        if (this.state === 'open' && this.now() - this.openedAt >= this.coolDownMs)
            this.state = 'half-open';
        if (this.state === 'half-open' && !this.probing) {
            this.probing = true;
            return { probe: true };
        }
        const ago = Math.round((this.now() - this.openedAt) / 1000);
        return { skipped: `${this.base} skipped: ${this.reason ?? 'it failed'} ${ago}s ago (circuit open)` };
    }
    /** The entry answered (headers arrived): closes the circuit; true when it was not closed. */
    alive() {
        this.lastAlive = this.now();
        const wasOpen = this.state !== 'closed';
        this.state = 'closed';
        this.probing = false;
        this.reason = undefined;
        return wasOpen;
    }
    /**
     * A request started at `since` found the entry down. It opens the circuit unless the entry
     * answered another request meanwhile (one slow path is not a dead upstream). True when it opened.
     */
    down(since, reason) {
        if (this.coolDownMs <= 0)
            return false;
        if (this.state === 'closed' && this.lastAlive >= since)
            return false;
        const opened = this.state === 'closed';
        this.open(reason);
        return opened;
    }
    /** A probe that ended without an answer either way (aborted, reset) counts as a failed one. */
    settle(probe) {
        if (probe && this.state === 'half-open')
            this.open(this.reason ?? 'the probe failed');
    }
    /** True while requests are skipped. */
    get isOpen() {
        return this.state !== 'closed';
    }
    /** The circuit as /metrics and /healthz show it. */
    view() {
        const view = { upstream: this.base, state: this.state, trips: this.trips };
        if (this.reason !== undefined)
            view.reason = this.reason;
        if (this.state === 'open')
            view.retryInMs = Math.max(0, this.openedAt + this.coolDownMs - this.now());
        return view;
    }
    open(reason) {
        if (this.state === 'closed')
            this.trips++;
        this.state = 'open';
        this.openedAt = this.now();
        this.probing = false;
        this.reason = reason;
    }
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
;// CONCATENATED MODULE: ./src/proxy/upstream/counted.ts

/**
 * `body` behind a byte counter: over `maxBytes` sets `tooLarge`, a broken or short body `broken`
 * (both before the returned stream errors). Piped, not async-iterated: paused-mode reads join
 * buffered chunks into new Buffers (bench/README.md, "Memory notes").
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

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
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
        return parseNetrc((0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8'));
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/proxy/upstream/goauth.ts





/**
 * Parses GOAUTH (`;`-separated; unset or empty is `netrc`) as cmd/go does, and refuses what it
 * refuses: an empty command, `off` beside another, `git` without one absolute directory.
 */
function parseGoAuth(value) {
    const list = value?.trim() ? value : 'netrc';
    const commands = list.split(';').map((c) => c.trim());
    const schemes = [];
    for (const command of commands) {
        const words = command.split(/\s+/).filter(Boolean);
        if (words.length === 0)
            throw new Error(`GOAUTH encountered an empty command (GOAUTH=${list})`);
        if (words[0] === 'off') {
            if (commands.length !== 1)
                throw new Error(`GOAUTH=off cannot be combined with other commands`);
        }
        else if (words[0] === 'netrc')
            schemes.push({ kind: 'netrc' });
        else if (words[0] === 'git')
            schemes.push({ kind: 'git', dir: gitDir(words) });
        else
            schemes.push({ kind: 'command', words: splitQuoted(command) });
    }
    return schemes;
}
function gitDir(words) {
    const dir = words[1];
    const need = 'GOAUTH=git dir method requires an absolute path to the git working directory';
    if (words.length !== 2 || dir === undefined || !(0,external_node_path_.isAbsolute)(dir))
        throw new Error(need);
    if (!(0,external_node_fs_namespaceObject.statSync)(dir, { throwIfNoEntry: false })?.isDirectory())
        throw new Error(`${need}: ${dir} is not one`);
    return dir;
}
/** cmd/internal/quoted.Split: fields by white space, '' or "" around a field, no escapes. */
function splitQuoted(s) {
    const fields = [];
    const re = /\s*(?:(["'])([^]*?)\1|(["'])|([^\s]+))/y;
    for (let m = re.exec(s); m && m[0].trim() !== ''; m = re.exec(s)) {
        if (m[3])
            throw new Error(`cannot parse GOAUTH command ${s}: unterminated ${m[3]} string`);
        fields.push(m[2] ?? m[4] ?? '');
    }
    return fields;
}
/** The credentials GOAUTH finds, as cmd/go's auth.AddCredentials finds them. */
function goAuth(schemes, options) {
    const store = new Map();
    const netrc = schemes.some((s) => s.kind === 'netrc') ? readNetrc(options.netrc, options.log) : [];
    let first;
    let queue = Promise.resolve();
    const run = (url, rejection) => (queue = queue.then(() => runSchemes(schemes, store, netrc, options, url, rejection)));
    return {
        refreshable: schemes.some((s) => s.kind !== 'netrc'),
        async headers(url) {
            await (first ??= run(''));
            return lookup(store, url) ?? legacyNetrc(netrc, url);
        },
        async refresh(url, rejection) {
            await (first ??= run(''));
            await run(url, rejection);
        },
    };
}
// Reverse order, later schemes overwritten by earlier ones: the first that has a prefix wins.
async function runSchemes(schemes, store, netrc, options, url, rejection) {
    for (const scheme of [...schemes].reverse()) {
        if (scheme.kind === 'netrc') {
            for (const line of [...netrc].reverse()) {
                if (line.machine !== undefined)
                    storeHeaders(store, line.machine, basic(line.login, line.password));
            }
            continue;
        }
        if (scheme.kind === 'git' && url === '')
            continue;
        const name = scheme.kind === 'git' ? 'git' : (scheme.words[0] ?? '');
        try {
            const found = scheme.kind === 'git'
                ? await gitCredential(scheme.dir, url, options.timeoutMs)
                : await authCommand(scheme.words, url, rejection, options.timeoutMs);
            for (const [prefix, headers] of found)
                storeHeaders(store, prefix, headers);
        }
        catch (err) {
            // Only the program's name and why it failed: its arguments or output may hold a secret.
            options.log.debug(`GOAUTH ${name}${url ? ` for ${url}` : ''} gave no credentials: ${err.message}`);
        }
    }
}
function storeHeaders(store, prefix, headers) {
    const key = trimPrefix(prefix);
    if (Object.keys(headers).length === 0)
        store.delete(key);
    else
        store.set(key, headers);
}
const trimPrefix = (url) => url.replace(/^https:\/\//, '').replace(/\/$/, '');
/** cmd/go's loadCredential: the URL, then each shorter path prefix, down to the host. */
function lookup(store, url) {
    let prefix = trimPrefix(url);
    for (;;) {
        const found = store.get(prefix);
        if (found)
            return found;
        const slash = prefix.lastIndexOf('/');
        if (slash < 0)
            return undefined;
        prefix = prefix.slice(0, slash);
    }
}
// Kept from before GOAUTH: a machine named without the URL's port, and the `default` entry
// (cmd/go reads neither); only when no GOAUTH scheme had the URL.
function legacyNetrc(netrc, url) {
    if (netrc.length === 0)
        return undefined;
    const { host, hostname } = new URL(url);
    const creds = netrcLookup(netrc, host, hostname);
    return creds ? basic(creds.username, creds.password) : undefined;
}
function basic(username, password) {
    return { Authorization: ['Basic ' + Buffer.from(`${username}:${password}`).toString('base64')] };
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
        log.warn(`cannot read netrc file ${target}: ${err.message}; no .netrc credentials`);
        return [];
    }
}
/** Runs a program; its stdout, or an error naming only the exit (its output may hold a secret). */
function runProgram(words, options) {
    const [file = '', ...args] = words;
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_namespaceObject.execFile)(file, args, { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 1 << 20 }, (err, stdout) => {
            if (!err)
                return resolve(stdout);
            const code = err.code;
            reject(new Error(err.killed ? 'timed out' : `exit ${typeof code === 'undefined' ? '?' : String(code)}`));
        });
        child.stdin?.on('error', () => { });
        child.stdin?.end(options.input ?? '');
    });
}
/** cmd/go's runGitAuth: `git credential fill` in dir, for a URL its answer is a prefix of. */
async function gitCredential(dir, url, timeoutMs) {
    // A detached proxy has no terminal to prompt on: git fails instead of waiting.
    const env = { ...process.env, GIT_TERMINAL_PROMPT: '0' };
    const out = await runProgram(['git', 'credential', 'fill'], {
        cwd: dir,
        input: `url=${url}\n`,
        env,
        timeoutMs,
    });
    const { prefix, username, password } = parseGitCredential(out);
    if (prefix === '' || !url.startsWith(prefix))
        throw new Error('no credential for this URL');
    return [[prefix, basic(username, password)]];
}
/** cmd/go's parseGitAuth: protocol, host and path (or url) make the prefix. */
function parseGitCredential(out) {
    const fields = {};
    for (const line of out.split('\n')) {
        const eq = line.trim().indexOf('=');
        if (eq > 0)
            fields[line.trim().slice(0, eq)] = line.trim().slice(eq + 1);
    }
    let prefix = '';
    if (fields.protocol || fields.host || fields.path) {
        const path = fields.path ? `/${fields.path.replace(/^\//, '')}` : '';
        prefix = `${fields.protocol ? `${fields.protocol}:` : ''}${fields.host !== undefined ? `//${fields.host}` : ''}${path}`;
    }
    if (fields.url && /^[a-z][a-z0-9+.-]*:\/\//i.test(fields.url))
        prefix = fields.url;
    return { prefix, username: fields.username ?? '', password: fields.password ?? '' };
}
/** cmd/go's runAuthCommand: the command, plus the URL when there is one, the 4xx answer on stdin. */
async function authCommand(words, url, rejection, timeoutMs) {
    const input = rejection ? responseText(rejection) : undefined;
    const out = await runProgram(url ? [...words, url] : words, { input, timeoutMs });
    return [...parseAuthOutput(out)];
}
/** The answer as cmd/go writes it to a GOAUTH command: status line, headers, a blank line. */
function responseText(r) {
    const lines = [`HTTP/1.1 ${r.status} ${external_node_http_.STATUS_CODES[r.status] ?? ''}`.trimEnd()];
    for (const [name, value] of Object.entries(r.headers)) {
        if (value === undefined)
            continue;
        const canonical = name.replace(/(^|-)([a-z])/g, (_, dash, c) => dash + c.toUpperCase());
        lines.push(`${canonical}: ${Array.isArray(value) ? value.join(', ') : value}`);
    }
    return lines.join('\n') + '\n\n';
}
/**
 * cmd/go's parseUserAuth: blocks of URL lines, a blank line, header lines, a blank line. Any
 * malformed block fails the whole output, as there.
 */
function parseAuthOutput(data) {
    const credentials = new Map();
    const lines = data.split('\n');
    // A final newline leaves one empty string after the last blank line.
    if (lines.at(-1) !== '')
        throw new Error('invalid format: missing empty line');
    lines.pop();
    let i = 0;
    while (i < lines.length) {
        const urls = [];
        for (; lines[i] !== ''; i++) {
            if (i >= lines.length)
                throw new Error('invalid format: missing empty line after URLs');
            urls.push(requestUri(lines[i]));
        }
        i++;
        const headers = {};
        for (; lines[i] !== ''; i++) {
            if (i >= lines.length)
                throw new Error('invalid format: missing empty line after headers');
            const [name, value] = headerLine(lines[i]);
            (headers[name] ??= []).push(value);
        }
        i++;
        for (const u of urls)
            credentials.set(u.replace(/^https:\/\//, ''), headers);
    }
    return credentials;
}
// url.ParseRequestURI: an absolute URL, or an absolute path.
function requestUri(line) {
    if (/^[a-z][a-z0-9+.-]*:\S*$/i.test(line) || /^\/\S*$/.test(line))
        return line;
    throw new Error(`could not parse URL ${line}`);
}
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
function headerLine(line) {
    const at = line.indexOf(': ');
    const name = at < 0 ? '' : line.slice(0, at);
    const value = at < 0 ? '' : line.slice(at + 2).trim();
    // eslint-disable-next-line no-control-regex
    if (!TOKEN.test(name) || /[\x00-\x08\x0a-\x1f\x7f]/.test(value)) {
        throw new Error('invalid format: invalid header line');
    }
    return [name, value];
}

;// CONCATENATED MODULE: ./src/proxy/upstream/upstream.ts










/**
 * Timeouts that fail a hung upstream in seconds, not minutes: the go command sets none, so a
 * proxy that waits hangs the build. A slow first fetch is retried; only silence everywhere trips.
 */
const DEFAULT_TIMEOUTS = { connectMs: 5_000, headersMs: 8_000, idleMs: 10_000, coolDownMs: 30_000 };
const TOO_LARGE = 'response too large';
const ABORTED = 'aborted';
/** Builds the Upstream for a GOPROXY-style list; throws when the list is invalid. */
function createUpstream(config) {
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
        sleep: config.sleep ?? ((ms, signal) => (0,external_node_timers_promises_namespaceObject.setTimeout)(ms, undefined, { signal })),
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
        const timer = (0,external_node_timers_promises_namespaceObject.setTimeout)(2_000, 'timeout', { ref: false });
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
        res = await send(s, `${url}${entry.search}`, await auth?.headers(url), opts);
        // As cmd/go: after a 4xx, GOAUTH runs again for this URL and the request goes once more.
        if (auth?.refreshable && res.statusCode >= 400 && res.statusCode < 500) {
            await readSome(res.body);
            await auth.refresh(url, { status: res.statusCode, headers: res.headers });
            res = await send(s, `${url}${entry.search}`, await auth.headers(url), opts);
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
async function send(s, url, credentials, opts) {
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
    const file = external_node_path_default().join(entry.dir, ...path.split('/'));
    const started = Date.now();
    const info = await (0,promises_.stat)(file).catch(() => undefined);
    if (!info?.isFile()) {
        s.log.debug(`GET ${entry.base}/${path} 404 ${Date.now() - started}ms`);
        return { kind: 'notfound', status: 404, message: `${entry.base}: 404: not found: ${path}` };
    }
    if (info.size > opts.maxBytes)
        return { kind: 'error', message: TOO_LARGE };
    const result = await consumeBody((0,external_node_fs_namespaceObject.createReadStream)(file), info.size, consume, opts);
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
    constructor(log, onUnstored = () => { }, base = (0,external_node_os_namespaceObject.tmpdir)()) {
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
var external_node_buffer_ = __nccwpck_require__(4573);
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

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(8522);
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
async function zipcheck_checkZip(file, module, version, limits = MODULE_ZIP_LIMITS) {
    const cv = canonicalVersion(version);
    if (cv !== version)
        return { ok: false, reason: `version ${JSON.stringify(version)} is not canonical` };
    const bad = check(module, version);
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
    if (!isPlainFilePath(name)) {
        if (external_node_path_.posix.normalize(name) !== name || name.endsWith('/'))
            return 'file path is not clean';
        const badPath = checkFilePath(name);
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
    if (isAscii(s))
        return s.toLowerCase();
    let out = '';
    for (const c of s) {
        const up = c.toUpperCase();
        const low = [...up].length === 1 ? up.toLowerCase() : c.toLowerCase();
        out += [...low].length === 1 ? low : c;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/proxy/core/pool.ts
/**
 * Runs `fn` on every item, at most `limit` at a time, taking items in order; resolves when all
 * are done and rejects with the first failure (callers that must not stop catch inside `fn`).
 */
async function forEachLimited(items, limit, fn) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await fn(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
/** forEachLimited that keeps each item's result, in the items' order whatever the timing. */
async function mapLimited(items, limit, fn) {
    const results = new Array(items.length);
    const indexes = items.map((_, i) => i);
    await forEachLimited(indexes, limit, async (i) => {
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

;// CONCATENATED MODULE: ./src/proxy/core/verify.ts
// Verification of canonical files against go.sum and the module rules, in one place: the proxy's
// core and the cache entry's build both check store files through it.










/** Zip verifications at once by default (the proxy's DEFAULTS say how many). */
const DEFAULT_VERIFY_CONCURRENCY = DEFAULTS.verifyConcurrency;
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
        if (first !== '' && !isValid(first))
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
const sharedZipSlots = new Semaphore(DEFAULT_VERIFY_CONCURRENCY);
/**
 * Checks a file of a store (GOPROXY layout) against go.sum and the module rules. A .ziphash
 * beside a zip that go.sum lists is taken as is: the go command writes it after hashing a zip
 * it downloaded, and this proxy after checking one.
 */
async function verifyStoreFile(store, module, version, kind, sums) {
    const file = path.join(store, canonicalStorePath(module, version, kind));
    if (kind !== 'zip') {
        const data = await readFile(file).catch(() => undefined);
        if (data === undefined)
            return { problem: `cannot read ${kind}` };
        return { problem: smallFileProblem(data, module, version, kind, sums) };
    }
    const allowed = sums.zip(module, version);
    const recorded = (await readFile(file + 'hash', 'utf8').catch(() => '')).trim();
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
        await into.write(modpath_canonicalStorePath(module, version, 'zip') + 'hash', (tmp) => (0,promises_.writeFile)(tmp, h1));
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
        this.zipSlots = new Semaphore(Math.max(1, deps.concurrency ?? DEFAULT_VERIFY_CONCURRENCY));
        this.zipCheck = deps.checkZip ?? zipcheck_checkZip;
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
        const rel = modpath_canonicalStorePath(module, version, 'zip');
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
        const rel = modpath_canonicalStorePath(module, version, kind);
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
        const rel = modpath_canonicalStorePath(module, version, kind);
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
        const rel = storePath({ kind: 'list', module });
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
        return this.infoAnswer(module, storePath({ kind: 'latest', module }), `${module}@latest`);
    }
    /** `.info` for a non-canonical query (branch, commit, `latest`). */
    query(module, query) {
        const rel = storePath({ kind: 'info', module, version: query, canonical: false });
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
        if (version === undefined || !isCanonicalVersion(version))
            return;
        let rel;
        try {
            rel = storePath({ kind: 'info', module, version, canonical: true });
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
            .map((n) => unescapeVersion(n.slice(0, -'.mod'.length)))
            .filter((v) => v !== undefined && isCanonicalVersion(v) && !PSEUDO.test(v))
            .sort(compareVersions);
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
    return isCanonicalVersion(version)
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
            (0,external_node_fs_namespaceObject.appendFileSync)(file, buffered.join(''));
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
    const sums = await GoSums.load(config.goSum);
    const store = new Store(config.store);
    const aborter = new AbortController();
    const upstream = createUpstream({
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
        verifyConcurrency: config.verifyConcurrency ?? DEFAULTS.verifyConcurrency,
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

;// CONCATENATED MODULE: ./src/proxy/core/prefetch.ts


/**
 * .info and .mod fetches in flight per zip fetch: tiny files bound by latency that the go command
 * needs before its first zip, while zips (checked in full) keep `concurrency` (bench/README.md).
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
 * Fetches every version go.sum names into the store (zips `concurrency` at a time, small files
 * SMALL_PER_ZIP times that); never throws: failures are counted, the go command gets its own answer.
 * GONOPROXY modules are left out, so they are not counted as failures.
 */
async function prefetch(sums, files, concurrency, log, noProxy = '') {
    const plan = prefetchPlan(sums);
    const proxied = (jobs) => noProxy === '' ? jobs : jobs.filter((job) => !matchPrefixPatterns(noProxy, job.module));
    const small = proxied(plan.small);
    const zips = proxied(plan.zips);
    const result = { fetched: 0, failed: 0, skipped: 0 };
    const fetch = (job) => one(job, files, result, log);
    await Promise.all([
        forEachLimited(small, concurrency * SMALL_PER_ZIP, fetch),
        forEachLimited(zips, concurrency, fetch),
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
    await forEachLimited(zips, concurrency, async (v) => {
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

;// CONCATENATED MODULE: ./src/proxy/sumdb/tlog.ts
// The checksum database's proofs, as cmd/go checks them: a signed tree head (golang.org/x/mod
// sumdb/note, Ed25519), and a lookup's record proved to be in that tree from hash tiles
// (sumdb/tlog, RFC 6962 hashing). Nothing here fetches: tiles come through a reader.

/** The go command's built-in keys for databases GOSUMDB may name without one. */
const KNOWN_KEYS = {
    'sum.golang.org': 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8',
};
const ED25519 = 1;
// The DER prefix of an Ed25519 SubjectPublicKeyInfo: Node takes raw keys in that wrapping.
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
/** Parses a verifier key (note.NewVerifier); throws naming what is wrong. */
function parseVerifierKey(vkey) {
    const [name = '', hashHex = '', ...rest] = vkey.split('+');
    const raw = Buffer.from(rest.join('+'), 'base64');
    if (!name || !/^[0-9a-f]{8}$/.test(hashHex) || raw.length !== 33 || raw[0] !== ED25519)
        throw new Error(`malformed checksum database key ${JSON.stringify(vkey.slice(0, 200))}`);
    const hash = Number.parseInt(hashHex, 16);
    if (keyHash(name, raw) !== hash)
        throw new Error(`checksum database key ${name}: hash does not match key`);
    const key = (0,external_node_crypto_.createPublicKey)({
        key: Buffer.concat([SPKI_ED25519, raw.subarray(1)]),
        format: 'der',
        type: 'spki',
    });
    return { name, hash, key };
}
function keyHash(name, key) {
    return (0,external_node_crypto_.createHash)('sha256').update(`${name}\n`).update(key).digest().readUInt32BE(0);
}
/** The tree a signed note names, when `v` signed it (note.Open + tlog.ParseTree); else throws. */
function openTreeNote(msg, v) {
    const split = msg.lastIndexOf('\n\n');
    if (split < 0)
        throw new Error('tree note: malformed (no signatures)');
    const text = msg.slice(0, split + 1);
    const signed = msg
        .slice(split + 2)
        .split('\n')
        .some((line) => signedBy(line, text, v));
    if (!signed)
        throw new Error(`tree note: not signed by ${v.name}`);
    const lines = text.split('\n');
    const n = /^\d{1,15}$/.test(lines[1] ?? '') ? Number(lines[1]) : NaN;
    const hash = Buffer.from(lines[2] ?? '', 'base64');
    if (lines[0] !== 'go.sum database tree' || !Number.isSafeInteger(n) || hash.length !== 32)
        throw new Error('tree note: malformed tree');
    return { n, hash };
}
function signedBy(line, text, v) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m || m[1] !== v.name)
        return false;
    const sig = Buffer.from(m[2] ?? '', 'base64');
    if (sig.length !== 4 + 64 || sig.readUInt32BE(0) !== v.hash)
        return false;
    return (0,external_node_crypto_.verify)(null, Buffer.from(text, 'utf8'), v.key, sig.subarray(4));
}
/** A lookup answer split as tlog.ParseRecord splits it: record id, record text, tree note. */
function parseRecord(msg) {
    const nl = msg.indexOf('\n');
    const id = /^\d{1,15}$/.test(msg.slice(0, nl)) ? Number(msg.slice(0, nl)) : NaN;
    const end = msg.indexOf('\n\n');
    if (nl < 0 || end < nl || !Number.isSafeInteger(id))
        throw new Error('lookup: malformed record');
    return { id, text: msg.slice(nl + 1, end + 1), note: msg.slice(end + 2) };
}
const sha256 = (...parts) => {
    const h = (0,external_node_crypto_.createHash)('sha256');
    for (const p of parts)
        h.update(p);
    return h.digest();
};
const recordHash = (data) => sha256(Buffer.from([0]), data);
const nodeHash = (left, right) => sha256(Buffer.from([1]), left, right);
/**
 * Throws unless record `id` with `text` is in `tree`: the root is rebuilt from the record's hash
 * and the sibling subtree hashes `read` gives, so a tile that lies cannot make it match.
 */
async function proveRecord(tree, id, text, read) {
    if (id >= tree.n)
        throw new Error(`lookup: record ${id} is not in a tree of ${tree.n}`);
    const leaf = recordHash(Buffer.from(text, 'utf8'));
    // RFC 6962's split: the largest power of two below the range's size.
    const split = (n) => 2 ** Math.floor(Math.log2(n - 1));
    // A range off the record's path: one stored hash when complete (aligned, a power of two).
    const complete = async (lo, hi) => {
        const n = hi - lo;
        const level = Math.log2(n);
        if (Number.isInteger(level))
            return read(level, lo / n);
        const k = split(n);
        return nodeHash(await complete(lo, lo + k), await complete(lo + k, hi));
    };
    const withLeaf = async (lo, hi) => {
        if (hi - lo === 1)
            return leaf;
        const k = split(hi - lo);
        return id < lo + k
            ? nodeHash(await withLeaf(lo, lo + k), await complete(lo + k, hi))
            : nodeHash(await complete(lo, lo + k), await withLeaf(lo + k, hi));
    };
    const root = await withLeaf(0, tree.n);
    if (!root.equals(tree.hash))
        throw new Error(`lookup: record ${id} does not prove into the signed tree`);
}
/** The tile height cmd/go asks sum.golang.org for. */
const TILE_HEIGHT = 8;
/**
 * A HashReader over hash tiles of height TILE_HEIGHT: the hash at (level, index) is folded from
 * the tile below it; `tile(level, k, width)` gives that tile's bytes (width hashes of 32 bytes).
 */
function tileHashReader(size, tile) {
    const H = TILE_HEIGHT;
    return async (level, index) => {
        const tl = Math.floor(level / H);
        const span = 2 ** (level - tl * H); // base hashes under this one, at level tl*H
        const first = index * span;
        const k = Math.floor(first / 2 ** H);
        const width = Math.min(2 ** H, Math.floor(size / 2 ** (tl * H)) - k * 2 ** H);
        const data = await tile(tl, k, width);
        const from = first - k * 2 ** H;
        if (data.length !== width * 32 || from + span > width)
            throw new Error(`tile ${tl}/${k}: malformed`);
        let hashes = Array.from({ length: span }, (_, i) => data.subarray((from + i) * 32, (from + i + 1) * 32));
        while (hashes.length > 1) {
            hashes = Array.from({ length: hashes.length / 2 }, (_, i) => nodeHash(hashes[2 * i], hashes[2 * i + 1]));
        }
        return hashes[0];
    };
}
const PATH_BASE = 1000;
/** tlog's Tile.Path: tile/H/L/NNN[.p/W], the index in groups of three digits; L -1 is data. */
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

;// CONCATENATED MODULE: ./src/proxy/sumdb/sumdb.ts







// Caps on what the database may send: a lookup is one record plus a signed tree head; a tile is
// at most 2^H hashes of 32 bytes (8 KiB at sum.golang.org's H=8) or as many short records.
const sumdb_MAX_BYTES = { latest: 64 * 1024, lookup: 1024 * 1024, tile: 8 * 1024 * 1024 };
const TEXT = 'text/plain; charset=utf-8';
const BINARY = 'application/octet-stream';
/** Creates the handler; only `deps.sumdb.name` is served, every other name answers 404. */
function createSumdb(deps) {
    return new SumdbProxy(deps);
}
/** The database proxy: its state is the single-flight fetches and the last `supported` probe. */
class SumdbProxy {
    deps;
    now;
    prefix;
    base;
    flights = new SingleFlight();
    probe;
    verifier;
    coverage;
    constructor(deps) {
        this.deps = deps;
        this.now = deps.now ?? Date.now;
        this.prefix = `${deps.sumdb.name}/`;
        this.base = `sumdb/${deps.sumdb.name}`;
        const { verifier, coverage } = verifierFor(deps.sumdb, deps.noSumdb);
        this.verifier = verifier;
        this.coverage = coverage;
    }
    async check(module, version, kind, h1) {
        const { deps } = this;
        const name = deps.sumdb.name;
        if (!this.verifier || (deps.noSumdb && matchPrefixPatterns(deps.noSumdb, module)))
            return undefined;
        const lines = await this.provedLines(module, version, this.verifier);
        if (typeof lines === 'string')
            return `checksum database ${name}: ${lines}`;
        const want = kind === 'zip' ? version : `${version}/go.mod`;
        const listed = lines.filter(([m, v]) => m === module && v === want).map((l) => l[2] ?? '');
        if (listed.length === 0)
            return `checksum database ${name} has no ${want} line for ${module}`;
        const what = kind === 'mod' ? 'go.mod' : 'zip';
        return listed.includes(h1) ? undefined : `${what} ${h1} does not match ${name}'s ${listed.join(' or ')}`;
    }
    /** The go.sum lines of a lookup, split in fields, once its record is proved; else why not. */
    async provedLines(module, version, v) {
        const got = await this.obtain('lookup', `lookup/${escapePath(module)}@${escapeVersion(version)}`);
        if (!('body' in got))
            return `lookup failed: ${sumdb_describe(got)}`;
        try {
            const { id, text, note } = parseRecord(got.body.toString('utf8'));
            const tree = openTreeNote(note, v);
            const tiles = new Map();
            const tile = (level, k, width) => {
                const path = tilePath(TILE_HEIGHT, level, k, width);
                let data = tiles.get(path);
                if (!data)
                    tiles.set(path, (data = this.tileBytes(path)));
                return data;
            };
            await proveRecord(tree, id, text, tileHashReader(tree.n, tile));
            return text
                .split('\n')
                .filter((l) => l !== '')
                .map((l) => l.split(' '));
        }
        catch (err) {
            return err instanceof Error ? err.message : String(err);
        }
    }
    async tileBytes(path) {
        const got = await this.obtain('tile', path);
        if ('body' in got)
            return got.body;
        throw new Error(`${path}: ${sumdb_describe(got)}`);
    }
    /** A lookup or tile: from the store (a tile perhaps cut from a wider one), else the database. */
    async obtain(kind, path) {
        const { deps } = this;
        const rel = `${this.base}/${path}`;
        const cached = await deps.store.stat(rel);
        if (cached)
            return { body: await (0,promises_.readFile)(cached.path) };
        const cut = kind === 'tile' ? await cutFromWider(deps.store, this.base, path) : undefined;
        if (cut)
            return { body: cut };
        if (deps.offline)
            return { kind: 'notfound', status: 404, message: `offline: ${path} not cached` };
        const outcome = await this.fetchInto(rel, path, sumdb_MAX_BYTES[kind]);
        return outcome.kind === 'found' ? { body: await (0,promises_.readFile)(deps.store.abs(rel)) } : outcome;
    }
    async handle(rest) {
        const { deps } = this;
        if (!rest.startsWith(this.prefix))
            return textReply(404, 'unknown checksum database');
        const req = parseSumdbPath(rest.slice(this.prefix.length));
        if ('status' in req)
            return textReply(req.status, req.message);
        if (req.kind === 'supported')
            return this.supported(`${this.base}/latest`);
        if (req.kind === 'latest')
            return this.latest(`${this.base}/latest`);
        if (req.kind === 'lookup' && deps.noSumdb && matchPrefixPatterns(deps.noSumdb, req.module)) {
            return textReply(403, `${req.module} matches --nosumdb (GONOSUMDB): this proxy does not send its name to ${deps.sumdb.name}; ` +
                'set GONOSUMDB or GOPRIVATE for it');
        }
        return this.immutable(req);
    }
    /** Lookups and tiles: immutable (a partial tile of an append-only log too), stored forever. */
    async immutable(req) {
        const { deps } = this;
        const rel = `${this.base}/${req.path}`;
        const type = req.kind === 'lookup' ? TEXT : BINARY;
        const cached = await deps.store.stat(rel);
        if (cached)
            return fileReply(cached.path, IMMUTABLE, type);
        const cut = req.kind === 'tile' ? await cutFromWider(deps.store, this.base, req.path) : undefined;
        if (cut)
            return { status: 200, body: cut, contentType: type, cacheControl: IMMUTABLE };
        if (deps.offline)
            return textReply(404, `offline: ${req.path} not cached`);
        const outcome = await this.fetchInto(rel, req.path, sumdb_MAX_BYTES[req.kind]);
        if (outcome.kind === 'found')
            return fileReply(deps.store.abs(rel), IMMUTABLE, type);
        return failReply(outcome);
    }
    /** Fetches `path` from the database into the store at `rel` (temp + rename: never a half file). */
    fetchInto(rel, path, maxBytes) {
        const { deps } = this;
        return this.flights
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
                this.probe = { ok: got.outcome.kind === 'found', at: this.now() };
            return got.outcome;
        })
            .then((r) => r.value);
    }
    async latest(rel) {
        const { deps } = this;
        const cached = await deps.store.stat(rel);
        if (cached && (deps.offline || this.now() - cached.mtimeMs < deps.ttlMs))
            return fileReply(cached.path, MUTABLE, TEXT);
        if (deps.offline)
            return textReply(404, 'offline: no cached /latest for this checksum database');
        const outcome = await this.fetchInto(rel, 'latest', sumdb_MAX_BYTES.latest);
        if (outcome.kind === 'found')
            return fileReply(deps.store.abs(rel), MUTABLE, TEXT);
        // A stale signed tree head is still a valid one: the go command checks it is not older than
        // what it has seen, so serving it keeps a build going while the database is unreachable.
        const stale = await deps.store.stat(rel);
        if (stale) {
            deps.log.warn(`sumdb ${deps.sumdb.name}: /latest failed (${sumdb_describe(outcome)}); serving the cached one`);
            return fileReply(stale.path, MUTABLE, TEXT);
        }
        return failReply(outcome);
    }
    async supported(latestRel) {
        const { deps } = this;
        // 200 commits the go command to this proxy for every later lookup (FACTS §2), so say yes
        // only when lookups can work: the database answers, or we hold its signed head from before.
        if (deps.offline) {
            const ok = (await deps.store.stat(latestRel)) !== undefined;
            return ok ? textReply(200, 'ok') : textReply(404, 'offline: checksum database not cached');
        }
        if (!this.probe || this.now() - this.probe.at >= deps.ttlMs) {
            const outcome = await this.fetchInto(latestRel, 'latest', sumdb_MAX_BYTES.latest);
            if (outcome.kind !== 'found')
                deps.log.warn(`sumdb ${deps.sumdb.name} unreachable: ${sumdb_describe(outcome)}`);
        }
        if (this.probe?.ok)
            return textReply(200, 'ok');
        // Unreachable now, but it answered before: what the store holds (a job's usual lookups) can
        // still be served, and the go command, sent elsewhere, would meet the same unreachable database.
        if (await deps.store.stat(latestRel))
            return textReply(200, 'ok (the database is unreachable: answering from the store)');
        return textReply(404, 'checksum database unreachable through this proxy');
    }
}
class NotStored extends Error {
}
/** The database's verifier key (GOSUMDB's, else the go command's built-in one) and what goes unchecked. */
function verifierFor(sumdb, noSumdb) {
    const key = sumdb.key ?? KNOWN_KEYS[sumdb.name];
    const skipped = noSumdb ? `; modules matching GONOSUMDB ${JSON.stringify(noSumdb)} are not checked` : '';
    if (key === undefined) {
        const coverage = `no key for checksum database ${sumdb.name} (GOSUMDB=NAME+HASH+KEY gives one): what is stored without a go.sum line is checked against nothing`;
        return { coverage };
    }
    try {
        const verifier = parseVerifierKey(key);
        if (verifier.name !== sumdb.name)
            throw new Error(`key names ${verifier.name}, not ${sumdb.name}`);
        return { verifier, coverage: skipped ? `checksum database ${sumdb.name}${skipped}` : undefined };
    }
    catch (err) {
        return { coverage: `${String(err)}: what is stored without a go.sum line is checked against nothing` };
    }
}
const HASH_SIZE = 32;
/**
 * A partial hash tile cut from a wider stored copy (append-only log: its first W hashes), as the
 * go command's client does; it answers proofs against older tree heads while the database is down.
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
    return textReply(502, `checksum database: ${sumdb_describe(outcome)}`);
}
function sumdb_describe(outcome) {
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
    const path = at > 0 ? unescapePath(mv.slice(0, at)) : undefined;
    const version = at > 0 ? unescapeVersion(mv.slice(at + 1)) : undefined;
    if (path === undefined || version === undefined || !isCanonicalVersion(version)) {
        return { status: 400, message: 'invalid lookup: expected lookup/MODULE@VERSION (escaped, canonical)' };
    }
    const rebuilt = `${escapePath(path)}@${escapeVersion(version)}`;
    if (rebuilt !== mv)
        return { status: 400, message: 'invalid lookup: not canonically escaped' };
    // A module the store could not hold is one the database never signed for this proxy: a miss.
    const problem = storePathProblem(`lookup/${rebuilt}`);
    if (problem !== undefined)
        return { status: 404, message: `not found: ${problem}` };
    return { kind: 'lookup', path: `lookup/${rebuilt}`, module: path };
}
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
function digits(s) {
    return s !== undefined && /^\d{1,9}$/.test(s) ? Number(s) : undefined;
}

;// CONCATENATED MODULE: ./src/proxy/sumdb/route.ts

/**
 * The ways the go command tries (cmd/go modfetch/sumdb.go): without a URL in GOSUMDB, each module
 * proxy of the list that answers `<proxy>/sumdb/<name>/supported`, in order, then the database at
 * its own URL; with a URL in GOSUMDB, that URL alone.
 */
function sumdbCandidates(upstreamList, sumdb) {
    const direct = { list: sumdb.url, probe: false };
    if (!sumdb.viaProxies)
        return [direct];
    const out = [];
    for (const entry of parseProxyList(upstreamList)) {
        if (entry.kind === 'direct' || entry.kind === 'off')
            break;
        out.push({ list: sumdbBase(entry, sumdb.name), probe: true, ...(entry.next ? { next: entry.next } : {}) });
    }
    return [...out, direct];
}
// The entry's URL with /sumdb/<name> appended to its path; its credentials and query kept.
function sumdbBase(entry, name) {
    if (entry.kind === 'file')
        return `${entry.base}/sumdb/${name}`;
    const url = new URL(`${entry.base}/sumdb/${name}${entry.search}`);
    if (entry.userinfo) {
        url.username = encodeURIComponent(entry.userinfo.username);
        url.password = encodeURIComponent(entry.userinfo.password);
    }
    return url.toString();
}
/** A route to the database: an Upstream that takes the first candidate that will do, for `ttlMs`. */
function routedUpstream(candidates, make, ttlMs, now = Date.now) {
    return new Route(candidates.map((c) => ({ ...c, upstream: make(c.list) })), ttlMs, now);
}
class Route {
    candidates;
    ttlMs;
    now;
    chosen;
    choosing;
    constructor(candidates, ttlMs, now) {
        this.candidates = candidates;
        this.ttlMs = ttlMs;
        this.now = now;
    }
    async get(path, consume, opts) {
        const chosen = await this.choose(opts.signal);
        if ('kind' in chosen)
            return chosen;
        return chosen.upstream.get(path, consume, opts);
    }
    /** Every candidate's circuit breakers (their bases name the /sumdb/ path, apart from module entries'). */
    circuits() {
        return this.candidates.flatMap((c) => c.upstream.circuits?.() ?? []);
    }
    async close() {
        await Promise.all(this.candidates.map((c) => c.upstream.close()));
    }
    choose(signal) {
        if (this.chosen && this.now() - this.chosen.at < this.ttlMs)
            return Promise.resolve(this.chosen);
        this.choosing ??= this.probeAll(signal).finally(() => (this.choosing = undefined));
        return this.choosing;
    }
    // A proxy that answers `supported` is used alone; 404/410 (or any failure after `|`) moves on.
    async probeAll(signal) {
        for (const c of this.candidates) {
            if (!c.probe)
                return this.take(c.upstream);
            const outcome = await c.upstream.get('supported', drain, { maxBytes: 4096, signal });
            if (outcome.kind === 'found')
                return this.take(c.upstream);
            if (outcome.kind === 'error' && c.next !== '|')
                return { kind: 'error', message: `checksum database proxy: ${outcome.message}` };
        }
        return { kind: 'error', message: 'no way to the checksum database' };
    }
    take(upstream) {
        this.chosen = { upstream, at: this.now() };
        return this.chosen;
    }
}
async function drain(body) {
    body.resume();
    await new Promise((resolve, reject) => body.once('end', resolve).once('error', reject));
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
;// CONCATENATED MODULE: ./src/proxy/http/sendfile.ts


/** Read size of a piece: larger pieces mean fewer reads and writes, smaller ones less memory (bench/README.md). */
const PIECE = 128 * 1024;
/** Piece buffers kept for later answers: two per answer in flight for a few answers at once. */
const sendfile_MAX_SPARE = 8;
const spare = [];
const readAsync = (0,external_node_util_.promisify)(external_node_fs_namespaceObject.read);
/**
 * Sends bytes [0, size) of an open file to `out` and ends it through two reused buffers (a read
 * stream makes a Buffer per piece); a buffer is refilled only after its write callback. Throws
 * when `out` fails or closes first, or the file is shorter.
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
            writing = write(out, buf.subarray(0, bytesRead));
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
                if (spare.length < sendfile_MAX_SPARE)
                    spare.push(buf);
    }
    out.end();
}
function takeSpare() {
    return spare.pop() ?? Buffer.allocUnsafeSlow(PIECE);
}
// Resolves once `out` has handed the chunk on; rejects when it fails or closes before that (a
// client gone mid-body may never call the callback).
function write(out, chunk) {
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
        const started = process.hrtime.bigint();
        res.once('close', () => {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            deps.metrics.observe(res.statusCode, seconds);
        });
        handle(deps, req, res, started).catch((err) => {
            const where = clip((req.url ?? '').replace(/^\/_token\/[^/]*/, '/_token/***'), 200);
            deps.log.error(`unexpected error answering ${req.method} ${where}: ${clip(String(err), 300)}`);
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
        // Upstream names only for a client that could read /metrics too.
        const trusted = deps.token === undefined || inPath !== undefined || authorized(req.headers.authorization, deps.token);
        const body = healthBody(trusted ? deps.metrics.circuits() : []);
        return server_send(req, res, { status: 200, body, contentType: JSON_TYPE, cacheControl: NO_STORE }, deps.metrics);
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
    return serveModule(deps, req, res, raw, started);
}
/** /healthz: ok while the proxy serves; each upstream entry's circuit when there are any. */
function healthBody(circuits) {
    return JSON.stringify(circuits.length === 0 ? { ok: true } : { ok: true, upstreams: circuits }) + '\n';
}
/** A module proxy path: routed to the core, journaled when a canonical file is served. */
async function serveModule(deps, req, res, raw, started) {
    // As sent: parseProxyPath alone decides which escapes it undoes (%21, and the last element's).
    const parsed = parseProxyPath(raw.slice(1));
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
    const fd = (0,external_node_fs_namespaceObject.openSync)(reply.file, 'r');
    try {
        const st = (0,external_node_fs_namespaceObject.fstatSync)(fd);
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
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
// A small file whole, in one read where the kernel allows.
function readWhole(fd, size) {
    const buf = Buffer.allocUnsafe(size);
    for (let done = 0; done < size;) {
        const n = (0,external_node_fs_namespaceObject.readSync)(fd, buf, done, size - done, done);
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
    const server = (0,external_node_http_.createServer)({ keepAlive: true }, createHandler({
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
        const hwm = /VmHWM:\s*(\d+) kB/.exec((0,external_node_fs_namespaceObject.readFileSync)('/proc/self/status', 'utf8'));
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

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/serve/flags.ts




/** The command's version, as package.json says. */
const VERSION = package_namespaceObject.rE;
// One table drives both the parser and the help text, so help can never miss a flag.
const FLAGS = [
    {
        name: 'listen',
        arg: 'HOST:PORT',
        help: 'address to listen on; port 0 picks a free port',
        shown: DEFAULTS.listen,
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
        shown: `$GOPROXY, else ${DEFAULT_UPSTREAM}`,
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
        shown: `from $GOSUMDB, else ${DEFAULTS.sumdb.name}=${DEFAULTS.sumdb.url}`,
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
        shown: String(DEFAULTS.mutableTtlMs / 1000),
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
const flags_fail = (flag, message) => ({
    error: `go-mod-cache: ${flag ? `--${flag}: ` : ''}${message}`,
});
/** Parses `serve ...` argv (without node and the script) into options, help, or one error line. */
function parseArgs(argv, fenv) {
    const args = [...argv];
    if (args[0] === 'serve')
        args.shift();
    else if (args[0] === undefined)
        return flags_fail('', 'expected a command: serve (see --help)');
    else if (!args[0].startsWith('--'))
        return flags_fail('', `unknown command "${args[0]}": expected serve`);
    const values = new Map();
    while (args.length > 0) {
        const word = args.shift();
        if (!word.startsWith('--'))
            return flags_fail('', `unexpected argument "${word}"`);
        const eq = word.indexOf('=');
        const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
        const flag = FLAGS.find((f) => f.name === name);
        if (!flag)
            return flags_fail('', `unknown flag "--${name}" (see --help)`);
        let value = '';
        if (flag.arg) {
            const next = eq < 0 ? args.shift() : word.slice(eq + 1);
            if (next === undefined || next === '')
                return flags_fail(name, `expected ${flag.arg}`);
            value = next;
        }
        else if (eq >= 0) {
            return flags_fail(name, 'takes no value');
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
        return flags_fail('listen', listenError);
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
            return flags_fail(b, `conflicts with --${a}`);
    }
    if (!values.has('config-stdin'))
        return undefined;
    const extra = [...values.keys()].find((k) => !['config-stdin', 'ready-file', 'debug'].includes(k));
    return extra ? flags_fail(extra, 'not allowed with --config-stdin (put it in the JSON)') : undefined;
}
/** The checksum database: --no-sumdb turns it off, --sumdb names another, else the default's. */
function sumdbOf(values, dflt) {
    if (values.has('no-sumdb'))
        return null;
    const flag = last(values, 'sumdb');
    if (flag === undefined)
        return dflt;
    const parsed = parseSumdbFlag(flag);
    return 'error' in parsed ? flags_fail('sumdb', parsed.error) : parsed;
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
            return flags_fail(flag, `expected SECONDS (a number >= 0), got "${text}"`);
        out[field] = Math.round(Number(text) * 1000);
    }
    return out;
}
/** The configuration a bare `serve` uses in this environment. */
function defaults(fenv) {
    const { env, home } = fenv;
    const cacheHome = env.XDG_CACHE_HOME || (0,external_node_path_.join)(home, '.cache');
    const config = {
        listen: DEFAULTS.listen,
        store: (0,external_node_path_.join)(cacheHome, 'go-mod-cache'),
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
        return { ...DEFAULTS.sumdb };
    if (value === 'off')
        return null;
    const [key = '', url] = value.split(/\s+/);
    const name = key.split('+')[0] ?? '';
    if (!checkSumdbName(name))
        return { ...DEFAULTS.sumdb };
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
        return (0,external_node_net_.isIP)(host) === 6 ? undefined : bad;
    return (0,external_node_net_.isIP)(host) === 4 || /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host) ? undefined : bad;
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
        return flags_fail('listen', `a non-loopback address needs --token or GO_MOD_CACHE_TOKEN, got "${config.listen}"`);
    }
    if (!config.upstream.trim())
        return flags_fail('upstream', 'expected LIST in GOPROXY syntax, got ""');
    const badToken = config.token === undefined ? undefined : checkToken(config.token);
    if (badToken)
        return flags_fail('token', `${badToken} (from --token or GO_MOD_CACHE_TOKEN)`);
    if (config.goauth !== undefined) {
        try {
            parseGoAuth(config.goauth);
        }
        catch (error) {
            return flags_fail('goauth', error.message);
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
    token: [(v) => typeof v === 'string' && checkToken(v) === undefined, `a string of ${TOKEN_FORM}`],
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
        return flags_fail('config-stdin', `expected a JSON object on stdin: ${e.message}`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        return flags_fail('config-stdin', 'expected a JSON object on stdin');
    }
    const config = { ...defaults(fenv) };
    for (const [key, value] of Object.entries(raw)) {
        const field = FIELDS[key];
        if (!field)
            return flags_fail('config-stdin', `unknown field "${key}"`);
        if (!field[0](value))
            return flags_fail('config-stdin', `field "${key}": expected ${field[1]}`);
        config[key] = value;
    }
    const checked = config;
    const err = checkConfig(checked);
    return err ?? { config: checked };
}

;// CONCATENATED MODULE: ./src/serve/run.ts




/** `go-mod-cache serve ...`: runs the proxy until SIGTERM/SIGINT; returns the exit code. */
async function serve(argv, env) {
    const fenv = { env, home: (0,external_node_os_namespaceObject.homedir)() };
    const parsed = parseArgs(argv, fenv);
    if ('help' in parsed)
        return print(process.stdout, parsed.help, 0);
    if ('version' in parsed)
        return print(process.stdout, `go-mod-cache ${parsed.version}\n`, 0);
    if ('error' in parsed)
        return print(process.stderr, `${parsed.error}\n`, 2);
    let config = parsed.config;
    let backgroundAfter;
    if (parsed.configStdin) {
        const input = await readConfigLine(process.stdin);
        const fromStdin = parseConfigJson(input.line, fenv);
        if ('error' in fromStdin)
            return print(process.stderr, `${fromStdin.error}\n`, 2);
        config = fromStdin.config;
        backgroundAfter = input.ended;
    }
    const log = streamLogger(undefined, parsed.debug);
    let proxy;
    try {
        proxy = await startProxy({ ...config, log, backgroundAfter });
    }
    catch (err) {
        return print(process.stderr, `go-mod-cache: ${err.message}\n`, 1);
    }
    const stopped = stopOnSignal(() => proxy.close(), log);
    process.stdout.write(`${proxy.goproxy}\n`);
    if (parsed.readyFile) {
        const ready = { url: proxy.url, goproxy: proxy.goproxy, port: proxy.port, pid: process.pid };
        await writeAtomic(parsed.readyFile, JSON.stringify(ready) + '\n');
    }
    void proxy.prefetched.then((r) => log.info(`prefetch done: ${JSON.stringify(r)}`));
    return stopped;
}
// The first signal closes gracefully (close() is bounded by shutdownTimeoutMs); a second one
// means the user is done waiting.
function stopOnSignal(close, log) {
    return new Promise((resolve) => {
        let stopping = false;
        const onSignal = (signal) => {
            if (stopping)
                process.exit(130);
            stopping = true;
            log.info(`${signal}: closing`);
            close().then(() => resolve(0), (err) => {
                log.error(`close failed: ${String(err)}`);
                resolve(1);
            });
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
    });
}
// Readers poll for the ready file: temp + rename, so they never read half of it.
async function writeAtomic(file, text) {
    const tmp = tempName(file);
    try {
        await (0,promises_.writeFile)(tmp, text, { mode: 0o600 });
        await (0,promises_.rename)(tmp, file);
    }
    catch (err) {
        await (0,promises_.rm)(tmp, { force: true });
        throw err;
    }
}
// The configuration is stdin's first line; `ended` settles when stdin ends, which the launcher
// holds off until its restore is done, so the prefetch does not fetch what the restore brings.
function readConfigLine(input) {
    const ended = new Promise((resolve) => {
        input.once('end', resolve);
        input.once('close', resolve);
        input.once('error', () => resolve());
    });
    input.setEncoding('utf8');
    return new Promise((resolve) => {
        let text = '';
        const done = () => {
            input.off('data', onData);
            input.off('end', done);
            input.resume(); // whatever follows the line is drained, so that 'end' still comes
            const newline = text.indexOf('\n');
            resolve({ line: newline < 0 ? text : text.slice(0, newline), ended });
        };
        const onData = (chunk) => {
            text += chunk;
            if (text.includes('\n'))
                done();
        };
        input.on('data', onData);
        input.once('end', done);
    });
}
function print(stream, text, code) {
    stream.write(text);
    return code;
}
/**
 * Runs the command and exits with its code: keep-alive sockets and timers would otherwise keep the
 * process up. stdout and stderr drain first, so a piped reader gets every line.
 */
function runCli(argv, env) {
    serve(argv, env).then((code) => exitAfterFlush(code), (err) => {
        process.stderr.write(`go-mod-cache: ${String(err)}\n`);
        exitAfterFlush(1);
    });
}
function exitAfterFlush(code) {
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

;// CONCATENATED MODULE: ./src/cli.ts

runCli(process.argv.slice(2), process.env);

