// BatchRunner: runs a Pipeline over many documents in parallel as a bounded, streaming pipeline
// (oneTBB parallel_pipeline): read and process in parallel, deliver results in input order on one
// thread. Memory is bounded by the documents in flight, never the corpus; results, and so every
// output, are the same whatever the thread count. A failing document is reported and counted; it
// never stops the batch.
#ifndef POLICYGRAPH_PIPELINE_RUNNER_H_
#define POLICYGRAPH_PIPELINE_RUNNER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "pipeline/annotations.h"
#include "pipeline/document.h"
#include "pipeline/pipeline.h"
#include "pipeline/reader.h"

namespace policygraph {

struct RunOptions {
  int threads = 0;              // 0: all cores
  std::string ref_date;         // --ref-date: reference date when a document brings none
  uint64_t max_bytes = 256ull << 20;  // larger documents are reported and skipped
  bool progress = false;        // a progress line on stderr
};

// One document's outcome, delivered in input order.
struct DocResult {
  size_t index = 0;      // position in the input
  std::string source;
  Document doc;          // text released after processing; id and meta kept
  Annotations ann;
  Status status;
  uint64_t bytes = 0;
};

struct RunSummary {
  size_t documents = 0;  // processed successfully
  uint64_t bytes = 0;
  std::map<std::string, size_t> mentions_by_type;
  size_t relations = 0;
  std::vector<InputFailure> failures;
  double seconds = 0;
};

// Where documents come from: a list of files, or a stream of JSONL records.
class DocumentSource {
 public:
  virtual ~DocumentSource() = default;
  // The next item to process, or false at the end. Called from one thread at a time.
  virtual bool Next(size_t* index, std::string* source, std::string* jsonl_line) = 0;
  // Reads item `source` (a path, or the given JSONL line). Thread-safe.
  virtual StatusOr<Document> Read(const std::string& source, const std::string& jsonl_line) const = 0;
  // Total items when known (for progress), else 0.
  virtual size_t size_hint() const { return 0; }
};

class FileSource : public DocumentSource {
 public:
  explicit FileSource(std::vector<std::string> files) : files_(std::move(files)) {}
  bool Next(size_t* index, std::string* source, std::string* line) override;
  StatusOr<Document> Read(const std::string& source, const std::string& line) const override;
  size_t size_hint() const override { return files_.size(); }

 private:
  std::vector<std::string> files_;
  size_t next_ = 0;
};

class JsonlSource : public DocumentSource {
 public:
  JsonlSource(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {}
  bool Next(size_t* index, std::string* source, std::string* line) override;
  StatusOr<Document> Read(const std::string& source, const std::string& line) const override;

 private:
  std::istream& in_;
  std::string name_;
  size_t line_no_ = 0, count_ = 0;
};

// Runs `pipeline` over every document of `source`; `sink` receives each result in input order
// (on one thread at a time). REQUIRES: `pipeline` is not modified while running.
RunSummary RunBatch(const Pipeline& pipeline, DocumentSource& source, const RunOptions& options,
                    const std::function<void(DocResult&)>& sink);

// The end-of-run report printed on stderr.
std::string FormatSummary(const RunSummary& s);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RUNNER_H_
