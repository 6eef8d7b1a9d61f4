// MentionsWriter: streams mentions.jsonl (DESIGN.md §4), one document at a time in input order,
// into a temporary file that Commit renames into place.
#ifndef POLICYGRAPH_OUTPUT_MENTIONS_WRITER_H_
#define POLICYGRAPH_OUTPUT_MENTIONS_WRITER_H_

#include <string>

#include "output/atomic_file.h"
#include "pipeline/annotations.h"
#include "pipeline/document.h"

namespace policygraph {

class MentionsWriter {
 public:
  explicit MentionsWriter(const std::string& path) : file_(path) {}
  const Status& status() const { return file_.status(); }
  // Appends the document's mentions (already sorted by offset).
  void Write(const Document& doc, const Annotations& ann);
  Status Commit() { return file_.Commit(); }

 private:
  AtomicFile file_;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_MENTIONS_WRITER_H_
