#include "output/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace policygraph {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  tmp_ = path_ + ".tmp." + std::to_string(::getpid());
  out_.open(tmp_, std::ios::binary | std::ios::trunc);
  if (!out_) status_ = Status::IoError(path_ + ": cannot write (" + std::strerror(errno) + ")");
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    out_.close();
    std::remove(tmp_.c_str());
  }
}

Status AtomicFile::Commit() {
  if (!status_.ok()) return status_;
  out_.flush();
  if (!out_) return Status::IoError(path_ + ": write failed");
  out_.close();
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    return Status::IoError(path_ + ": cannot rename into place (" + std::strerror(errno) + ")");
  }
  committed_ = true;
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& fill) {
  AtomicFile f(path);
  if (!f.status().ok()) return f.status();
  fill(f.stream());
  return f.Commit();
}

}  // namespace policygraph
