// Fuzzes the document reader: a JSON Lines stream, a .txt or .md file, a file with its NAME.meta.json sidecar, and an HTML page.
//
// The first byte picks the input kind (byte % 5), the rest is the input:
//   0  JSON Lines read as `extract -` reads stdin (JsonlSource, a small --max-bytes so the
//      over-long-line path is reached too), each line parsed by ParseJsonlRecord; then as a named
//      .jsonl file between two text files (FileSource);
//   1  a .txt file, 2  a .md file (ReadDocumentFile: there is no in-memory entry point for files);
//   3  SIDECAR '\0' TEXT: NAME.meta.json and NAME.txt, read together by ReadDocumentFile;
//   4  an HTML page (ReadHtml, in memory).
// Reported errors (a bad Status) are expected; a crash, a sanitizer report, a leak or a hang is a
// finding.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz/fuzz_util.h"
#include "pipeline/input/html_reader.h"
#include "pipeline/input/reader.h"
#include "pipeline/batch/runner.h"

namespace {

using namespace policygraph;

constexpr uint64_t kMaxBytes = 64 << 10;  // --max-bytes for the run: inputs are smaller than that

void Use(const StatusOr<Document>& doc) {
  if (!doc.ok()) return;
  // Touch what the pipeline would read next: the date must be a calendar date, the id valid UTF-8.
  if (!doc->meta.date.empty() && !IsValidDate(doc->meta.date) && doc->meta.date_source != "header") {
    // A reader that hands on a date it should have refused is a finding.
    if (doc->meta.date_source == "jsonl" || doc->meta.date_source == "sidecar") __builtin_trap();
  }
  if (!CheckUtf8(doc->id).ok() || !CheckUtf8(doc->text).ok()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int kind = data[0] % 5;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string& dir = fuzz::ScratchDir();
  switch (kind) {
    case 0: {
      std::istringstream in{std::string(input)};
      JsonlSource source(in, "<stdin>", /*max_bytes=*/256);
      size_t index = 0;
      std::string where, line;
      while (source.Next(&index, &where, &line)) Use(source.Read(where, line));
      // The same lines as a named .jsonl file between two text files (FileSource).
      fuzz::WriteFile(dir + "/records.jsonl", input);
      fuzz::WriteFile(dir + "/before.txt", "text");
      FileSource files({dir + "/before.txt", dir + "/records.jsonl", dir + "/before.txt"}, /*max_bytes=*/256);
      while (files.Next(&index, &where, &line)) Use(files.Read(where, line));
      break;
    }
    case 1:
    case 2: {
      const std::string path = dir + (kind == 1 ? "/doc.txt" : "/doc.md");
      fuzz::WriteFile(path, input);
      Use(ReadDocumentFile(path, ReadLimits{.max_bytes = kMaxBytes}));
      break;
    }
    case 3: {
      const size_t cut = input.find('\0');
      const std::string_view sidecar = input.substr(0, cut);
      const std::string_view text = cut == std::string_view::npos ? std::string_view() : input.substr(cut + 1);
      fuzz::WriteFile(dir + "/side.meta.json", sidecar);
      fuzz::WriteFile(dir + "/side.txt", text);
      Use(ReadDocumentFile(dir + "/side.txt", ReadLimits{.max_bytes = kMaxBytes}));
      break;
    }
    case 4: {
      Document doc;
      doc.id = "page";
      doc.source = "page.html";
      if (ReadHtml(input, doc).ok()) {
        if (!CheckUtf8(doc.text).ok()) __builtin_trap();
      }
      break;
    }
  }
  return 0;
}
