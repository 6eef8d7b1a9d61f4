#include "graph/graph_run.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace policygraph {
namespace {

static_assert(std::is_trivially_copyable_v<Symbol> && std::is_trivially_copyable_v<Evidence>,
              "a run holds symbols and evidence as their bytes");

// An unnamed file in `dir`: O_TMPFILE where the file system has it, else a file unlinked at once.
int OpenUnnamed(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  std::string path = dir + "/.policygraph-spill-XXXXXX";
  fd = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(path.c_str());
  return fd;
}

// Appends a run's records to a file through a buffer; the first error is kept.
class RunWriter {
 public:
  explicit RunWriter(int fd) : fd_(fd) {}

  void Bytes(const void* p, size_t n) {
    buf_.append(static_cast<const char*>(p), n);
    if (buf_.size() >= (1u << 20)) Flush();
  }
  template <typename T>
  void Raw(const T& x) {
    static_assert(std::is_trivially_copyable_v<T>);
    Bytes(&x, sizeof x);
  }
  void String(std::string_view s) {
    Raw(static_cast<uint32_t>(s.size()));
    Bytes(s.data(), s.size());
  }
  void JsonValue(const Json& j) {  // CBOR, or nothing for null
    if (j.is_null()) {
      String("");
      return;
    }
    cbor_.clear();
    Json::to_cbor(j, cbor_);
    String(std::string_view(reinterpret_cast<const char*>(cbor_.data()), cbor_.size()));
  }
  template <typename T>
  void List(const FlatSet<T>& items) {
    Raw(static_cast<uint32_t>(items.size()));
    for (const T& x : items) Raw(x);
  }
  void Flush() {
    const char* p = buf_.data();
    size_t n = buf_.size();
    while (n > 0 && error_ == 0) {
      const ssize_t put = ::write(fd_, p, n);
      if (put < 0 && errno == EINTR) continue;
      if (put <= 0) {
        error_ = put < 0 ? errno : EIO;
        break;
      }
      p += put;
      n -= static_cast<size_t>(put);
      written_ += static_cast<uint64_t>(put);
    }
    buf_.clear();
  }
  uint64_t written() const { return written_ + buf_.size(); }
  int error() const { return error_; }

 private:
  int fd_;
  std::string buf_;
  std::vector<uint8_t> cbor_;
  uint64_t written_ = 0;
  int error_ = 0;
};

void WriteNode(const NodeProps& n, RunWriter& w) {
  w.String(n.id);
  w.String(n.type);
  w.String(n.label);
  w.Raw(static_cast<uint32_t>(n.aliases.size()));
  for (const std::string& a : n.aliases) w.String(a);
  w.JsonValue(n.value);
  w.JsonValue(n.attrs);
  w.List(n.documents);
  w.Raw(n.mentions);
}

void WriteEdge(const std::string& source, const std::string& target, const EdgeProps& p, RunWriter& w) {
  w.String(source);
  w.String(target);
  w.String(p.key);
  w.String(p.relation);
  w.JsonValue(p.attrs);
  w.List(p.evidence);
}

}  // namespace

StatusOr<std::unique_ptr<GraphRun>> GraphRun::Write(const SortedGraph& g, const std::string& dir) {
  const int fd = OpenUnnamed(dir);
  if (fd < 0) return Status::IoError(dir + ": cannot make a file to spill the graph to: " + std::strerror(errno));
  std::unique_ptr<GraphRun> run(new GraphRun(fd, 0, 0));
  RunWriter w(fd);
  g.ForEachNode([&](const NodeProps& n) { WriteNode(n, w); });
  run->edges_begin_ = w.written();
  g.ForEachEdge([&](const std::string& s, const std::string& t, const EdgeProps& p) { WriteEdge(s, t, p, w); });
  w.Flush();
  run->end_ = w.written();
  if (w.error() != 0) {
    return Status::IoError(dir + ": cannot spill the graph: " + std::strerror(w.error()));
  }
  return run;
}

GraphRun::~GraphRun() { ::close(fd_); }

GraphRun::Reader::Reader(const GraphRun& run, Section section, size_t buffer_bytes)
    : run_(run),
      offset_(section == Section::kNodes ? 0 : run.edges_begin_),
      end_(section == Section::kNodes ? run.edges_begin_ : run.end_) {
  buf_.resize(buffer_bytes > 0 ? buffer_bytes : 1);
}

void GraphRun::Reader::Read(void* out, size_t n) {
  char* dst = static_cast<char*>(out);
  while (n > 0) {
    if (pos_ == len_) {
      if (offset_ == end_) throw std::runtime_error("graph spill file ends inside a record");
      const size_t want = static_cast<size_t>(std::min<uint64_t>(buf_.size(), end_ - offset_));
      const ssize_t got = ::pread(run_.fd_, buf_.data(), want, static_cast<off_t>(offset_));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        throw std::runtime_error(std::string("cannot read the graph spill file: ") +
                                 (got < 0 ? std::strerror(errno) : "short file"));
      }
      offset_ += static_cast<uint64_t>(got);
      pos_ = 0;
      len_ = static_cast<size_t>(got);
    }
    const size_t take = std::min(n, len_ - pos_);
    std::memcpy(dst, buf_.data() + pos_, take);
    pos_ += take;
    dst += take;
    n -= take;
  }
}

uint32_t GraphRun::Reader::ReadU32() {
  uint32_t n;
  Read(&n, sizeof n);
  return n;
}

void GraphRun::Reader::ReadString(std::string& s) {
  s.resize(ReadU32());
  Read(s.data(), s.size());
}

void GraphRun::Reader::ReadJson(Json& j) {
  std::string cbor;
  ReadString(cbor);
  j = cbor.empty() ? Json() : Json::from_cbor(cbor.begin(), cbor.end());
}

bool GraphRun::Reader::Next(NodeProps& n) {
  if (AtEnd()) return false;
  ReadString(n.id);
  ReadString(n.type);
  ReadString(n.label);
  n.aliases.clear();
  std::string alias;
  for (uint32_t i = ReadU32(); i > 0; --i) {
    ReadString(alias);
    n.aliases.insert(n.aliases.end(), alias);
  }
  ReadJson(n.value);
  ReadJson(n.attrs);
  n.documents = FlatSet<Symbol>();
  for (uint32_t i = ReadU32(); i > 0; --i) {
    Symbol doc;
    Read(&doc, sizeof doc);
    n.documents.Insert(doc);
  }
  Read(&n.mentions, sizeof n.mentions);
  return true;
}

bool GraphRun::Reader::Next(EdgeRecord& e) {
  if (AtEnd()) return false;
  ReadString(e.source);
  ReadString(e.target);
  ReadString(e.props.key);
  ReadString(e.props.relation);
  ReadJson(e.props.attrs);
  e.props.evidence = FlatSet<Evidence>();
  for (uint32_t i = ReadU32(); i > 0; --i) {
    Evidence x;
    Read(&x, sizeof x);
    e.props.evidence.Insert(x);
  }
  return true;
}

}  // namespace policygraph
