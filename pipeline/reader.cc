#include "pipeline/reader.h"

#include <re2/re2.h>
#include <sys/stat.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace policygraph {
namespace {

namespace fs = std::filesystem;

bool IsDocumentFile(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".txt" || ext == ".md";
}

Status ReadBytes(const std::string& path, std::string* out) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Status::IoError(path + ": is a directory");
  // One allocation of the file's size and one read into it: a stream copy grows the string by
  // doubling, which costs a copy of the whole document and fresh pages each time.
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IoError(path + ": cannot open (" + std::strerror(errno) + ")");
  std::string bytes;
  struct stat st;
  if (::fstat(::fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    bytes.resize(static_cast<size_t>(st.st_size));
  }
  size_t used = 0;
  while (used < bytes.size()) {
    const size_t got = std::fread(bytes.data() + used, 1, bytes.size() - used, f);
    if (got == 0) break;
    used += got;
  }
  if (used == bytes.size()) {  // past the size fstat gave (a file that grew, a pipe): read the rest
    char chunk[1 << 16];
    for (size_t got; (got = std::fread(chunk, 1, sizeof chunk, f)) > 0; used += got) bytes.append(chunk, got);
  }
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return Status::IoError(path + ": read error");
  bytes.resize(used);
  *out = std::move(bytes);
  return Status::Ok();
}

Status ApplySidecar(const std::string& path, Document& doc) {
  fs::path sidecar = fs::path(path).replace_extension(".meta.json");
  std::error_code ec;
  if (!fs::exists(sidecar, ec)) return Status::Ok();
  std::string bytes;
  if (Status s = ReadBytes(sidecar.string(), &bytes); !s.ok()) return s;
  nlohmann::json meta = nlohmann::json::parse(bytes, nullptr, false);
  if (meta.is_discarded() || !meta.is_object()) {
    return Status::InvalidArgument(sidecar.string() + ": not a JSON object");
  }
  if (meta.contains("date") && meta["date"].is_string()) {
    doc.meta.date = meta["date"].get<std::string>();
    doc.meta.date_source = "sidecar";
  }
  if (meta.contains("title") && meta["title"].is_string()) doc.meta.title = meta["title"].get<std::string>();
  return Status::Ok();
}

}  // namespace

std::string DocumentIdOf(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

std::vector<std::string> ListDocumentFiles(const std::vector<std::string>& paths, std::vector<InputFailure>* failures) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      failures->push_back({p, "no such file or directory"});
      continue;
    }
    if (!fs::is_directory(st)) {
      out.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      failures->push_back({p, "cannot list directory: " + ec.message()});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        failures->push_back({p, "cannot list directory: " + ec.message()});
        break;
      }
      if (it->is_regular_file(ec) && IsDocumentFile(it->path())) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

Status CheckUtf8(std::string_view bytes) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const int64_t n = static_cast<int64_t>(bytes.size());
  int64_t i = 0;
  while (i < n) {
    // Eight ASCII bytes at a time: most policy text is ASCII.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    int64_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return Status::DataLoss("invalid UTF-8 at byte " + std::to_string(start));
  }
  return Status::Ok();
}

bool LooksBinary(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 8192);
  if (head.find('\0') != std::string_view::npos) return true;
  size_t control = 0;
  for (unsigned char c : head) {
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') ++control;
  }
  return !head.empty() && control * 10 > head.size();
}

StatusOr<Document> ReadDocumentFile(const std::string& path) {
  Document doc;
  doc.id = DocumentIdOf(path);
  doc.source = path;
  if (Status s = ReadBytes(path, &doc.text); !s.ok()) return s;
  if (LooksBinary(doc.text)) return Status::DataLoss(path + ": binary file (not text)");
  if (Status s = CheckUtf8(doc.text); !s.ok()) return Status::DataLoss(path + ": " + s.message());
  if (Status s = ApplySidecar(path, doc); !s.ok()) return s;
  DetectHeaderDate(doc);
  return doc;
}

StatusOr<Document> ParseJsonlRecord(std::string_view line, const std::string& source) {
  nlohmann::json rec = nlohmann::json::parse(line, nullptr, false);
  if (rec.is_discarded() || !rec.is_object()) return Status::InvalidArgument(source + ": not a JSON object");
  if (!rec.contains("text") || !rec["text"].is_string()) {
    return Status::InvalidArgument(source + ": record needs a string 'text'");
  }
  Document doc;
  doc.source = source;
  if (rec.contains("id") && rec["id"].is_string()) {
    doc.id = rec["id"].get<std::string>();
  } else if (rec.contains("id") && rec["id"].is_number_integer()) {
    doc.id = std::to_string(rec["id"].get<long long>());
  } else {
    return Status::InvalidArgument(source + ": record needs an 'id'");
  }
  doc.text = rec["text"].get<std::string>();
  if (Status s = CheckUtf8(doc.text); !s.ok()) return Status::DataLoss(source + ": text: " + s.message());
  if (rec.contains("date") && rec["date"].is_string()) {
    doc.meta.date = rec["date"].get<std::string>();
    doc.meta.date_source = "jsonl";
  }
  if (rec.contains("title") && rec["title"].is_string()) doc.meta.title = rec["title"].get<std::string>();
  DetectHeaderDate(doc);
  return doc;
}

void DetectHeaderDate(Document& doc) {
  if (!doc.meta.date.empty()) return;
  static const RE2 kIso(R"((?m)^\s*((?:19|20)\d\d)-([01]\d)-([0-3]\d)\s*$)");
  static const RE2 kLong(
      R"((?m)^\s*(?:Dated?:?\s*)?(January|February|March|April|May|June|July|August|September|October|November|December)\s+([0-3]?\d),\s+((?:19|20)\d\d)\s*$)");
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  // Only the first lines: a header, not a date somewhere in the body.
  size_t cut = 0;
  for (int lines = 0; lines < 25 && cut != std::string::npos; ++lines) cut = doc.text.find('\n', cut + 1);
  std::string_view head(doc.text.data(), cut == std::string::npos ? doc.text.size() : cut);
  std::string y, m, d;
  if (RE2::PartialMatch(head, kIso, &y, &m, &d)) {
    doc.meta.date = y + "-" + m + "-" + d;
    doc.meta.date_source = "header";
    return;
  }
  std::string month;
  if (RE2::PartialMatch(head, kLong, &month, &d, &y)) {
    int mi = 0;
    while (mi < 12 && month != kMonths[mi]) ++mi;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s-%02d-%02d", y.c_str(), mi + 1, std::stoi(d));
    doc.meta.date = buf;
    doc.meta.date_source = "header";
  }
}

}  // namespace policygraph
