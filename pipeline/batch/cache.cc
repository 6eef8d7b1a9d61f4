#include "pipeline/batch/cache.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace policygraph {
namespace {

// FIPS 180-4 SHA-256, incremental. Content addressing needs a hash whose collisions nobody meets
// by accident over millions of documents; the project has no crypto dependency, and 60 lines do.
class Sha256 {
 public:
  void Update(std::string_view data) {
    length_ += data.size();
    const char* p = data.data();
    size_t n = data.size();
    while (n > 0) {
      const size_t take = std::min(n, block_.size() - fill_);
      std::memcpy(block_.data() + fill_, p, take);
      fill_ += take;
      p += take;
      n -= take;
      if (fill_ == block_.size()) {
        Compress();
        fill_ = 0;
      }
    }
  }
  // A field whose end is unambiguous: its length, then its bytes.
  void UpdateField(std::string_view data) {
    Update(std::to_string(data.size()));
    Update(":");
    Update(data);
  }
  std::string HexDigest() {
    const uint64_t bits = length_ * 8;
    Update(std::string_view("\x80", 1));
    while (fill_ != 56) Update(std::string_view("\0", 1));
    for (int i = 7; i >= 0; --i) {
      const char b = static_cast<char>(bits >> (i * 8));
      Update(std::string_view(&b, 1));
    }
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    for (uint32_t word : h_) {
      for (int i = 28; i >= 0; i -= 4) out += kHex[(word >> i) & 0xF];
    }
    return out;
  }

 private:
  static uint32_t Rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
  void Compress() {
    static constexpr uint32_t kK[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    uint32_t w[64];
    for (int i = 0; i < 16; ++i) {
      w[i] = uint32_t{block_[4 * i]} << 24 | uint32_t{block_[4 * i + 1]} << 16 | uint32_t{block_[4 * i + 2]} << 8 |
             uint32_t{block_[4 * i + 3]};
    }
    for (int i = 16; i < 64; ++i) {
      const uint32_t s0 = Rotr(w[i - 15], 7) ^ Rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const uint32_t s1 = Rotr(w[i - 2], 17) ^ Rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
    for (int i = 0; i < 64; ++i) {
      const uint32_t t1 = h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + kK[i] + w[i];
      const uint32_t t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h_[0] += a, h_[1] += b, h_[2] += c, h_[3] += d, h_[4] += e, h_[5] += f, h_[6] += g, h_[7] += h;
  }

  std::array<uint32_t, 8> h_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::array<unsigned char, 64> block_{};
  size_t fill_ = 0;
  uint64_t length_ = 0;
};

// A hash of the running executable: records made by another build are never reused, since a
// normalizer's code can change what a rule produces without changing the rules.
const std::string& ExecutableHash() {
  static const std::string hash = [] {
    std::ifstream in("/proc/self/exe", std::ios::binary);
    if (!in) return std::string("unknown-executable");
    std::ostringstream ss;
    ss << in.rdbuf();
    return Sha256Hex(ss.str());
  }();
  return hash;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  Sha256 h;
  h.Update(data);
  return h.HexDigest();
}

std::string DocumentCache::Salt(const RuleBook& book, const Pipeline& pipeline) {
  std::string salt = "policygraph-cache-v1 " PG_VERSION " " + ExecutableHash() + " rules=" + book.fingerprint() +
                     " stages=";
  for (const auto& stage : pipeline.stages()) salt += stage->Name() + ",";
  return salt;
}

Status DocumentCache::Open() const {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec || !std::filesystem::is_directory(dir_)) {
    return Status::IoError(dir_ + ": cannot create cache directory" + (ec ? " (" + ec.message() + ")" : ""));
  }
  return Status::Ok();
}

std::string DocumentCache::KeyOf(const Document& doc) const {
  Sha256 h;
  h.UpdateField(salt_);
  h.UpdateField(doc.id);
  h.UpdateField(doc.meta.title);
  h.UpdateField(doc.meta.date);
  h.UpdateField(doc.meta.date_source);
  h.UpdateField(doc.text);
  // A paged document's record carries pages: the same text without them is another document.
  if (!doc.page_starts.empty()) {
    std::string pages = "pages=";
    for (uint32_t start : doc.page_starts) pages += std::to_string(start) + ",";
    h.UpdateField(pages);
  }
  return h.HexDigest();
}

std::string DocumentCache::PathOf(const std::string& key) const {
  return dir_ + "/" + key.substr(0, 2) + "/" + key + ".json";
}

std::optional<std::string> DocumentCache::Lookup(const std::string& key) const {
  std::ifstream in(PathOf(key), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (!in.good() && !in.eof()) return std::nullopt;
  std::string record = ss.str();
  if (record.empty()) return std::nullopt;
  return record;
}

Status DocumentCache::Store(const std::string& key, std::string_view record) const {
  static std::atomic<uint64_t> counter{0};
  const std::string path = PathOf(key);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  // Unique per process and call: two threads storing the same document never share a temporary.
  const std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(record.data(), static_cast<std::streamsize>(record.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return Status::IoError(path + ": cannot write cache entry (" + std::strerror(errno) + ")");
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    std::remove(tmp.c_str());
    return Status::IoError(path + ": cannot rename cache entry into place (" + std::strerror(err) + ")");
  }
  return Status::Ok();
}

}  // namespace policygraph
