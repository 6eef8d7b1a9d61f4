#include "output/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace policygraph {

FdStreamBuf::FdStreamBuf(int fd) : fd_(fd), buf_(1 << 16) { setp(buf_.data(), buf_.data() + buf_.size()); }

FdStreamBuf::~FdStreamBuf() {
  if (fd_ >= 0) ::close(fd_);
}

bool FdStreamBuf::WriteAll(const char* p, size_t n) {
  if (error_ != 0) return false;
  while (n > 0) {
    const ssize_t got = ::write(fd_, p, n);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      error_ = got < 0 ? errno : EIO;
      return false;
    }
    p += got;
    n -= static_cast<size_t>(got);
  }
  return true;
}

int FdStreamBuf::sync() {
  const bool ok = WriteAll(pbase(), static_cast<size_t>(pptr() - pbase()));
  setp(buf_.data(), buf_.data() + buf_.size());
  return ok ? 0 : -1;
}

FdStreamBuf::int_type FdStreamBuf::overflow(int_type c) {
  if (sync() != 0) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

std::streamsize FdStreamBuf::xsputn(const char* s, std::streamsize n) {
  if (n <= epptr() - pptr()) {
    std::memcpy(pptr(), s, static_cast<size_t>(n));
    pbump(static_cast<int>(n));
    return n;
  }
  if (sync() != 0 || !WriteAll(s, static_cast<size_t>(n))) return 0;
  return n;
}

bool FdStreamBuf::Close() {
  const bool flushed = sync() == 0;
  if (fd_ >= 0 && ::close(fd_) != 0 && error_ == 0) error_ = errno;
  fd_ = -1;
  return flushed && error_ == 0;
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)), out_(nullptr) {
  tmp_ = path_ + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    status_ = Status::IoError(path_ + ": cannot write (" + std::strerror(errno) + ")");
    out_.setstate(std::ios::badbit);
    return;
  }
  buf_ = std::make_unique<FdStreamBuf>(fd);
  out_.rdbuf(buf_.get());
}

AtomicFile::~AtomicFile() {
  if (!committed_ && buf_ != nullptr) {
    buf_->Close();
    std::remove(tmp_.c_str());
  }
}

Status AtomicFile::Finish() {
  if (!status_.ok() || finished_) return status_;
  finished_ = true;
  const bool closed = buf_->Close();
  if (!closed || !out_) {
    const int e = buf_->error() != 0 ? buf_->error() : EIO;
    status_ = Status::IoError(path_ + ": write failed (" + std::strerror(e) + ")");
  }
  return status_;
}

Status AtomicFile::Rename() {
  if (!status_.ok()) return status_;
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    status_ = Status::IoError(path_ + ": cannot rename into place (" + std::strerror(errno) + ")");
    return status_;
  }
  committed_ = true;
  return status_;
}

Status AtomicFile::Commit() {
  if (Status s = Finish(); !s.ok()) return s;
  return Rename();
}

AtomicFile& OutputSet::Add(const std::string& path) {
  files_.push_back(std::make_unique<AtomicFile>(path));
  return *files_.back();
}

Status OutputSet::Commit() {
  Status first = Status::Ok();
  for (auto& f : files_) {
    if (Status s = f->Finish(); !s.ok() && first.ok()) first = s;
  }
  if (!first.ok()) return first;
  // Renames cannot run out of space; one that fails (the directory removed under us) is reported.
  for (auto& f : files_) {
    if (Status s = f->Rename(); !s.ok() && first.ok()) first = s;
  }
  return first;
}

Status WriteFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& fill) {
  AtomicFile f(path);
  if (!f.status().ok()) return f.status();
  fill(f.stream());
  return f.Commit();
}

size_t RemoveStaleTemporaries(const std::string& dir, const std::vector<std::string>& names) {
  namespace fs = std::filesystem;
  std::error_code ec;
  size_t removed = 0;
  const auto day_ago = fs::file_time_type::clock::now() - std::chrono::hours(24);
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    for (const std::string& name : names) {
      const std::string prefix = name + ".tmp.";
      if (!file.starts_with(prefix) || file.size() == prefix.size() || file.size() > prefix.size() + 9) continue;
      const std::string digits = file.substr(prefix.size());
      if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
      const pid_t pid = static_cast<pid_t>(std::stol(digits));
      if (pid == ::getpid()) continue;
      std::error_code tec;
      const bool dead = pid <= 0 || (::kill(pid, 0) != 0 && errno == ESRCH);
      const auto mtime = fs::last_write_time(it->path(), tec);
      if (dead || (!tec && mtime < day_ago)) {
        if (fs::remove(it->path(), tec)) ++removed;
      }
    }
  }
  return removed;
}

}  // namespace policygraph
