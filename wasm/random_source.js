// emcc's JavaScript side of fd_random_fill (wasm/random_source.cpp), which it
// needs to link the crypto module. The page never runs it: it loads the
// module without emscripten's glue, and web/engine-client.js gives the module
// its own fd_random_fill, the same as this.
mergeInto(LibraryManager.library, {
  fd_random_fill: function (at, size) {
    try {
      for (var done = 0; done < size; done += 65536) {
        globalThis.crypto.getRandomValues(HEAPU8.subarray(at + done, at + Math.min(size, done + 65536)));
      }
      return 1;
    } catch (e) {
      return 0;
    }
  },
});
