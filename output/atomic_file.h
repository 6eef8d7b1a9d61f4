// AtomicFile: writes a file through a temporary sibling (`path`.tmp.PID) and renames it into place
// on Commit, so a reader never sees a half-written output and a crash leaves the previous file
// intact. OutputSet: the files of one run as a transaction — every file is written and closed
// before any is renamed, so either all of them replace the previous outputs or none does.
// Write errors keep the errno text ("No space left on device").
#ifndef POLICYGRAPH_OUTPUT_ATOMIC_FILE_H_
#define POLICYGRAPH_OUTPUT_ATOMIC_FILE_H_

#include <functional>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace policygraph {

// A write-only stream buffer on a file descriptor that keeps the first write error's errno.
class FdStreamBuf : public std::streambuf {
 public:
  explicit FdStreamBuf(int fd);
  ~FdStreamBuf() override;
  FdStreamBuf(const FdStreamBuf&) = delete;  // owns the descriptor
  FdStreamBuf& operator=(const FdStreamBuf&) = delete;
  int error() const { return error_; }  // 0, or the errno of the first failed write or close
  // Flushes and closes; false (and error() set) on failure.
  bool Close();

 protected:
  int_type overflow(int_type c) override;
  int sync() override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;

 private:
  bool WriteAll(const char* p, size_t n);
  int fd_;
  int error_ = 0;
  std::vector<char> buf_;
};

class AtomicFile {
 public:
  // Opens `path`.tmp.PID for writing; check status().
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;  // owns an open file
  AtomicFile& operator=(const AtomicFile&) = delete;

  const Status& status() const { return status_; }
  const std::string& path() const { return path_; }
  std::ostream& stream() { return out_; }
  // Flushes and closes the temporary file; an I/O error names the file and the errno text.
  Status Finish();
  // Renames the finished temporary file to the final path.
  Status Rename();
  // Finish, then Rename.
  Status Commit();

 private:
  std::string path_, tmp_;
  std::unique_ptr<FdStreamBuf> buf_;
  std::ostream out_;
  Status status_;
  bool finished_ = false, committed_ = false;
};

// The output files of one run or merge. Add each file, fill its stream, then Commit: every file is
// finished first, and only when all succeeded are they renamed into place. Files not committed
// (an error, an early return) are removed with the set.
class OutputSet {
 public:
  AtomicFile& Add(const std::string& path);
  // The first error (opening, writing, closing, renaming), or OK once every file is in place.
  Status Commit();

 private:
  std::vector<std::unique_ptr<AtomicFile>> files_;
};

// Writes `path` atomically with what `fill` puts in the stream.
Status WriteFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& fill);

// Removes the temporaries (`NAME.tmp.PID`, NAME one of `names`) that killed runs left in `dir`:
// those whose process no longer exists, or that are older than a day. Returns how many.
size_t RemoveStaleTemporaries(const std::string& dir, const std::vector<std::string>& names);

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_ATOMIC_FILE_H_
