// `policygraph run`: documents in, mentions.jsonl and graph files out.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include "graph/fragment.h"
#include "graph/spilling_graph.h"
#include "output/atomic_file.h"
#include "output/graph_writers.h"
#include "output/report_writer.h"
#include "pipeline/batch/cache.h"
#include "pipeline/cli/commands.h"
#include "pipeline/batch/runner.h"

namespace policygraph::cli {
namespace {

struct RunArgs {
  std::vector<std::string> paths;
  std::string out_dir = "out";
  std::string formats = "mentions,json,graphml,dot";
  int threads = 0;
  std::string ref_date;
  bool quiet = false;
  bool stage_times = false;
  uint64_t max_bytes = 256ull << 20;
  int max_pages = kDefaultMaxPages;
  int64_t timeout_ms = 60000;
  std::string cache_dir;
  bool dot_mentions = false;
  size_t report_docs = 100;
  size_t graph_memory_mib = kDefaultGraphMemoryMib;
  PipelineOptions pipeline;
};

// The process's CPU time so far (user + system), in seconds.
double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(u.ru_utime) + seconds(u.ru_stime);
}

// "stage  seconds  share" lines, the share of the process's CPU time so far; the rest is loading,
// reading, graph building and writing.
std::string FormatStageTimes(const Pipeline& pipeline, const StageTimes& times) {
  const double cpu = ProcessCpuSeconds();
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(3);
  out << "stage CPU times (summed over threads; share of the run's " << cpu << " s of CPU time):\n";
  double staged = 0;
  for (size_t i = 0; i < pipeline.stages().size(); ++i) {
    const double s = static_cast<double>(times.nanos[i].load()) / 1e9;
    staged += s;
    out << "  " << pipeline.stages()[i]->Name() << "  " << s << " s  " << std::setprecision(1)
        << (cpu > 0 ? 100.0 * s / cpu : 0.0) << " %\n" << std::setprecision(3);
  }
  out << "  (outside the stages)  " << std::max(0.0, cpu - staged) << " s\n";
  return out.str();
}

// The documents of the run: JSON Lines on stdin for "-", else the files under the paths (the
// bundled corpus by default); what cannot be listed goes to `failures`, other files to `skipped`.
std::unique_ptr<DocumentSource> OpenSource(const RunArgs& args, std::vector<InputFailure>* failures,
                                           std::vector<std::string>* skipped) {
  if (args.paths.size() == 1 && args.paths[0] == "-") return std::make_unique<JsonlSource>(std::cin, "<stdin>", args.max_bytes);
  const std::vector<std::string> paths = args.paths.empty() ? std::vector<std::string>{BundledCorpus()} : args.paths;
  return std::make_unique<FileSource>(ListDocumentFiles(paths, failures, skipped),
                                      ReadLimits{args.max_bytes, args.max_pages, args.timeout_ms});
}

// The run's output files, each a temporary until all are written (OutputSet::Commit).
struct RunOutputs {
  OutputSet files;
  AtomicFile* mentions = nullptr;  // mentions.jsonl, if asked for
  AtomicFile* report_file = nullptr;
  std::unique_ptr<ReportWriter> report;  // report.html's sections, if asked for
};

// Opens mentions.jsonl and report.html as `formats` ask; false (and a message) when one cannot be.
bool OpenOutputs(const RunArgs& args, const std::set<std::string>& formats, RunOutputs& out) {
  if (formats.count("mentions")) {
    out.mentions = &out.files.Add(args.out_dir + "/mentions.jsonl");
    if (!out.mentions->status().ok()) {
      std::cerr << "policygraph: " << out.mentions->status().message() << "\n";
      return false;
    }
  }
  if (formats.count("html")) {
    out.report_file = &out.files.Add(args.out_dir + "/report.html");
    out.report = std::make_unique<ReportWriter>(args.out_dir);
    const Status& s = out.report_file->status().ok() ? out.report->status() : out.report_file->status();
    if (!s.ok()) {
      std::cerr << "policygraph: " << s.message() << "\n";
      return false;
    }
  }
  return true;
}

// What the workers render for the sink, with the run's limits.
RunOptions MakeRunOptions(const RunArgs& args, const RunOutputs& out, bool want_graph, const DocumentCache* cache) {
  RunOptions options;
  options.threads = args.threads;
  options.ref_date = args.ref_date;
  options.max_bytes = args.max_bytes;
  options.timeout_ms = args.timeout_ms;
  options.progress = !args.quiet && ::isatty(2);
  options.render_mentions = out.mentions != nullptr;
  options.build_fragment = want_graph;
  options.cache = cache;
  if (out.report) {
    options.render_report = [cap = args.report_docs](const Document& doc, const Annotations& ann, size_t index) {
      return RenderReportSection(doc, ann, index, index < cap);
    };
  }
  return options;
}

// Writes the graph files and the report, then replaces the previous outputs with all of them.
Status WriteOutputs(const RunArgs& args, const std::set<std::string>& formats, SpillingGraph& graph,
                    RunOutputs& out) {
  Json graph_attrs = {{"name", "policygraph"}, {"documents", graph.document_count()}};
  Status written = Status::Ok();
  // The graph files are written concurrently, within the --threads budget.
  tbb::task_arena writers(args.threads > 0 ? args.threads : tbb::task_arena::automatic);
  writers.execute([&] {
    written = WriteGraphFiles(graph, graph_attrs, args.out_dir, formats, out.files, {.mentions = args.dot_mentions});
  });
  if (written.ok() && out.report) written = out.report->Write(graph.InMemory(), out.report_file->stream());
  if (written.ok()) written = out.files.Commit();
  return written;
}

int Run(const RunArgs& args) {
  // --threads bounds every parallel step, loading the rules included.
  std::optional<tbb::global_control> limit;
  if (args.threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(args.threads));
  const std::optional<std::set<std::string>> parsed = ParseFormats(args.formats, "policygraph", /*html=*/true);
  if (!parsed) return kExitUsage;
  const std::set<std::string>& formats = *parsed;
  auto loaded = LoadPipeline(args.pipeline);
  if (!loaded) return kExitUsage;
  if (!PrepareOutputDir(args.out_dir, "policygraph")) return kExitSomeFailed;
  std::vector<InputFailure> list_failures;
  std::vector<std::string> skipped;
  std::unique_ptr<DocumentSource> source = OpenSource(args, &list_failures, &skipped);
  if (!args.quiet && !skipped.empty()) std::cerr << "policygraph: " << DescribeSkipped(skipped) << "\n";
  std::unique_ptr<DocumentCache> cache;
  if (!args.cache_dir.empty()) {
    cache = std::make_unique<DocumentCache>(args.cache_dir, DocumentCache::Salt(*loaded->book, *loaded->pipeline));
    if (Status s = cache->Open(); !s.ok()) {
      std::cerr << "policygraph: " << s.message() << "\n";
      return kExitUsage;
    }
  }
  RunOutputs out;
  if (!OpenOutputs(args, formats, out)) return kExitSomeFailed;
  const bool want_graph = formats.count("json") || formats.count("graphml") || formats.count("dot") || out.report;
  RunOptions options = MakeRunOptions(args, out, want_graph, cache.get());
  std::unique_ptr<StageTimes> stage_times;
  if (args.stage_times) {
    stage_times = std::make_unique<StageTimes>(loaded->pipeline->stages().size());
    options.stage_times = stage_times.get();
  }
  // The workers render each document's mentions and build its fragment; the sink, which sees the
  // documents in input order, only appends and merges.
  SpillingGraph graph(args.out_dir, args.graph_memory_mib << 20);
  RunSummary summary = RunBatch(*loaded->pipeline, *source, options, [&](DocResult& r) {
    if (!r.status.ok()) return;
    if (out.mentions) out.mentions->stream() << r.mentions_jsonl;
    if (want_graph) graph.Merge(std::move(r.fragment));
    if (out.report) out.report->Add(r.index, r.doc.id, r.index < args.report_docs, r.mention_types, std::move(r.report));
  });
  summary.failures.insert(summary.failures.begin(), list_failures.begin(), list_failures.end());
  const Status spilled = graph.Finish();

  // A run that read nothing (every path missing or unreadable) keeps the previous outputs.
  const bool nothing_valid = summary.documents == 0 && !summary.failures.empty();
  Status written = nothing_valid ? Status::Ok() : !spilled.ok() ? spilled : WriteOutputs(args, formats, graph, out);
  if (!written.ok()) std::cerr << "policygraph: " << written.message() << "; previous outputs kept\n";
  if (!args.quiet) {
    std::cerr << FormatSummary(summary);
    if (!nothing_valid && written.ok()) {  // else the previous outputs were kept, as said above
      if (want_graph) std::cerr << "  graph: " << graph.node_count() << " nodes, " << graph.edge_count() << " edges";
      if (want_graph && graph.runs() > 0) {
        std::cerr << " (merged from " << graph.runs() << " runs on disk, "
                  << (graph.spilled_bytes() + (1 << 19)) / (1 << 20) << " MiB)";
      }
      std::cerr << (want_graph ? "" : "  output") << " -> " << args.out_dir << "/\n";
    }
  }
  if (nothing_valid) {
    std::cerr << "policygraph: no document could be read: nothing written, previous outputs in " << args.out_dir
              << "/ kept\n";
  }
  if (stage_times) std::cerr << FormatStageTimes(*loaded->pipeline, *stage_times);
  return summary.failures.empty() && written.ok() ? kExitOk : kExitSomeFailed;
}

}  // namespace

std::function<int()> AddRunCommand(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Process documents into mentions.jsonl and graph files");
  cmd->footer("Example:\n  policygraph run                       # the bundled corpus -> out/\n"
              "  policygraph run reports/ -o graph/ --threads 8 --format json,graphml\n"
              "  policygraph run archive/ --cache ~/.cache/pg   # rerun: only new or changed documents\n"
              "  zcat docs.jsonl.gz | policygraph run - -o out/  # JSON Lines {\"id\",\"text\",\"date\"} on stdin");
  cmd->add_option("paths", args->paths,
                  "Files or directories (.txt, .md, .pdf, .html, .htm; recursive), .jsonl files, or - for JSON Lines on stdin. "
                  "Default: the bundled corpus");
  cmd->add_option("-o,--out", args->out_dir, "Output directory")->capture_default_str();
  cmd->add_option("--format", args->formats,
                  "Comma-separated: mentions,json,graphml,dot, and html (report.html: the graph, its relations with "
                  "their evidence, the documents with their mentions highlighted)")
      ->capture_default_str();
  cmd->add_flag("--dot-mentions", args->dot_mentions, "Draw the MENTIONS edges (document -> node) in graph.dot");
  cmd->add_option("--report-docs", args->report_docs,
                  "report.html shows the full text of the first N documents of the input; later ones by their "
                  "mention counts")
      ->capture_default_str();
  AddThreadsOption(cmd, args->threads);
  AddRefDateOption(cmd, args->ref_date);
  AddMaxBytesOption(cmd, args->max_bytes);
  AddMaxPagesOption(cmd, args->max_pages);
  cmd->add_option("--timeout-ms", args->timeout_ms, "Give up on (and report) a document after this long; 0: no limit")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--cache", args->cache_dir,
                  "Keep each document's result in DIR (keyed by its content, metadata and the rules); a rerun "
                  "processes only new or changed documents")
      ->type_name("DIR");
  AddGraphMemoryOption(cmd, args->graph_memory_mib);
  cmd->add_flag("-q,--quiet", args->quiet, "No progress line or summary on stderr");
  cmd->add_flag("--stage-times", args->stage_times,
                "At the end, print on stderr each stage's CPU time and its share of the run's");
  args->pipeline.Register(cmd);
  return [args] { return Run(*args); };
}

}  // namespace policygraph::cli
