// `policygraph extract`: streaming mode, for pipes (Spark's RDD.pipe(), Hadoop Streaming, GNU
// parallel). By default mentions JSONL on stdout (DESIGN.md §7); with --records one line per
// document with its mentions and its graph fragment, which `merge` turns into the graph files.
// Output is flushed per document, in input order; everything else (failures, summary) goes to
// stderr, so stdout holds nothing but records.
#include <unistd.h>

#include <iostream>
#include <optional>

#include <tbb/global_control.h>

#include "pipeline/batch/cache.h"
#include "pipeline/cli/commands.h"
#include "pipeline/batch/runner.h"

namespace policygraph::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> paths;
  bool records = false;
  int threads = 0;
  std::string ref_date;
  bool quiet = false;
  uint64_t max_bytes = 256ull << 20;
  int max_pages = kDefaultMaxPages;
  int64_t timeout_ms = 60000;
  std::string cache_dir;
  PipelineOptions pipeline;
};

int Extract(const ExtractArgs& args) {
  // --threads bounds every parallel step, loading the rules included.
  std::optional<tbb::global_control> limit;
  if (args.threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(args.threads));
  auto loaded = LoadPipeline(args.pipeline);
  if (!loaded) return kExitUsage;
  std::vector<InputFailure> list_failures;
  std::vector<std::string> skipped;
  std::unique_ptr<DocumentSource> source;
  if (args.paths.size() == 1 && args.paths[0] == "-") {
    source = std::make_unique<JsonlSource>(std::cin, "<stdin>", args.max_bytes);
  } else if (args.paths.empty()) {
    std::cerr << "policygraph extract: give files, directories, or - for JSON Lines on stdin\n";
    return kExitUsage;
  } else {
    source = std::make_unique<FileSource>(ListDocumentFiles(args.paths, &list_failures, &skipped),
                                          ReadLimits{args.max_bytes, args.max_pages, args.timeout_ms});
  }
  std::unique_ptr<DocumentCache> cache;
  if (!args.cache_dir.empty()) {
    cache = std::make_unique<DocumentCache>(args.cache_dir, DocumentCache::Salt(*loaded->book, *loaded->pipeline));
    if (Status s = cache->Open(); !s.ok()) {
      std::cerr << "policygraph extract: " << s.message() << "\n";
      return kExitUsage;
    }
  }
  for (const InputFailure& f : list_failures) {
    if (!args.quiet) std::cerr << "policygraph extract: failed: " << f.source << ": " << f.message << "\n";
  }
  if (!args.quiet && !skipped.empty()) std::cerr << "policygraph extract: " << DescribeSkipped(skipped) << "\n";
  RunOptions options;
  options.threads = args.threads;
  options.ref_date = args.ref_date;
  options.max_bytes = args.max_bytes;
  options.timeout_ms = args.timeout_ms;
  // A progress line only where it cannot mix with the records: stderr on a terminal, stdout not.
  options.progress = !args.quiet && ::isatty(2) && !::isatty(1);
  options.render_mentions = !args.records;
  options.render_record = args.records;
  options.cache = cache.get();
  std::ios::sync_with_stdio(false);
  // std::cin is tied to std::cout: every read of the input (the pipeline's reading thread) would
  // flush std::cout while the sink (another thread) writes to it, and repeat or lose records.
  std::cin.tie(nullptr);
  RunSummary summary = RunBatch(*loaded->pipeline, *source, options, [&](DocResult& r) {
    if (!r.status.ok()) {
      // Reported as it happens (a stream may run for hours), and again in the summary.
      if (!args.quiet && !options.progress) std::cerr << "policygraph extract: failed: " << r.status.message() << "\n";
      return;
    }
    if (args.records) {
      std::cout << r.record << '\n';
    } else {
      std::cout << r.mentions_jsonl;
    }
    std::cout.flush();
  });
  summary.failures.insert(summary.failures.begin(), list_failures.begin(), list_failures.end());
  if (!args.quiet) std::cerr << FormatSummary(summary);
  if (!std::cout) {
    std::cerr << "policygraph extract: cannot write to stdout\n";
    return kExitSomeFailed;
  }
  return summary.failures.empty() ? kExitOk : kExitSomeFailed;
}

}  // namespace

std::function<int()> AddExtractCommand(CLI::App& app) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd =
      app.add_subcommand("extract", "Stream mentions (or per-document records for merge) as JSON Lines to stdout");
  cmd->footer("Example:\n  policygraph extract report.txt\n"
              "  echo '{\"id\":\"d1\",\"text\":\"RMB 10 billion in 2025\"}' | policygraph extract - --records\n"
              "  parallel --pipe -N500 policygraph extract - --records -q < docs.jsonl | policygraph merge - -o out/");
  cmd->add_option("paths", args->paths, "Files or directories, or - for JSON Lines {\"id\",\"text\",\"date\",\"title\"} on stdin");
  cmd->add_flag("--records,--fragments", args->records,
                "One line per document: {doc, mentions, relations, fragment} (the input of merge)");
  AddThreadsOption(cmd, args->threads);
  AddRefDateOption(cmd, args->ref_date);
  AddMaxBytesOption(cmd, args->max_bytes);
  AddMaxPagesOption(cmd, args->max_pages);
  cmd->add_option("--timeout-ms", args->timeout_ms, "Give up on (and report) a document after this long; 0: no limit")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--cache", args->cache_dir, "Reuse and keep per-document results in DIR (see run --cache)")
      ->type_name("DIR");
  cmd->add_flag("-q,--quiet", args->quiet, "Nothing on stderr but errors that stop the command");
  args->pipeline.Register(cmd);
  return [args] { return Extract(*args); };
}

}  // namespace policygraph::cli
