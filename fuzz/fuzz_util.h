// Helpers shared by the fuzz targets: a private scratch directory for targets that must hand the
// product a file, and writing bytes to a file in it.
#ifndef POLICYGRAPH_FUZZ_FUZZ_UTIL_H_
#define POLICYGRAPH_FUZZ_FUZZ_UTIL_H_

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace policygraph::fuzz {

// A directory of this process's own under $TMPDIR (or /tmp), removed at exit.
inline const std::string& ScratchDir() {
  static const std::string dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/pg-fuzz-XXXXXX";
    if (mkdtemp(templ.data()) == nullptr) {
      std::perror("mkdtemp");
      std::abort();
    }
    static std::string removed;
    removed = templ;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(removed, ec);
    });
    return templ;
  }();
  return dir;
}

// Writes `bytes` to `path` (truncating it); aborts when it cannot (that is no finding of ours).
inline void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!f) {
    std::perror(path.c_str());
    std::abort();
  }
}

}  // namespace policygraph::fuzz

#endif  // POLICYGRAPH_FUZZ_FUZZ_UTIL_H_
