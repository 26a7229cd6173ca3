// The engine's memory snapshot: made at build time (build_scripts/snapshot.mjs), restored in the
// browser's worker and in the Pyodide test run (tests/pyodide/run.mjs). Plain ES module, no DOM.
//
// A snapshot is Pyodide's own (loadPyodide's _makeSnapshot/_loadSnapshot): the whole wasm memory
// of an interpreter that has already imported `calc`, pydantic and every rule, and has run every
// estimator once. Restoring it skips Python's start-up and every import. The build zstd-compresses
// it (zstd) and zeroes the pages the runtime's wasm already carries (build_scripts/wasm_data.py): they
// are copied back from the fresh instance here. Pyodide does not carry two things across, and
// this module does:
//   - files: the file system lives in JavaScript, so site-packages' data files are written back
//     from a bundle. Modules are not needed (the snapshot holds them): an empty zip stands in for
//     the stdlib, and the first import of a module outside the snapshot calls this module's
//     `calc_engine_files.load`, which fetches the stdlib and the shipped modules synchronously
//     (build_scripts/warm_up.py's LazyFiles);
//   - dynamic libraries: pydantic-core's compiled extension (a wasm side module) lives partly in
//     the memory (its data, at the address it was loaded to) and partly outside it (its code and
//     function-table entries). It is loaded again at the same addresses, then its data is copied
//     back from the snapshot. Every address is checked; any mismatch throws, and the caller
//     starts the engine the ordinary way instead.

/** The interpreter's environment, wherever it starts: pydantic would scan every distribution for plugins. */
export const ENV = { PYDANTIC_DISABLE_PLUGINS: "__all__" };

// CRC-32 (the zlib one), for the pages copied from the fresh instance (wasm_data.py).
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes, crc = 0) {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** Copy the pages the build zeroed (`borrowed`) from the fresh instance's memory into the snapshot. */
export function borrowPages(Module, snapshot, { ranges, crc32: expected }) {
  const heap = snapshotHeap(snapshot);
  let crc = 0;
  for (const [start, end] of ranges) crc = crc32(Module.HEAPU8.subarray(start, end), crc);
  if (crc !== expected) throw new Error(`runtime data differs from the snapshot's (CRC ${crc}, ${expected} expected)`);
  for (const [start, end] of ranges) heap.set(Module.HEAPU8.subarray(start, end), start);
}

/** Write the files of a bundle (manifest: [[absolute path, size], …] in order) into Pyodide's FS. */
export function writeFiles(FS, manifest, bytes) {
  let offset = 0;
  for (const [path, size] of manifest) {
    FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    FS.writeFile(path, bytes.subarray(offset, offset + size));
    offset += size;
  }
  if (offset !== bytes.length) throw new Error(`file bundle: ${bytes.length} bytes for ${offset} listed`);
}

// dlmalloc keeps a chunk's size and "in use" bit in the word before the pointer it returns.
const CHUNK_IN_USE = 2;

function chunkSize(heapU32, pointer) {
  const head = heapU32[(pointer - 4) >>> 2];
  return head & CHUNK_IN_USE ? head & ~7 : 0;
}

/** Where the extension modules loaded so far sit in memory and in the function table (build time). */
export function recordLibraries(Module) {
  const libraries = [];
  for (const [handle, dso] of Object.entries(Module.LDSO.loadedLibsByHandle)) {
    const h = Number(handle);
    if (!h) continue; // the main module
    const u32 = Module.HEAPU32;
    const lib = {
      path: dso.name,
      global: Boolean(dso.global),
      memoryBase: u32[(h + 12) >>> 2],
      memorySize: u32[(h + 16) >>> 2],
      tableBase: u32[(h + 20) >>> 2],
      tableSize: u32[(h + 24) >>> 2],
    };
    // The loader took calloc(memorySize + alignment) and aligned the result up: find that chunk.
    for (let p = lib.memoryBase; p > lib.memoryBase - 1024; p -= 8) {
      const size = chunkSize(u32, p);
      if (size >= lib.memorySize && size <= lib.memorySize + 1024 + 16) {
        lib.chunk = p;
        break;
      }
    }
    if (lib.chunk === undefined) throw new Error(`no allocation found for ${dso.name}`);
    libraries.push(lib);
  }
  libraries.sort((a, b) => a.tableBase - b.tableBase);
  return libraries;
}

/** Grow a fresh module's memory to hold the snapshot (Pyodide does not, for a memory this size). */
export function makeRoom(Module, snapshotBytes) {
  if (Module.HEAP8.length < snapshotBytes) {
    const p = Module._malloc(snapshotBytes);
    if (!p) throw new Error("cannot grow memory for the snapshot");
    Module._free(p);
  }
}

function snapshotHeap(snapshot) {
  const headerBytes = new Uint32Array(snapshot.buffer, snapshot.byteOffset, 2)[1];
  return snapshot.subarray(headerBytes);
}

/**
 * Load the extension modules again, at the addresses the snapshot expects, after Pyodide restored
 * the memory. `modules` maps each library path to its compiled WebAssembly.Module. Throws on any
 * mismatch (the engine must then be started without the snapshot).
 */
export async function reloadLibraries(pyodide, { libraries, tableStart, tableLength }, snapshot, modules) {
  const Module = pyodide._module;
  const heap = snapshotHeap(snapshot);
  const readFile = pyodide.FS.readFile;
  // The snapshot was made with the table padded to tableStart before any library was loaded.
  if (Module.wasmTable.length > tableStart) {
    throw new Error(`function table has ${Module.wasmTable.length} entries, at most ${tableStart} expected`);
  }
  Module.wasmTable.grow(tableStart - Module.wasmTable.length);
  try {
    for (const lib of libraries) {
      if (Module.wasmTable.length !== lib.tableBase) {
        throw new Error(`function table has ${Module.wasmTable.length} entries, ${lib.tableBase} expected`);
      }
      if (chunkSize(Module.HEAPU32, lib.chunk) < lib.memorySize) throw new Error(`${lib.path}: no allocation`);
      const handle = Module._calloc(64, 1); // the loader reports where it put the library here
      Module._free(lib.chunk); // so that the loader's calloc gets the same place back
      pyodide.FS.mkdirTree(lib.path.slice(0, lib.path.lastIndexOf("/")));
      if (!pyodide.FS.analyzePath(lib.path).exists) pyodide.FS.writeFile(lib.path, new Uint8Array(0));
      pyodide.FS.readFile = (path, opts) => (path === lib.path ? modules[lib.path] : readFile.call(pyodide.FS, path, opts));
      await Module.loadDynamicLibrary(
        lib.path,
        { loadAsync: true, global: lib.global, nodelete: true, allowUndefined: true },
        undefined,
        handle,
      );
      pyodide.FS.readFile = readFile;
      const u32 = Module.HEAPU32;
      const memoryBase = u32[(handle + 12) >>> 2];
      const tableBase = u32[(handle + 20) >>> 2];
      Module._free(handle);
      if (memoryBase !== lib.memoryBase || tableBase !== lib.tableBase) {
        throw new Error(`${lib.path} loaded at ${memoryBase}/${tableBase}, not ${lib.memoryBase}/${lib.tableBase}`);
      }
      // Loading wrote the library's initial data; the snapshot holds its state after imports.
      Module.HEAPU8.set(heap.subarray(lib.memoryBase, lib.memoryBase + lib.memorySize), lib.memoryBase);
    }
  } finally {
    pyodide.FS.readFile = readFile;
  }
  if (Module.wasmTable.length !== tableLength) {
    throw new Error(`function table has ${Module.wasmTable.length} entries, ${tableLength} expected`);
  }
}

/** Pyodide's JS module `calc_engine_files`: `load(stdlibPath)` writes the stdlib and the shipped modules. */
function lazyFiles(pyodide, meta, url, fetchBytesSync, decompress) {
  return {
    load(stdlibPath) {
      pyodide.FS.writeFile(stdlibPath, fetchBytesSync(url(meta.stdlib)));
      writeFiles(pyodide.FS, meta.lazyFiles.manifest, decompress(fetchBytesSync(url(meta.lazyFiles.bundle))));
    },
  };
}

/**
 * A Pyodide restored from the snapshot described by `meta` (engine.json). `fetchBytes(url)` gives a
 * file's bytes, `fetchBytesSync(url)` the same synchronously (for the files a later import may
 * need); `compile(url)` a compiled WebAssembly.Module (streaming where the host allows);
 * `decompress(bytes, size?)` decodes a zstd frame (zstddec's); with `packed`, the extension
 * modules come from their zstd copies (compiled once decoded), otherwise streamed from the plain
 * files (whose compiled code the browser may have kept). Every download starts at once, and the
 * runtime is instantiated while the snapshot arrives: Pyodide is handed a buffer of the snapshot's
 * size at once, which the snapshot is decoded into before the module is returned. Under Node,
 * `indexURL` is a directory path: `baseURL` is then its file: URL.
 */
export async function restoreEngine({ loadPyodide, indexURL, baseURL, meta, fetchBytes, fetchBytesSync, compile, decompress, packed }) {
  const url = (name) => new URL(name, baseURL ?? indexURL).href;
  const started = (promise) => (promise.catch(() => {}), promise); // awaited later, or never if an earlier step fails
  const snapshot = new Uint8Array(meta.snapshotBytes);
  const snapshotPromise = started(
    fetchBytes(url(meta.snapshot)).then((bytes) => {
      let from = 0;
      let to = 0;
      for (const [size, decoded] of meta.snapshotFrames) {
        const frame = decompress(bytes.subarray(from, from + size), decoded);
        if (frame.length !== decoded) throw new Error(`snapshot: a frame of ${frame.length} bytes, ${decoded} expected`);
        snapshot.set(frame, to);
        [from, to] = [from + size, to + decoded];
      }
      if (from !== bytes.length || to !== snapshot.length) throw new Error("snapshot: wrong size");
    }),
  );
  const filesPromise = started(fetchBytes(url(meta.files.bundle)).then((bytes) => decompress(bytes)));
  const unpack = (lib) => fetchBytes(url(lib.packed)).then((bytes) => WebAssembly.compile(decompress(bytes)));
  const modules = Object.fromEntries(
    meta.libraries.map((lib) => [lib.path, started(packed ? unpack(lib) : compile(url(lib.file)))]),
  );
  const createPromise = started(import(url("pyodide.asm.mjs")));
  const pyodide = await loadPyodide({
    indexURL,
    env: ENV,
    stdLibURL: url(meta.stdlibStandIn),
    _loadSnapshot: snapshot,
    createPyodideModule: async (settings) => {
      const { default: create } = await createPromise;
      const Module = await create(settings);
      await snapshotPromise;
      makeRoom(Module, snapshot.length);
      borrowPages(Module, snapshot, meta.borrowed);
      return Module;
    },
  });
  const compiled = {};
  for (const [path, promise] of Object.entries(modules)) compiled[path] = await promise;
  await reloadLibraries(pyodide, meta, snapshot, compiled);
  writeFiles(pyodide.FS, meta.files.manifest, await filesPromise);
  pyodide.registerJsModule("calc_engine_files", lazyFiles(pyodide, meta, url, fetchBytesSync, decompress));
  return pyodide;
}
