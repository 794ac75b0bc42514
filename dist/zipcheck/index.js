import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: ./src/proxy/zipread.ts
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
/** The sequential read buffer: one read covers many small entries. */
const READ_BUFFER = 1024 * 1024;
/**
 * Read buffers kept for the next verification: off-heap memory is only returned after a GC,
 * so a fresh megabyte per zip piles up; verifications are bounded, so a few spares suffice.
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
 * Reads the central directory. Strict where Go is lenient: the end record must end the file
 * exactly, and the directory must sit right before it, so truncation and appended bytes show.
 */
async function zipread_readDirectory(fh, size, maxDirectory = MAX_DIRECTORY) {
    if (size < EOCD_LEN)
        fail(`file of ${size} bytes is too small to be a zip (truncated?)`);
    const tailLen = Math.min(size, EOCD_LEN + 0xffff);
    const tailStart = size - tailLen;
    const tail = await readAt(fh, tailStart, tailLen);
    let at = -1;
    for (let i = tailLen - EOCD_LEN; i >= 0; i--) {
        if (tail.readUInt32LE(i) === EOCD_SIG && i + EOCD_LEN + tail.readUInt16LE(i + 20) === tailLen) {
            at = i;
            break;
        }
    }
    if (at < 0)
        fail('no end of central directory record at the end of the file (truncated, or trailing data)');
    const eocdPos = tailStart + at;
    if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0)
        fail('multi-disk zips are not supported');
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    let dirEnd = eocdPos;
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
        if (eocdPos < 20)
            fail('zip64 end of central directory locator missing');
        const loc = await readAt(fh, eocdPos - 20, 20);
        if (loc.readUInt32LE(0) !== EOCD64_LOCATOR_SIG)
            fail('zip64 end of central directory locator missing');
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
    hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
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
        this.crc = (0,external_node_zlib_namespaceObject.crc32)(chunk, this.crc);
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
    return sink.finish();
}
function inflateSmall(data, e, quoted) {
    try {
        // One byte over the declared size is enough to tell "too big" from "exact".
        // One output buffer of the exact size (small ones come from Node's pool) instead of 16 KiB
        // pieces and a concatenation: every inflated byte is garbage a moment later.
        const size = e.uncompressedSize + 1;
        return (0,external_node_zlib_namespaceObject.inflateRawSync)(data, { maxOutputLength: size, chunkSize: Math.max(64, size) });
    }
    catch (err) {
        if (err instanceof RangeError)
            fail(`${quoted} inflates to more than its declared ${e.uncompressedSize} bytes`);
        fail(`${quoted} has corrupt deflate data: ${err.message}`);
    }
}
/** Large entries: compressed pieces from the reader into one inflate stream, output into the sink. */
async function inflateStream(r, e, start, sink, quoted) {
    const inflate = (0,external_node_zlib_namespaceObject.createInflateRaw)({ chunkSize: INFLATE_CHUNK });
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

;// CONCATENATED MODULE: ./src/proxy/dirhash.ts
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
    return hash1([{ name: 'go.mod', sha256: createHash('sha256').update(data).digest('hex') }]);
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

;// CONCATENATED MODULE: ./src/proxy/semver.ts
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

;// CONCATENATED MODULE: ./src/proxy/modpath.ts
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
function isAscii(s) {
    for (let i = 0; i < s.length; i++)
        if (s.charCodeAt(i) >= 0x80)
            return false;
    return true;
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
    return semver.isValid(v) && canonicalVersion(v) === v;
}
/** semver.Compare: -1, 0 or +1; invalid versions sort before all valid ones. */
function compareVersions(a, b) {
    return semver.compare(a, b);
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
 * Parses the URL path after the proxy base (no leading '/', as sent: only %21 is decoded) into a request.
 * The only gate between a URL and the disk: anything that is not exactly what the go command sends
 * for a valid module is refused here.
 */
function parseProxyPath(rawPath) {
    const bad = (message) => ({ status: 400, message });
    const missing = (message) => ({ status: 404, message });
    // The go command builds proxy URLs with url.PathEscape, which turns the '!' of case-escaping
    // into %21 (seen on the wire: /github.com/%21upper/%21case/@v/v1.0.0-%21r%21c1.info). Valid
    // escaped module paths need no other escape, so any other '%' before the last element is
    // refused rather than decoded. The last element may hold a version query with characters
    // PathEscape escapes (a branch "a,b" arrives as a%2Cb.info): it alone is decoded, after the
    // split, and what it decodes to is checked as a file name below (no '/', '\\', NUL or "..").
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

;// CONCATENATED MODULE: ./src/proxy/zipcheck.ts
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
        fh = await (0,promises_namespaceObject.open)(file, 'r');
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
    if (external_node_path_namespaceObject.posix.normalize(name) !== name || name.endsWith('/'))
        return 'file path is not clean';
    const badPath = checkFilePath(name);
    if (badPath)
        return badPath;
    const collision = checkCollision(folds, name, isDir);
    if (collision)
        return collision;
    if (isDir)
        return undefined;
    const base = external_node_path_namespaceObject.posix.basename(name);
    if (base.toLowerCase() === 'go.mod') {
        if (base !== name)
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
    }
    else {
        folds.set(key, { path: p, isDir });
    }
    const parent = external_node_path_namespaceObject.posix.dirname(p);
    return parent === '.' ? undefined : checkCollision(folds, parent, true);
}
/**
 * A stand-in for Go's strToFold: equal for names equal under simple case folding. Upper then
 * lower per character folds "ſ" with "s" and "K" (Kelvin) with "k", and leaves "ß" alone.
 */
function fold(s) {
    let out = '';
    for (const c of s) {
        const up = c.toUpperCase();
        const low = [...up].length === 1 ? up.toLowerCase() : c.toLowerCase();
        out += [...low].length === 1 ? low : c;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/proxy/zipcheck-worker.ts
// Zip checks on a worker thread. A check is inflate + sha256 of every file, about 15 ms of CPU
// for a typical module: on the main thread it holds every other request for that long. On a
// worker the event loop keeps answering .info/.mod and verified zips while the next zip is checked.


/**
 * Checks zips on one worker running `script` (an entry that calls serveZipChecks). The worker
 * starts with the first check and never keeps the process alive. If it dies, the checks in flight and every later one run on this thread: a
 * broken worker costs speed, never a verdict.
 */
function workerZipChecker(script, log) {
    let worker;
    let broken = false;
    let nextId = 0;
    const pending = new Map();
    function fallBack(why) {
        if (broken)
            return;
        broken = true;
        worker = undefined;
        log.warn(`zip check worker stopped (${why}); checking zips on the main thread`);
        for (const { job, resolve } of pending.values())
            void checkZip(job.file, job.module, job.version).then(resolve);
        pending.clear();
    }
    function started() {
        if (worker)
            return worker;
        const w = new Worker(script);
        w.unref();
        w.on('message', (answer) => {
            const p = pending.get(answer.id);
            pending.delete(answer.id);
            p?.resolve(answer.result);
        });
        w.on('error', (err) => fallBack(String(err)));
        w.on('exit', (code) => {
            if (worker === w)
                fallBack(`exit ${code}`);
        });
        worker = w;
        return w;
    }
    return {
        check(file, module, version) {
            if (broken)
                return checkZip(file, module, version);
            const job = { id: nextId++, file, module, version };
            return new Promise((resolve) => {
                pending.set(job.id, { job, resolve });
                started().postMessage(job);
            });
        },
        async close() {
            const w = worker;
            worker = undefined;
            broken = true;
            if (w)
                await w.terminate();
        },
    };
}
/** The worker's side: answers every job posted to it with checkZip's verdict. */
function serveZipChecks() {
    const port = external_node_worker_threads_namespaceObject.parentPort;
    if (!port)
        throw new Error('serveZipChecks runs on a worker thread');
    port.on('message', (job) => {
        void zipcheck_checkZip(job.file, job.module, job.version).then((result) => port.postMessage({ id: job.id, result }), (err) => port.postMessage({ id: job.id, result: { ok: false, reason: `zip check failed: ${String(err)}` } }));
    });
}

;// CONCATENATED MODULE: ./src/zipcheck.ts
// Entry of dist/zipcheck/index.js: the proxy CLI's zip check worker (src/proxy/zipcheck-worker.ts).
// A bundle of its own, so the worker loads a few modules instead of the whole CLI.

serveZipChecks();

