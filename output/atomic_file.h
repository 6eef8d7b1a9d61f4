// AtomicFile: writes a file through a temporary sibling and renames it into place on Commit, so a
// reader never sees a half-written output and a crash leaves the previous file intact.
#ifndef POLICYGRAPH_OUTPUT_ATOMIC_FILE_H_
#define POLICYGRAPH_OUTPUT_ATOMIC_FILE_H_

#include <fstream>
#include <functional>
#include <string>

#include "pipeline/status.h"

namespace policygraph {

class AtomicFile {
 public:
  // Opens `path`.tmp.PID for writing; check status().
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;  // owns an open file
  AtomicFile& operator=(const AtomicFile&) = delete;

  const Status& status() const { return status_; }
  std::ostream& stream() { return out_; }
  // Flushes, closes and renames the temporary file to the final path.
  Status Commit();

 private:
  std::string path_, tmp_;
  std::ofstream out_;
  Status status_;
  bool committed_ = false;
};

// Writes `path` atomically with what `fill` puts in the stream.
Status WriteFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& fill);

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_ATOMIC_FILE_H_
