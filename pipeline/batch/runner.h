// BatchRunner: runs a Pipeline over many documents in parallel as a bounded, streaming pipeline
// (oneTBB parallel_pipeline): read, process and render in parallel, deliver results in input order
// on one thread. At most 4 documents per thread are in flight, so memory is bounded by the largest
// documents in flight, never the corpus; results, and so every output, are the same whatever the
// thread count. A failing document (unreadable, too large, over its time limit) is reported and
// counted; it never stops the batch. With a DocumentCache, unchanged documents are not processed:
// their stored record is delivered instead, with the same rendered outputs.
//
//   FileSource source(ListDocumentFiles({"reports/"}, &failures));
//   RunOptions opts;
//   opts.render_mentions = opts.build_fragment = true;
//   RunSummary s = RunBatch(pipeline, source, opts, [&](DocResult& r) {
//     if (r.status.ok()) { out << r.mentions_jsonl; graph.Merge(std::move(r.fragment)); }
//   });
//   graph.Seal();  // before reading or writing the graph
#ifndef POLICYGRAPH_PIPELINE_BATCH_RUNNER_H_
#define POLICYGRAPH_PIPELINE_BATCH_RUNNER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "output/report_section.h"
#include "pipeline/core/annotations.h"
#include "pipeline/core/document.h"
#include "pipeline/core/pipeline.h"
#include "pipeline/input/reader.h"

namespace policygraph {

class DocumentCache;

struct RunOptions {
  int threads = 0;                    // 0: all cores
  std::string ref_date;               // --ref-date: reference date when a document brings none
  uint64_t max_bytes = 256ull << 20;  // larger documents are reported and skipped
  int64_t timeout_ms = 60000;         // per document; 0: no limit. Over it: reported and skipped
  bool progress = false;              // a progress line on stderr, redrawn in place
  // Small documents go through the pipeline in batches of about this much input (at the source's
  // mean document size, at most 64 documents; Pipeline::ProcessBatch), so that each rule's automaton
  // stays in cache over many of them. 0, or a source that cannot tell its size (a stream, JSON
  // Lines): one document at a time. The outputs are the same either way.
  uint64_t batch_bytes = 256 << 10;
  // What the workers render for the sink (in parallel, so the sink only writes and merges):
  bool render_mentions = false;  // DocResult::mentions_jsonl
  bool build_fragment = false;   // DocResult::fragment
  bool render_record = false;    // DocResult::record
  // DocResult::report, if set: called with the processed document (its text and sentences still
  // there) and its input position. A cached record holds no text: with it set, the cache is not
  // read (results are still stored).
  std::function<ReportPart(const Document&, const Annotations&, size_t index)> render_report;
  const DocumentCache* cache = nullptr;  // reuse and store per-document records; not owned
  StageTimes* stage_times = nullptr;     // if set, each stage's time is added to it; not owned
};

// Whether a document of `bytes` goes through the pipeline with the others of its batch. One of
// batch_bytes or more gains nothing from company and goes alone, where the rule stage can share a
// huge one among the threads.
bool ProcessedTogether(uint64_t bytes, const RunOptions& options);

// One document's outcome, delivered in input order. When it came from the cache, `ann` is empty
// and the rendered fields hold what processing would have produced.
struct DocResult {
  size_t index = 0;      // position in the input
  std::string source;
  Document doc;          // id and meta; text, view and sentences are released once rendered
  Annotations ann;       // the mentions; the relations are released once counted and rendered
  Status status;
  uint64_t bytes = 0;
  bool cached = false;                        // delivered from the cache, not processed
  std::map<std::string, size_t> mention_types;  // mentions by type
  size_t relations = 0;
  std::string mentions_jsonl;  // if options.render_mentions: mentions.jsonl lines
  KnowledgeGraph fragment;     // if options.build_fragment: the document's graph fragment
  std::string record;          // if options.render_record: the per-document record (one line, no newline)
  ReportPart report;           // if options.render_report: what it rendered
  Status cache_status;         // why the record could not be stored in the cache, if it could not
};

struct RunSummary {
  size_t documents = 0;  // processed successfully (or delivered from the cache)
  size_t cached = 0;     // of which delivered from the cache
  uint64_t bytes = 0;
  std::map<std::string, size_t> mentions_by_type;
  size_t relations = 0;
  std::vector<InputFailure> failures;
  size_t cache_errors = 0;  // records that could not be stored (the documents themselves are fine)
  std::string cache_error;  // the first such error
  double seconds = 0;
};

// The per-document record (`extract --records`, cache entries, `merge` input), one JSON line:
// {"doc": ID, "mentions": [mention objects as in mentions.jsonl], "relations": N, "fragment": node-link}.
std::string RenderRecord(const Document& doc, const Annotations& ann, const KnowledgeGraph& fragment);
// The mentions.jsonl lines of `doc`.
std::string RenderMentions(const Document& doc, const Annotations& ann);
// Fills the rendered fields of `r` (as options ask) from a record RenderRecord wrote.
Status ApplyRecord(const std::string& record, const RunOptions& options, DocResult& r);

// Where documents come from: a list of files, or a stream of JSONL records.
class DocumentSource {
 public:
  virtual ~DocumentSource() = default;
  // The next item to process, or false at the end. Called from one thread at a time.
  virtual bool Next(size_t* index, std::string* source, std::string* jsonl_line) = 0;
  // Reads item `source` (a path, or the given JSONL line). Thread-safe.
  virtual StatusOr<Document> Read(const std::string& source, const std::string& jsonl_line) const = 0;
  // Total items and bytes when known (for progress), else 0.
  virtual size_t size_hint() const { return 0; }
  virtual uint64_t bytes_hint() const { return 0; }
};

// Files, each read within `limits` (--max-bytes, --max-pages; see ReadDocumentFile). A JSON Lines
// file (.jsonl, .ndjson) gives a document per line, named "PATH:LINE", read as by JsonlSource.
class FileSource : public DocumentSource {
 public:
  explicit FileSource(std::vector<std::string> files, uint64_t max_bytes = kDefaultMaxBytes);
  FileSource(std::vector<std::string> files, const ReadLimits& limits);
  ~FileSource() override;
  // `line` is empty for a file, or kRecordTag and the line of a JSON Lines record.
  bool Next(size_t* index, std::string* source, std::string* line) override;
  StatusOr<Document> Read(const std::string& source, const std::string& line) const override;
  size_t size_hint() const override { return has_jsonl_ ? 0 : files_.size(); }  // records are not counted ahead
  uint64_t bytes_hint() const override { return bytes_; }

 private:
  static constexpr char kRecordTag = 'R';
  bool OpenRecords(const std::string& file);  // starts reading a JSON Lines file's records
  static Status OpenError(const std::string& path);

  std::vector<std::string> files_;
  ReadLimits limits_;
  uint64_t bytes_ = 0;
  bool has_jsonl_ = false;
  size_t next_ = 0, count_ = 0;
  std::unique_ptr<std::istream> stream_;      // the JSON Lines file being read
  std::unique_ptr<DocumentSource> records_;   // its records
};

// JSON Lines records from a stream. A line longer than `max_bytes` plus 1 MiB (room for the JSON
// around the text) is skipped as it is read, never held, and reported.
class JsonlSource : public DocumentSource {
 public:
  JsonlSource(std::istream& in, std::string name, uint64_t max_bytes = kDefaultMaxBytes);
  bool Next(size_t* index, std::string* source, std::string* line) override;
  StatusOr<Document> Read(const std::string& source, const std::string& line) const override;

 private:
  std::istream& in_;
  std::string name_;
  uint64_t max_bytes_;
  uint64_t max_line_;
  size_t line_no_ = 0, count_ = 0;
};

// The document of one JSON Lines line as a JsonlSource gave it (empty: a line over the limit).
StatusOr<Document> ReadJsonlLine(const std::string& source, std::string_view line, uint64_t max_bytes);

// Runs `pipeline` over every document of `source`; `sink` receives each result in input order
// (on one thread at a time). REQUIRES: `pipeline` is not modified while running.
RunSummary RunBatch(const Pipeline& pipeline, DocumentSource& source, const RunOptions& options,
                    const std::function<void(DocResult&)>& sink);

// The end-of-run report printed on stderr: documents, bytes, time and rate, how many came from the
// cache, mentions by type, relations, and every failure with its reason.
std::string FormatSummary(const RunSummary& s);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_BATCH_RUNNER_H_
