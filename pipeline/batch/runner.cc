#include "pipeline/batch/runner.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>
#include <unordered_map>

#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "graph/fragment.h"
#include "graph/node_link.h"
#include "output/mention_json.h"
#include "pipeline/batch/cache.h"
#include "pipeline/core/free_memory.h"

namespace policygraph {

FileSource::FileSource(std::vector<std::string> files, uint64_t max_bytes)
    : FileSource(std::move(files), ReadLimits{max_bytes, kDefaultMaxPages, 0}) {}

FileSource::FileSource(std::vector<std::string> files, const ReadLimits& limits)
    : files_(std::move(files)), limits_(limits) {
  for (const std::string& f : files_) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(f, ec);
    if (!ec) bytes_ += size;
    if (IsJsonlFileName(f)) has_jsonl_ = true;
  }
}

FileSource::~FileSource() = default;

bool FileSource::Next(size_t* index, std::string* source, std::string* line) {
  for (;;) {
    if (records_ != nullptr) {
      size_t unused;
      if (records_->Next(&unused, source, line)) {
        line->insert(0, 1, kRecordTag);
        *index = count_++;
        return true;
      }
      records_.reset();
      stream_.reset();
    }
    if (next_ >= files_.size()) return false;
    const std::string& file = files_[next_++];
    if (IsJsonlFileName(file) && OpenRecords(file)) continue;
    // A file, or a JSON Lines file that cannot be opened (Read reports why).
    *index = count_++;
    *source = file;
    line->clear();
    return true;
  }
}

// Why the JSON Lines file `path` could not be opened.
Status FileSource::OpenError(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return Status::IoError(path + ": not a regular file");
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  ::close(fd);
  return Status::IoError(path + ": cannot open");
}

bool FileSource::OpenRecords(const std::string& file) {
  struct stat st;
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  stream_ = std::make_unique<std::ifstream>(file, std::ios::binary);
  if (!*stream_) {
    stream_.reset();
    return false;
  }
  records_ = std::make_unique<JsonlSource>(*stream_, file, limits_.max_bytes);
  return true;
}

StatusOr<Document> FileSource::Read(const std::string& source, const std::string& line) const {
  if (!line.empty() && line[0] == kRecordTag) return ReadJsonlLine(source, std::string_view(line).substr(1), limits_.max_bytes);
  if (IsJsonlFileName(source)) return OpenError(source);
  return ReadDocumentFile(source, limits_);
}

namespace {

// The longest JSON Lines line read: the document's limit plus room for the JSON around the text.
uint64_t MaxJsonlLine(uint64_t max_bytes) {
  return max_bytes > UINT64_MAX - (1 << 20) ? UINT64_MAX : max_bytes + (1 << 20);
}

// Reads one line (without its newline) into `line`, keeping at most `cap` bytes; the rest of a
// longer line is read and dropped, and `*too_long` set. False at the end of the input.
bool GetLineCapped(std::istream& in, std::string* line, uint64_t cap, bool* too_long) {
  line->clear();
  *too_long = false;
  bool any = false;
  char chunk[1 << 16];
  for (;;) {
    in.getline(chunk, sizeof chunk);
    const auto got = static_cast<size_t>(in.gcount());
    const bool full = in.fail() && !in.eof() && got == sizeof chunk - 1;  // no newline yet
    const size_t text = full || in.eof() ? got : got - 1;                 // the newline is counted, not stored
    if (got > 0) any = true;
    if (!*too_long && line->size() + text <= cap) {
      line->append(chunk, text);
    } else {
      *too_long = true;
      line->clear();
    }
    if (!full) break;
    in.clear();
  }
  if (in.fail() && !any) return false;
  in.clear(in.rdstate() & ~std::ios::failbit);
  return true;
}

}  // namespace

JsonlSource::JsonlSource(std::istream& in, std::string name, uint64_t max_bytes)
    : in_(in), name_(std::move(name)), max_bytes_(max_bytes), max_line_(MaxJsonlLine(max_bytes)) {}

bool JsonlSource::Next(size_t* index, std::string* source, std::string* line) {
  bool too_long = false;
  while (GetLineCapped(in_, line, max_line_, &too_long)) {
    ++line_no_;
    // A blank line is skipped; an empty `line` that is not blank is one that was too long.
    if (!too_long && line->find_first_not_of(" \t\r") == std::string::npos) continue;
    *index = count_++;
    *source = name_ + ":" + std::to_string(line_no_);
    return true;
  }
  return false;
}

StatusOr<Document> ReadJsonlLine(const std::string& source, std::string_view line, uint64_t max_bytes) {
  if (line.empty()) {  // a JsonlSource gives an empty line only for one over the limit
    return Status::ResourceExhausted(source + ": line longer than " + std::to_string(MaxJsonlLine(max_bytes)) +
                                     " bytes (--max-bytes plus 1 MiB), skipped");
  }
  return ParseJsonlRecord(line, source);
}

StatusOr<Document> JsonlSource::Read(const std::string& source, const std::string& line) const {
  return ReadJsonlLine(source, line, max_bytes_);
}

std::string RenderMentions(const Document& doc, const Annotations& ann) {
  // Sized first: a string grown by doubling holds up to twice its text, three times while it
  // moves; measuring each line costs less than that memory (a few percent of the stages' time).
  size_t size = 0;
  std::string line;
  for (const Mention& m : ann.mentions) {
    line.clear();
    AppendMentionJson(line, doc.id, m);
    size += line.size() + 1;
  }
  std::string out;
  out.reserve(size);
  for (const Mention& m : ann.mentions) {
    AppendMentionJson(out, doc.id, m);
    out += '\n';
  }
  return out;
}

std::string RenderRecord(const Document& doc, const Annotations& ann, const KnowledgeGraph& fragment) {
  Json rec = Json::object();
  rec["doc"] = doc.id;
  Json ms = Json::array();
  for (const Mention& m : ann.mentions) ms.push_back(MentionToJson(doc.id, m));
  rec["mentions"] = std::move(ms);
  rec["relations"] = ann.relations.size();
  rec["fragment"] = ToNodeLink(fragment, Json{{"documents", 1}});
  return rec.dump();
}

Status ApplyRecord(const std::string& record, const RunOptions& options, DocResult& r) {
  Json rec = Json::parse(record, nullptr, false);
  if (rec.is_discarded() || !rec.is_object() || !rec.contains("mentions") || !rec["mentions"].is_array() ||
      !rec.contains("fragment")) {
    return Status::DataLoss("not a document record");
  }
  std::map<std::string, size_t> types;
  std::string mentions;
  for (const Json& m : rec["mentions"]) {
    if (!m.is_object() || !m.contains("type") || !m["type"].is_string()) return Status::DataLoss("bad mention");
    ++types[m["type"].get<std::string>()];
    if (options.render_mentions) {
      mentions += m.dump();
      mentions += '\n';
    }
  }
  KnowledgeGraph fragment;
  if (options.build_fragment) {
    StatusOr<KnowledgeGraph> g = FromNodeLink(rec["fragment"]);
    if (!g.ok()) return g.status();
    fragment = std::move(g).value();
  }
  r.mention_types = std::move(types);
  r.relations = rec.value("relations", size_t{0});
  r.mentions_jsonl = std::move(mentions);
  r.fragment = std::move(fragment);
  if (options.render_record) r.record = record;
  return Status::Ok();
}

namespace {

using Clock = std::chrono::steady_clock;

// A progress line on stderr, redrawn in place at most five times a second.
class Progress {
 public:
  Progress(bool enabled, size_t total, uint64_t total_bytes)
      : enabled_(enabled), total_(total), total_bytes_(total_bytes), start_(Clock::now()) {}
  void Update(size_t done, uint64_t bytes, size_t cached, size_t failed, bool final = false) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    const double mbps = secs > 0 ? bytes / 1e6 / secs : 0;
    std::string eta;
    if (!final && secs > 0.5) {
      double remaining = -1;
      if (total_bytes_ > bytes && bytes > 0) {
        remaining = secs * static_cast<double>(total_bytes_ - bytes) / static_cast<double>(bytes);
      } else if (total_ > done && done > 0) {
        remaining = secs * static_cast<double>(total_ - done) / static_cast<double>(done);
      }
      if (remaining >= 0) eta = ", ETA " + FormatSeconds(remaining);
    }
    std::string count = std::to_string(done) + (total_ ? "/" + std::to_string(total_) : "");
    std::fprintf(stderr, "\r\033[K%s documents, %.1f MB, %.1f MB/s%s%s, %zu failed%s", count.c_str(), bytes / 1e6, mbps,
                 cached ? (", " + std::to_string(cached) + " cached").c_str() : "", eta.c_str(), failed,
                 final ? "\n" : "");
    std::fflush(stderr);
  }

 private:
  static std::string FormatSeconds(double s) {
    char buf[32];
    const long t = static_cast<long>(s + 0.5);
    if (t >= 3600) {
      std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, t / 60 % 60);
    } else if (t >= 60) {
      std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
    } else {
      std::snprintf(buf, sizeof buf, "%lds", t);
    }
    return buf;
  }
  bool enabled_;
  size_t total_;
  uint64_t total_bytes_;
  Clock::time_point start_, last_{};
};

void ApplyRefDate(Document& doc, const std::string& ref_date) {
  if (doc.meta.date.empty() && !ref_date.empty()) {
    doc.meta.date = ref_date;
    doc.meta.date_source = "cli";
  }
}

// Frees the text and its derived views: the sink needs only the id, the metadata and what was
// rendered, and a result may wait for earlier documents before the sink takes it.
void ReleaseText(Document& doc) {
  doc.text = std::string();
  doc.view = NormalizedText();
  doc.sentences = std::vector<Span>();
}

// Reads one document and finds it in the cache; returns true when the pipeline must process it.
bool Prepare(const DocumentSource& source, const RunOptions& options, const std::string& line, DocResult& r,
             std::string& key) {
  StatusOr<Document> doc = source.Read(r.source, line);
  if (!doc.ok()) {
    r.status = doc.status();
    return false;
  }
  r.doc = std::move(doc).value();
  r.bytes = r.doc.text.size();
  if (r.bytes > options.max_bytes) {
    r.status = Status::ResourceExhausted(r.source + ": " + std::to_string(r.bytes) + " bytes, over the limit of " +
                                         std::to_string(options.max_bytes) + " (--max-bytes)");
    ReleaseText(r.doc);
    return false;
  }
  ApplyRefDate(r.doc, options.ref_date);
  if (options.cache != nullptr) key = options.cache->KeyOf(r.doc);
  if (options.cache != nullptr && !options.render_report) {
    if (std::optional<std::string> record = options.cache->Lookup(key)) {
      // A record that does not parse (a damaged entry) is a miss: the document is processed again.
      if (ApplyRecord(*record, options, r).ok()) {
        r.cached = true;
        ReleaseText(r.doc);
        return false;
      }
    }
  }
  return true;
}

// A document's deadline under --timeout-ms, counted from now (time_point::max(): none).
Clock::time_point DeadlineFromNow(const RunOptions& options) {
  return options.timeout_ms > 0 ? Clock::now() + std::chrono::milliseconds(options.timeout_ms) : Clock::time_point::max();
}

// After the pipeline: reports its failure, or builds the fragment and renders what is asked.
void Finish(const RunOptions& options, const std::string& key, DocResult& r) {
  if (!r.status.ok()) {
    std::string message = r.source + ": " + r.status.message();
    if (r.ann.Expired()) message += " (over --timeout-ms " + std::to_string(options.timeout_ms) + ")";
    r.status = r.status.code() == Status::Code::kResourceExhausted ? Status::ResourceExhausted(message)
                                                                     : Status::DataLoss(message);
    ReleaseText(r.doc);
    return;
  }
  for (const Mention& m : r.ann.mentions) ++r.mention_types[m.type];
  r.relations = r.ann.relations.size();
  const bool want_record = options.render_record || options.cache != nullptr;
  if (options.build_fragment || want_record) r.fragment = BuildFragment(r.doc, r.ann);
  if (r.ann.Expired()) {  // BuildFragment stopped early, or the time ran out just after the stages
    r.status = Status::ResourceExhausted(r.source + ": time limit reached building the graph fragment (over --timeout-ms " +
                                         std::to_string(options.timeout_ms) + ")");
    r.fragment = KnowledgeGraph();
    ReleaseText(r.doc);
    return;
  }
  if (want_record) r.record = RenderRecord(r.doc, r.ann, r.fragment);
  if (options.render_report) r.report = options.render_report(r.doc, r.ann, r.index);
  if (options.cache != nullptr) {
    // A cache that cannot be written costs only the next run's time: the document is fine.
    r.cache_status = options.cache->Store(key, r.record);
  }
  if (!options.render_record) r.record = std::string();
  if (!options.build_fragment) r.fragment = KnowledgeGraph();
  // The mentions JSONL, the largest output (four times the text on policy documents), is rendered
  // last, once everything it does not need is released: the text, its views and the relations
  // (counted above; the sink reads only the mentions).
  ReleaseText(r.doc);
  std::deque<Relation>().swap(r.ann.relations);
  ReturnFreeMemory(r.bytes);
  if (options.render_mentions) r.mentions_jsonl = RenderMentions(r.doc, r.ann);
}

// Records an exception thrown while processing `r`: nothing one document does may stop the run,
// not even an exception from a library (an allocation failure, a JSON value that cannot be written).
void Fail(DocResult& r, const std::exception& e) {
  r.status = Status::DataLoss(r.source + ": internal error: " + e.what());
  r.fragment = KnowledgeGraph();
  ReleaseText(r.doc);
}

// Documents that go through the run together: several small ones, so that the pipeline's batched
// stages see them at once (Pipeline::ProcessBatch), or one.
using Batch = std::vector<std::unique_ptr<DocResult>>;

// Runs the pipeline over one document, its time limit starting now.
void RunAlone(const Pipeline& pipeline, const RunOptions& options, DocResult& r) {
  r.ann.deadline = DeadlineFromNow(options);
  try {
    r.status = pipeline.Process(r.doc, r.ann, options.stage_times);
  } catch (const std::exception& e) {
    Fail(r, e);
  }
}

// Runs the pipeline over the documents `together` of `batch` at once; after an exception, over
// each on its own again (from fresh annotations), so that it fails only the document that throws.
// Each document's time limit starts here, not when it was read (the batch's later documents are
// read after it).
void RunTogether(const Pipeline& pipeline, const RunOptions& options, Batch& batch, const std::vector<size_t>& together) {
  std::vector<Document*> docs;
  std::vector<Annotations*> anns;
  for (size_t k : together) {
    batch[k]->ann.deadline = DeadlineFromNow(options);
    docs.push_back(&batch[k]->doc);
    anns.push_back(&batch[k]->ann);
  }
  std::vector<Status> statuses(together.size());
  try {
    pipeline.ProcessBatch(docs, anns, statuses, options.stage_times);
    for (size_t i = 0; i < together.size(); ++i) batch[together[i]]->status = std::move(statuses[i]);
    return;
  } catch (const std::exception&) {
    for (size_t k : together) batch[k]->ann = Annotations();
  }
  for (size_t k : together) RunAlone(pipeline, options, *batch[k]);
}

// Runs the pipeline over the documents `todo` of `batch`: those smaller than batch_bytes
// together, the others (which gain nothing from company) one by one, where the rule stage can
// share a huge one among the threads.
void RunPipeline(const Pipeline& pipeline, const RunOptions& options, Batch& batch, const std::vector<size_t>& todo) {
  std::vector<size_t> together, alone;
  for (size_t k : todo) (ProcessedTogether(batch[k]->bytes, options) ? together : alone).push_back(k);
  if (together.size() > 1) {
    RunTogether(pipeline, options, batch, together);
  } else {
    alone.insert(alone.end(), together.begin(), together.end());
  }
  for (size_t k : alone) RunAlone(pipeline, options, *batch[k]);
}

// Reads, processes (or finds in the cache) and renders the documents of a batch: the parallel
// stage. The document texts arrive in doc.text (a file's path, or a JSONL line).
void ProcessBatch(const Pipeline& pipeline, const DocumentSource& source, const RunOptions& options, Batch& batch) {
  std::vector<std::string> keys(batch.size());
  std::vector<size_t> todo;
  for (size_t k = 0; k < batch.size(); ++k) {
    DocResult& r = *batch[k];
    const std::string line = std::move(r.doc.text);
    r.doc.text = std::string();
    try {
      if (Prepare(source, options, line, r, keys[k])) todo.push_back(k);
    } catch (const std::exception& e) {
      Fail(r, e);
    }
  }
  RunPipeline(pipeline, options, batch, todo);
  for (size_t k : todo) {
    try {
      Finish(options, keys[k], *batch[k]);
    } catch (const std::exception& e) {
      Fail(*batch[k], e);
    }
  }
}

// How many documents a batch holds (RunOptions::batch_bytes).
size_t BatchSize(const DocumentSource& source, uint64_t batch_bytes) {
  constexpr size_t kBatchDocs = 64;
  if (batch_bytes == 0 || source.size_hint() == 0 || source.bytes_hint() == 0) return 1;
  const uint64_t mean = std::max<uint64_t>(1, source.bytes_hint() / source.size_hint());
  return static_cast<size_t>(std::clamp<uint64_t>(batch_bytes / mean, 1, kBatchDocs));
}

// A document whose id an earlier input of the batch had is refused, not merged into that one
// (its mentions would be counted as the first document's): the first in input order keeps the id.
void RefuseTakenId(DocResult& r, std::unordered_map<std::string, std::string>& first_source) {
  auto [it, fresh] = first_source.emplace(r.doc.id, r.source);
  if (fresh) return;
  r.status = Status::InvalidArgument(r.source + ": document id '" + r.doc.id + "' is already taken by " + it->second +
                                     ": skipped (an id is the file name without its extension, or the record's \"id\": rename one)");
  r.ann = Annotations();
  r.mention_types.clear();
  r.mentions_jsonl.clear();
  r.fragment = KnowledgeGraph();
  r.record.clear();
  r.report = ReportPart();
}

// Counts one result in the summary and hands it to the sink: the serial, in-order stage.
void Deliver(DocResult& r, std::unordered_map<std::string, std::string>& first_source, RunSummary& summary,
             const std::function<void(DocResult&)>& sink) {
  if (r.status.ok()) RefuseTakenId(r, first_source);
  if (r.status.ok()) {
    ++summary.documents;
    if (r.cached) ++summary.cached;
    summary.bytes += r.bytes;
    for (const auto& [type, n] : r.mention_types) summary.mentions_by_type[type] += n;
    summary.relations += r.relations;
  } else {
    summary.failures.push_back({r.source, r.status.message()});
  }
  if (!r.cache_status.ok()) {
    ++summary.cache_errors;
    if (summary.cache_error.empty()) summary.cache_error = r.cache_status.message();
  }
  sink(r);
}

}  // namespace

bool ProcessedTogether(uint64_t bytes, const RunOptions& options) { return bytes < options.batch_bytes; }

RunSummary RunBatch(const Pipeline& pipeline, DocumentSource& source, const RunOptions& options,
                    const std::function<void(DocResult&)>& sink) {
  const int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  RunSummary summary;
  Progress progress(options.progress, source.size_hint(), source.bytes_hint());
  const auto start = Clock::now();
  size_t done = 0;
  std::unordered_map<std::string, std::string> first_source;  // document id -> the input that had it
  const size_t batch_size = BatchSize(source, options.batch_bytes);
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_pipeline(
        std::max<size_t>(2, static_cast<size_t>(threads) * 16 / batch_size),
        tbb::make_filter<void, Batch*>(
            tbb::filter_mode::serial_in_order,
            [&](tbb::flow_control& fc) -> Batch* {
              auto batch = std::make_unique<Batch>();
              while (batch->size() < batch_size) {
                auto r = std::make_unique<DocResult>();
                std::string line;
                if (!source.Next(&r->index, &r->source, &line)) break;
                r->doc.text = std::move(line);  // the JSONL line, carried to the parallel stage
                batch->push_back(std::move(r));
              }
              if (batch->empty()) {
                fc.stop();
                return nullptr;
              }
              return batch.release();
            }) &
            tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel,
                                             [&](Batch* batch) -> Batch* {
                                               ProcessBatch(pipeline, source, options, *batch);
                                               return batch;
                                             }) &
            tbb::make_filter<Batch*, void>(tbb::filter_mode::serial_in_order, [&](Batch* raw) {
              std::unique_ptr<Batch> batch(raw);
              for (std::unique_ptr<DocResult>& r : *batch) {
                Deliver(*r, first_source, summary, sink);
                ++done;
                progress.Update(done, summary.bytes, summary.cached, summary.failures.size());
                r.reset();  // each result is freed once delivered
              }
            }));
  });
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  progress.Update(done, summary.bytes, summary.cached, summary.failures.size(), true);
  return summary;
}

std::string FormatSummary(const RunSummary& s) {
  std::ostringstream out;
  char rate[96];
  std::snprintf(rate, sizeof rate, "%.2f s, %.1f MB/s, %.1f documents/s", s.seconds,
                s.seconds > 0 ? s.bytes / 1e6 / s.seconds : 0.0, s.seconds > 0 ? s.documents / s.seconds : 0.0);
  out << "policygraph: " << s.documents << " documents (" << s.bytes << " bytes) in " << rate << "; ";
  if (s.cached > 0) out << s.cached << " from the cache, " << (s.documents - s.cached) << " processed; ";
  out << s.relations << " relations; " << s.failures.size() << " failed\n";
  if (!s.mentions_by_type.empty()) {
    size_t total = 0;
    for (const auto& [type, n] : s.mentions_by_type) total += n;
    out << "  mentions: " << total << " (";
    bool first = true;
    for (const auto& [type, n] : s.mentions_by_type) {
      out << (first ? "" : " ") << type << "=" << n;
      first = false;
    }
    out << ")\n";
  }
  for (const InputFailure& f : s.failures) {
    out << "  failed: " << (f.message.starts_with(f.source) ? f.message : f.source + ": " + f.message) << "\n";
  }
  if (s.cache_errors > 0) {
    out << "  cache: " << s.cache_errors << " entries could not be stored (first: " << s.cache_error << ")\n";
  }
  return out.str();
}

}  // namespace policygraph
