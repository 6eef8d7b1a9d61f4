#include "pipeline/input/reader.h"

#include <fcntl.h>
#include <re2/re2.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "pipeline/input/html_reader.h"
#include "pipeline/input/pdf_reader.h"
#include "pipeline/rules/word_list.h"

namespace policygraph {
namespace {

namespace fs = std::filesystem;

enum class Format { kText, kPdf, kHtml, kJsonl, kOther };

// The format a file name says, by its extension in any case: .txt and .md text, .pdf, .html and
// .htm, .jsonl and .ndjson JSON Lines; any other is kOther (read as text when named).
Format FormatOf(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".txt" || ext == ".md") return Format::kText;
  if (ext == ".pdf") return Format::kPdf;
  if (ext == ".html" || ext == ".htm") return Format::kHtml;
  if (ext == ".jsonl" || ext == ".ndjson") return Format::kJsonl;
  return Format::kOther;
}

// A file a directory holds that is not a document and not worth a word: hidden files, and a
// document's companions (NAME.meta.json sidecars, NAME.gold.jsonl annotations).
bool IsQuietlySkipped(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.starts_with('.') || name.ends_with(".meta.json") || name.ends_with(".gold.jsonl");
}

bool IsDocumentFile(const fs::path& p) { return IsDocumentFileName(p.string()); }

// "FIFO", "socket", ...: what a path that is not a regular file or a directory is.
std::string TypeName(fs::file_type t) {
  switch (t) {
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    default: return "not a regular file";
  }
}

std::string OverLimit(const std::string& path, uint64_t size, uint64_t max_bytes, bool at_least) {
  return path + ": " + (at_least ? "more than " : "") + std::to_string(size) + " bytes, over the limit of " +
         std::to_string(max_bytes) + " (--max-bytes)";
}

// Reads a regular file of at most `max_bytes`. The size is checked before reading, and reading
// stops past the limit (a file that grows while it is read). O_NONBLOCK: opening a FIFO that
// replaced the file since it was listed must not wait for a writer.
Status ReadBytes(const std::string& path, std::string* out, uint64_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return Status::IoError(path + ": cannot open (" + std::strerror(errno) + ")");
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    const int e = errno;
    ::close(fd);
    return Status::IoError(path + ": cannot stat (" + std::strerror(e) + ")");
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    if (S_ISDIR(st.st_mode)) return Status::IoError(path + ": is a directory");
    return Status::IoError(path + ": not a regular file (" +
                           TypeName(S_ISFIFO(st.st_mode)   ? fs::file_type::fifo
                                    : S_ISSOCK(st.st_mode) ? fs::file_type::socket
                                    : S_ISCHR(st.st_mode)  ? fs::file_type::character
                                                           : fs::file_type::block) +
                           "); use - to read a stream");
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  if (size > max_bytes) {
    ::close(fd);
    return Status::ResourceExhausted(OverLimit(path, size, max_bytes, false));
  }
  // One allocation of the file's size and one read into it.
  std::string bytes(static_cast<size_t>(size), '\0');
  size_t used = 0;
  for (;;) {
    if (used == bytes.size()) {  // the file grew: read on, in chunks, up to one byte past the limit
      if (used > max_bytes) break;
      bytes.resize(used + std::min<uint64_t>(1 << 16, max_bytes + 1 - used));
    }
    const ssize_t got = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      const int e = errno;
      ::close(fd);
      return Status::IoError(path + ": read error (" + std::strerror(e) + ")");
    }
    if (got == 0) break;
    used += static_cast<size_t>(got);
  }
  ::close(fd);
  if (used > max_bytes) return Status::ResourceExhausted(OverLimit(path, max_bytes, max_bytes, true));
  bytes.resize(used);
  *out = std::move(bytes);
  return Status::Ok();
}

// A sidecar's or record's date: valid, or an error that names it.
Status CheckDate(const std::string& where, const std::string& date) {
  if (IsValidDate(date)) return Status::Ok();
  return Status::InvalidArgument(where + ": date '" + date + "' is not a calendar date (YYYY-MM-DD)");
}

Status ApplySidecar(const std::string& path, Document& doc) {
  fs::path sidecar = fs::path(path).replace_extension(".meta.json");
  std::error_code ec;
  if (!fs::exists(sidecar, ec)) return Status::Ok();
  std::string bytes;
  if (Status s = ReadBytes(sidecar.string(), &bytes, kMaxSidecarBytes); !s.ok()) return s;
  if (Status s = CheckJsonDepth(bytes); !s.ok()) return Status::InvalidArgument(sidecar.string() + ": " + s.message());
  nlohmann::json meta = nlohmann::json::parse(bytes, nullptr, false);
  if (meta.is_discarded() || !meta.is_object()) {
    return Status::InvalidArgument(sidecar.string() + ": not a JSON object");
  }
  if (meta.contains("date") && meta["date"].is_string()) {
    doc.meta.date = meta["date"].get<std::string>();
    doc.meta.date_source = "sidecar";
    if (Status s = CheckDate(sidecar.string(), doc.meta.date); !s.ok()) return s;
  }
  if (meta.contains("title") && meta["title"].is_string()) doc.meta.title = meta["title"].get<std::string>();
  return Status::Ok();
}

// Adds the document files under directory `dir` to `found`, the other files to `skipped` (but
// hidden files and sidecars), and what cannot be read to `failures`.
void WalkDirectory(const fs::path& dir, std::vector<std::string>* found, std::vector<std::string>* skipped,
                   std::vector<InputFailure>* failures) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec) {
    failures->push_back({dir.string(), "cannot list directory: " + ec.message()});
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      failures->push_back({dir.string(), "cannot list directory: " + ec.message()});
      return;
    }
    const fs::path& p = it->path();
    std::error_code sec;
    const fs::file_status link = it->symlink_status(sec);
    fs::file_status st = link;
    if (fs::is_symlink(link)) {
      st = fs::status(p, sec);
      if (sec || !fs::exists(st)) {
        const bool loop = sec.value() == ELOOP;
        failures->push_back({p.string(), loop ? "symbolic link loop (" + sec.message() + ")" : "dangling symbolic link"});
        continue;
      }
      if (fs::is_directory(st)) continue;  // links to directories are not followed (no cycles)
    }
    if (fs::is_directory(st)) {
      WalkDirectory(p, found, skipped, failures);
    } else if (IsDocumentFile(p)) {
      if (fs::is_regular_file(st)) {
        found->push_back(p.string());
      } else {
        failures->push_back({p.string(), "not a regular file (" + TypeName(st.type()) + "), skipped"});
      }
    } else if (!IsQuietlySkipped(p)) {
      skipped->push_back(p.string());
    }
  }
}

}  // namespace

bool IsDocumentFileName(const std::string& path) {
  const Format f = FormatOf(path);
  return f != Format::kOther && f != Format::kJsonl;
}

bool IsJsonlFileName(const std::string& path) { return FormatOf(path) == Format::kJsonl; }

bool IsValidDate(std::string_view d) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return -1;
    }
    int v = 0;
    for (size_t i = from; i < from + n; ++i) v = v * 10 + (d[i] - '0');
    return v;
  };
  // A time after the day (ISO 8601 "T13:37" or "T13:37:05", as TimeML documents give it).
  if (d.size() > 10 && d[10] == 'T') {
    const std::string_view t = d.substr(11);
    if ((t.size() != 5 && t.size() != 8) || t[2] != ':' || (t.size() == 8 && t[5] != ':')) return false;
    for (size_t i = 0; i < t.size(); ++i) {
      if (i % 3 != 2 && (t[i] < '0' || t[i] > '9')) return false;
    }
    if ((t[0] - '0') * 10 + (t[1] - '0') > 23 || t[3] > '5' || (t.size() == 8 && t[6] > '5')) return false;
    d = d.substr(0, 10);
  }
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  const int year = digits(0, 4);
  if (year < 1000) return false;
  if (d.size() == 4) return true;
  if (d[4] != '-') return false;
  const int month = digits(5, 2);
  if (month < 1 || month > 12) return false;
  if (d.size() == 7) return true;
  if (d[7] != '-') return false;
  const int day = digits(8, 2);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day >= 1 && day <= days;
}

Status CheckJsonDepth(std::string_view json, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        return Status::InvalidArgument("JSON nested deeper than " + std::to_string(max_depth) + " levels");
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return Status::Ok();
}

std::string ValidUtf8(std::string_view bytes) {
  if (CheckUtf8(bytes).ok()) return std::string(bytes);
  const uint8_t* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const int64_t n = static_cast<int64_t>(bytes.size());
  std::string out;
  for (int64_t i = 0; i < n;) {
    const int64_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(bytes.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    }
  }
  return out;
}

std::string DocumentIdOf(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

std::vector<std::string> ListDocumentFiles(const std::vector<std::string>& paths, std::vector<InputFailure>* failures,
                                           std::vector<std::string>* skipped) {
  std::vector<std::string> out;
  std::vector<std::string> others;
  for (const std::string& p : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      std::error_code lec;
      const bool link = fs::is_symlink(fs::symlink_status(p, lec));
      std::string why = "no such file or directory";
      if (ec.value() == ELOOP) {
        why = "symbolic link loop (" + ec.message() + ")";
      } else if (link) {
        why = "dangling symbolic link";
      } else if (ec && ec.value() != ENOENT) {
        why = ec.message();
      }
      failures->push_back({p, why});
      continue;
    }
    if (fs::is_regular_file(st)) {
      out.push_back(p);
      continue;
    }
    if (!fs::is_directory(st)) {
      failures->push_back({p, "not a regular file (" + TypeName(st.type()) + "); use - to read a stream"});
      continue;
    }
    std::vector<std::string> found, other;
    std::vector<InputFailure> walk_failures;
    WalkDirectory(p, &found, &other, &walk_failures);
    if (found.empty() && walk_failures.empty()) {
      failures->push_back({p, "no documents in it (.txt, .md, .pdf, .html, .htm)" +
                                  (other.empty() ? std::string() : "; " + std::to_string(other.size()) + (other.size() == 1 ? " other file" : " other files"))});
    }
    std::sort(found.begin(), found.end());
    std::sort(other.begin(), other.end());
    others.insert(others.end(), other.begin(), other.end());
    std::sort(walk_failures.begin(), walk_failures.end(),
              [](const InputFailure& a, const InputFailure& b) { return a.source < b.source; });
    out.insert(out.end(), found.begin(), found.end());
    failures->insert(failures->end(), walk_failures.begin(), walk_failures.end());
  }
  if (skipped != nullptr) *skipped = std::move(others);
  return out;
}

std::string DescribeSkipped(const std::vector<std::string>& skipped) {
  if (skipped.empty()) return "";
  std::map<std::string, size_t> by_ext;
  for (const std::string& path : skipped) {
    const std::string ext = fs::path(path).extension().string();
    ++by_ext[ext.empty() ? "no extension" : ValidUtf8(ext)];
  }
  std::string out = "skipped " + std::to_string(skipped.size()) + (skipped.size() == 1 ? " file" : " files") +
                    " of the directories that are not documents (";
  for (auto it = by_ext.begin(); it != by_ext.end(); ++it) {
    if (it != by_ext.begin()) out += ", ";
    out += it->first + " " + std::to_string(it->second);
  }
  out += "), e.g. " + ValidUtf8(skipped.front());
  const bool jsonl = std::any_of(skipped.begin(), skipped.end(), [](const std::string& f) { return IsJsonlFileName(f); });
  return jsonl ? out + "; JSON Lines files are read when named, not from a directory" : out;
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

StatusOr<Document> ReadDocumentFile(const std::string& path, uint64_t max_bytes) {
  ReadLimits limits;
  limits.max_bytes = max_bytes;
  return ReadDocumentFile(path, limits);
}

Status CheckHasText(const std::string& source, std::string_view text, std::string_view what) {
  if (text.find_first_not_of(" \t\r\n\f\v") != std::string_view::npos) return Status::Ok();
  return Status::DataLoss(source + ": " + std::string(what));
}

StatusOr<Document> ReadDocumentFile(const std::string& path, const ReadLimits& limits) {
  Document doc;
  doc.id = ValidUtf8(DocumentIdOf(path));
  doc.source = ValidUtf8(path);
  const Format format = FormatOf(path);
  if (format == Format::kJsonl) {
    return Status::InvalidArgument(path + ": JSON Lines: each line is a document (read it with a FileSource)");
  }
  if (format == Format::kText || format == Format::kOther) {
    if (Status s = ReadBytes(path, &doc.text, limits.max_bytes); !s.ok()) return s;
    if (LooksBinary(doc.text)) return Status::DataLoss(path + ": binary file (not text)");
    if (Status s = CheckUtf8(doc.text); !s.ok()) return Status::DataLoss(path + ": " + s.message());
    const std::string what = doc.text.empty() ? "empty file (0 bytes)" : "no text (white space only)";
    if (Status s = CheckHasText(path, doc.text, what); !s.ok()) return s;
  } else {
    std::string bytes;
    if (Status s = ReadBytes(path, &bytes, limits.max_bytes); !s.ok()) return s;
    if (format == Format::kHtml && bytes.empty()) return Status::DataLoss(path + ": empty file (0 bytes)");
    Status s = format == Format::kPdf ? ReadPdf(bytes, limits, doc) : ReadHtml(bytes, doc);
    if (!s.ok()) return s;
    if (Status s = CheckHasText(path, doc.text, "no visible text"); !s.ok()) return s;
  }
  if (Status s = ApplySidecar(path, doc); !s.ok()) return s;
  DetectHeaderDate(doc);
  return doc;
}

StatusOr<Document> ParseJsonlRecord(std::string_view line, const std::string& source) {
  if (Status s = CheckJsonDepth(line); !s.ok()) return Status::InvalidArgument(source + ": " + s.message());
  nlohmann::json rec = nlohmann::json::parse(line, nullptr, false);
  if (rec.is_discarded() || !rec.is_object()) return Status::InvalidArgument(source + ": not a JSON object");
  if (!rec.contains("text") || !rec["text"].is_string()) {
    return Status::InvalidArgument(source + ": record needs a string 'text'");
  }
  Document doc;
  doc.source = source;
  if (!rec.contains("id")) return Status::InvalidArgument(source + ": record needs an 'id'");
  const nlohmann::json& id = rec["id"];
  if (id.is_string()) {
    doc.id = id.get<std::string>();
  } else if (id.is_number_unsigned()) {  // before the signed test: 12345678901234567890 fits only here
    doc.id = std::to_string(id.get<uint64_t>());
  } else if (id.is_number_integer()) {
    doc.id = std::to_string(id.get<int64_t>());
  } else if (id.is_number()) {
    return Status::InvalidArgument(source + ": 'id' " + id.dump() +
                                   " is not an integer of 64 bits or less: write it as a string");
  } else {
    return Status::InvalidArgument(source + ": 'id' must be a string or an integer");
  }
  doc.text = rec["text"].get<std::string>();
  if (Status s = CheckUtf8(doc.text); !s.ok()) return Status::DataLoss(source + ": text: " + s.message());
  if (Status s = CheckHasText(source, doc.text, "record's text is empty"); !s.ok()) return s;
  if (rec.contains("date") && rec["date"].is_string()) {
    doc.meta.date = rec["date"].get<std::string>();
    doc.meta.date_source = "jsonl";
    if (Status s = CheckDate(source, doc.meta.date); !s.ok()) return s;
  }
  if (rec.contains("title") && rec["title"].is_string()) doc.meta.title = rec["title"].get<std::string>();
  DetectHeaderDate(doc);
  return doc;
}

namespace {

// A header line that is a date written out: "Dated: March 4, 2019" (the month's full name).
std::string HeaderDatePattern(const Lexicon& months) {
  std::string out = R"((?m)^\s*(?:Dated?:?\s*)?()";
  out += WordAlternation(months, WordForms::kValues);
  out += R"()\s+([0-3]?\d),\s+((?:19|20)\d\d)\s*$)";
  return out;
}

}  // namespace

void DetectHeaderDate(Document& doc) {
  if (!doc.meta.date.empty()) return;
  static const RE2 kIso(R"((?m)^\s*((?:19|20)\d\d)-([01]\d)-([0-3]\d)\s*$)");
  static const Lexicon& kMonths = WordList("months");
  static const RE2 kLong(HeaderDatePattern(kMonths));
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
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s-%02d-%02d", y.c_str(), WordNumber(kMonths.Find(month), "number").value_or(0),
                  std::stoi(d));
    doc.meta.date = buf;
    doc.meta.date_source = "header";
  }
}

}  // namespace policygraph
