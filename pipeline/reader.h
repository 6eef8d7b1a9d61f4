// Reading documents: files and directories (recursive, sorted; .txt and .md), and JSON Lines
// records ({"id", "text", "date", "title"}) from a stream. Every failure names the file (and the
// byte offset for bad UTF-8, the line for bad JSONL) and never stops the caller's batch.
#ifndef POLICYGRAPH_PIPELINE_READER_H_
#define POLICYGRAPH_PIPELINE_READER_H_

#include <istream>
#include <string>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/status.h"

namespace policygraph {

// A path that could not be listed or read, with the reason.
struct InputFailure {
  std::string source;
  std::string message;
};

// The document files under `paths`, in order: each file as given, each directory's .txt/.md files
// recursively in sorted order. Paths that do not exist or cannot be listed go to `failures`.
std::vector<std::string> ListDocumentFiles(const std::vector<std::string>& paths, std::vector<InputFailure>* failures);

// Reads one document file and its optional sidecar NAME.meta.json ({"date", "title"}).
// Errors: unreadable file, binary content, invalid UTF-8 (with the byte offset), bad sidecar.
// An empty file is a valid, empty document.
StatusOr<Document> ReadDocumentFile(const std::string& path);

// Builds a document from one JSON Lines record. `source` names it in messages ("<stdin>:12").
StatusOr<Document> ParseJsonlRecord(std::string_view line, const std::string& source);

// Returns OK when `bytes` is valid UTF-8; otherwise names the first bad byte's offset.
Status CheckUtf8(std::string_view bytes);
// True when `bytes` looks binary (a NUL byte, or many control characters in its first 8 KiB).
bool LooksBinary(std::string_view bytes);

// The document id of a path: its file name without the extension.
std::string DocumentIdOf(const std::string& path);

// Fills meta.date from the first lines of the text when they hold a date ("February 6, 2019",
// "2017-06-07", "June 7, 2017") and no date is known yet.
void DetectHeaderDate(Document& doc);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_READER_H_
