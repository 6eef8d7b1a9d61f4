// Reading documents: files and directories (recursive, sorted; .txt, .md, .pdf, .html, .htm: see
// pipeline/input/pdf_reader.h and pipeline/input/html_reader.h for what is read from the last three), and JSON Lines
// records ({"id", "text", "date", "title"}) from a stream. Every failure names the file (and the
// byte offset for bad UTF-8, the line for bad JSONL) and never stops the caller's batch. Reading is
// bounded: only regular files are read (a FIFO or a device is refused by name, never waited on),
// never past the size limit, and JSON nested deeper than kMaxJsonDepth is refused before parsing.
#ifndef POLICYGRAPH_PIPELINE_INPUT_READER_H_
#define POLICYGRAPH_PIPELINE_INPUT_READER_H_

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace policygraph {

// A path that could not be listed or read, with the reason.
struct InputFailure {
  std::string source;
  std::string message;
};

inline constexpr uint64_t kDefaultMaxBytes = 256ull << 20;  // --max-bytes
inline constexpr uint64_t kMaxSidecarBytes = 1 << 20;        // NAME.meta.json
inline constexpr int kMaxJsonDepth = 512;                     // arrays and objects within each other
inline constexpr int kDefaultMaxPages = 2000;                 // --max-pages

// The bounds on reading one document file.
struct ReadLimits {
  uint64_t max_bytes = kDefaultMaxBytes;  // the file's size (a PDF's too), and a PDF's text
  int max_pages = kDefaultMaxPages;       // a PDF's pages: a longer PDF is refused, not read
  int64_t timeout_ms = 0;                 // extracting a PDF's text; 0: no limit
};

// True for a file name a directory listing takes: .txt, .md, .pdf, .html, .htm, in any case.
bool IsDocumentFileName(const std::string& path);
// True for .jsonl and .ndjson (any case): a file of JSON Lines records, each a document. Read when
// named, never taken from a directory (where gold files and outputs are JSON Lines too).
bool IsJsonlFileName(const std::string& path);

// The document files under `paths`, in order: each file as given, each directory's document files
// recursively in sorted order (symbolic links to files are followed, to directories not). Goes to
// `failures`, by name: a path that does not exist, is not a regular file or directory (a FIFO, a
// device), or is a dangling or looping symbolic link; a directory that cannot be listed; and within
// a directory a document entry that is not a regular file, and every broken symbolic link; and a
// directory with no document in it. Goes to `skipped`, if given, sorted per directory: the files
// of a directory that are not documents (hidden files, NAME.meta.json and NAME.gold.jsonl aside).
std::vector<std::string> ListDocumentFiles(const std::vector<std::string>& paths, std::vector<InputFailure>* failures,
                                           std::vector<std::string>* skipped = nullptr);

// One line on `skipped` for the user: "skipped 3 files of the directories that are not documents
// (.csv 1, .docx 2), e.g. PATH"; empty when none were.
std::string DescribeSkipped(const std::vector<std::string>& skipped);

// Reads one document file and its optional sidecar NAME.meta.json ({"date", "title"}). A .pdf or
// .html/.htm file (any case) is read as such (ReadPdf, ReadHtml), with the title and date it
// carries; a sidecar's date and title take precedence over them, and the text's header date
// (DetectHeaderDate) comes last.
// Errors: unreadable file, not a regular file, more than `max_bytes` (refused from its size, never
// read past the limit), binary content, invalid UTF-8 (with the byte offset), bad sidecar (not a
// JSON object, or a date that is not a calendar date), a PDF or HTML file's own errors, and a
// document with no text (0 bytes, white space only, an HTML page with no visible text). The id and source are made valid UTF-8 (a file
// name's stray bytes become U+FFFD).
StatusOr<Document> ReadDocumentFile(const std::string& path, const ReadLimits& limits);
StatusOr<Document> ReadDocumentFile(const std::string& path, uint64_t max_bytes = kDefaultMaxBytes);

// Builds a document from one JSON Lines record. `source` names it in messages ("<stdin>:12"). A
// record whose text is empty or white space only is an error.
StatusOr<Document> ParseJsonlRecord(std::string_view line, const std::string& source);

// OK when `text` holds more than white space; otherwise DataLoss "SOURCE: WHAT".
Status CheckHasText(const std::string& source, std::string_view text, std::string_view what);

// Returns OK when `bytes` is valid UTF-8; otherwise names the first bad byte's offset.
Status CheckUtf8(std::string_view bytes);
// True when `bytes` looks binary (a NUL byte, or many control characters in its first 8 KiB).
bool LooksBinary(std::string_view bytes);

// True for a calendar date YYYY-MM-DD, or YYYY-MM, or YYYY (years 1000-9999), or a date with a time
// YYYY-MM-DDTHH:MM[:SS]: "2020-02-30", "2025-13-45", "2025-01-01T25:00" and "yesterday" are not.
bool IsValidDate(std::string_view date);

// OK when `json` nests arrays and objects at most `max_depth` deep (strings are skipped, not
// counted); a deeper text would exhaust the stack of a recursive consumer.
Status CheckJsonDepth(std::string_view json, int max_depth = kMaxJsonDepth);

// `bytes` with every byte that is not part of valid UTF-8 replaced by U+FFFD.
std::string ValidUtf8(std::string_view bytes);

// The document id of a path: its file name without the extension.
std::string DocumentIdOf(const std::string& path);

// Fills meta.date from the first lines of the text when they hold a date ("February 6, 2019",
// "2017-06-07", "June 7, 2017") and no date is known yet.
void DetectHeaderDate(Document& doc);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_INPUT_READER_H_
