#include "pipeline/runner.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <sstream>
#include <thread>

#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

namespace policygraph {

bool FileSource::Next(size_t* index, std::string* source, std::string* line) {
  if (next_ >= files_.size()) return false;
  *index = next_;
  *source = files_[next_++];
  line->clear();
  return true;
}

StatusOr<Document> FileSource::Read(const std::string& source, const std::string&) const {
  return ReadDocumentFile(source);
}

bool JsonlSource::Next(size_t* index, std::string* source, std::string* line) {
  while (std::getline(in_, *line)) {
    ++line_no_;
    if (line->find_first_not_of(" \t\r") == std::string::npos) continue;  // blank line
    *index = count_++;
    *source = name_ + ":" + std::to_string(line_no_);
    return true;
  }
  return false;
}

StatusOr<Document> JsonlSource::Read(const std::string& source, const std::string& line) const {
  return ParseJsonlRecord(line, source);
}

namespace {

// A progress line on stderr, redrawn at most ten times a second.
class Progress {
 public:
  Progress(bool enabled, size_t total) : enabled_(enabled), total_(total), start_(Clock::now()) {}
  void Update(size_t done, uint64_t bytes, size_t failed, bool final = false) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double mbps = secs > 0 ? bytes / 1e6 / secs : 0;
    std::string eta;
    if (total_ > 0 && done > 0 && done < total_) {
      eta = " ETA " + std::to_string(static_cast<int>(secs / done * (total_ - done))) + "s";
    }
    std::fprintf(stderr, "\r[%zu/%s] %.1f MB/s%s, %zu failed   %s", done,
                 total_ ? std::to_string(total_).c_str() : "?", mbps, eta.c_str(), failed, final ? "\n" : "");
    std::fflush(stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  size_t total_;
  Clock::time_point start_, last_{};
};

void ApplyRefDate(Document& doc, const std::string& ref_date) {
  if (doc.meta.date.empty() && !ref_date.empty()) {
    doc.meta.date = ref_date;
    doc.meta.date_source = "cli";
  }
}

}  // namespace

RunSummary RunBatch(const Pipeline& pipeline, DocumentSource& source, const RunOptions& options,
                    const std::function<void(DocResult&)>& sink) {
  const int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  RunSummary summary;
  Progress progress(options.progress, source.size_hint());
  const auto start = std::chrono::steady_clock::now();
  size_t done = 0;
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_pipeline(
        static_cast<size_t>(threads) * 4,
        tbb::make_filter<void, DocResult*>(
            tbb::filter_mode::serial_in_order,
            [&](tbb::flow_control& fc) -> DocResult* {
              auto* r = new DocResult;
              std::string line;
              if (!source.Next(&r->index, &r->source, &line)) {
                delete r;
                fc.stop();
                return nullptr;
              }
              r->doc.text = std::move(line);  // carried to the parallel stage
              return r;
            }) &
            tbb::make_filter<DocResult*, DocResult*>(
                tbb::filter_mode::parallel,
                [&](DocResult* r) -> DocResult* {
                  std::string line = std::move(r->doc.text);
                  StatusOr<Document> doc = source.Read(r->source, line);
                  if (!doc.ok()) {
                    r->status = doc.status();
                    return r;
                  }
                  r->doc = std::move(doc).value();
                  r->bytes = r->doc.text.size();
                  if (r->bytes > options.max_bytes) {
                    r->status = Status::ResourceExhausted(r->source + ": " + std::to_string(r->bytes) +
                                                          " bytes, over the limit of " + std::to_string(options.max_bytes) +
                                                          " (--max-bytes)");
                    return r;
                  }
                  ApplyRefDate(r->doc, options.ref_date);
                  r->status = pipeline.Process(r->doc, r->ann);
                  if (!r->status.ok()) r->status = Status::DataLoss(r->source + ": " + r->status.message());
                  return r;
                }) &
            tbb::make_filter<DocResult*, void>(tbb::filter_mode::serial_in_order, [&](DocResult* r) {
              if (r->status.ok()) {
                ++summary.documents;
                summary.bytes += r->bytes;
                for (const Mention& m : r->ann.mentions) {
                  if (!m.internal) ++summary.mentions_by_type[m.type];
                }
                summary.relations += r->ann.relations.size();
              } else {
                summary.failures.push_back({r->source, r->status.message()});
              }
              sink(*r);
              ++done;
              progress.Update(done, summary.bytes, summary.failures.size());
              delete r;
            }));
  });
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  progress.Update(done, summary.bytes, summary.failures.size(), true);
  return summary;
}

std::string FormatSummary(const RunSummary& s) {
  std::ostringstream out;
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.2f s, %.1f MB/s", s.seconds, s.seconds > 0 ? s.bytes / 1e6 / s.seconds : 0.0);
  out << "policygraph: " << s.documents << " documents (" << s.bytes << " bytes) in " << rate << "; "
      << s.relations << " relations; " << s.failures.size() << " failed\n";
  if (!s.mentions_by_type.empty()) {
    out << "  mentions:";
    for (const auto& [type, n] : s.mentions_by_type) out << " " << type << "=" << n;
    out << "\n";
  }
  for (const InputFailure& f : s.failures) {
    out << "  failed: " << (f.message.starts_with(f.source) ? f.message : f.source + ": " + f.message) << "\n";
  }
  return out.str();
}

}  // namespace policygraph
