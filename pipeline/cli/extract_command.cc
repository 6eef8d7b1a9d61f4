// `policygraph extract`: streaming mode. Mentions JSONL (or, with --fragments, one record per
// document with its mentions and graph fragment) on stdout, flushed per document; logs on stderr.
#include <iostream>

#include "graph/fragment.h"
#include "graph/node_link.h"
#include "output/mention_json.h"
#include "pipeline/cli/commands.h"
#include "pipeline/runner.h"

namespace policygraph::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> paths;
  bool fragments = false;
  int threads = 0;
  std::string ref_date;
  bool quiet = false;
  uint64_t max_bytes = 256ull << 20;
  PipelineOptions pipeline;
};

int Extract(const ExtractArgs& args) {
  auto loaded = LoadPipeline(args.pipeline);
  if (!loaded) return kExitUsage;
  std::vector<InputFailure> list_failures;
  std::unique_ptr<DocumentSource> source;
  if (args.paths.size() == 1 && args.paths[0] == "-") {
    source = std::make_unique<JsonlSource>(std::cin, "<stdin>");
  } else if (args.paths.empty()) {
    std::cerr << "policygraph extract: give files, directories, or - for JSON Lines on stdin\n";
    return kExitUsage;
  } else {
    source = std::make_unique<FileSource>(ListDocumentFiles(args.paths, &list_failures));
  }
  RunOptions options;
  options.threads = args.threads;
  options.ref_date = args.ref_date;
  options.max_bytes = args.max_bytes;
  RunSummary summary = RunBatch(*loaded->pipeline, *source, options, [&](DocResult& r) {
    if (!r.status.ok()) {
      if (!args.quiet) std::cerr << "policygraph: failed: " << r.status.message() << "\n";
      return;
    }
    if (args.fragments) {
      Json rec = Json::object();
      rec["doc"] = r.doc.id;
      Json ms = Json::array();
      for (const Mention& m : r.ann.mentions) {
        if (!m.internal) ms.push_back(MentionToJson(r.doc.id, m));
      }
      rec["mentions"] = std::move(ms);
      rec["fragment"] = ToNodeLink(BuildFragment(r.doc, r.ann), Json{{"documents", 1}});
      std::cout << rec.dump() << '\n';
    } else {
      for (const Mention& m : r.ann.mentions) {
        if (!m.internal) std::cout << MentionToJson(r.doc.id, m).dump() << '\n';
      }
    }
    std::cout.flush();
  });
  summary.failures.insert(summary.failures.begin(), list_failures.begin(), list_failures.end());
  if (!args.quiet) std::cerr << FormatSummary(summary);
  return summary.failures.empty() ? kExitOk : kExitSomeFailed;
}

}  // namespace

std::function<int()> AddExtractCommand(CLI::App& app) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app.add_subcommand("extract", "Stream mentions (or per-document fragments) as JSON Lines to stdout");
  cmd->footer("Example:\n  policygraph extract report.txt\n"
              "  echo '{\"id\":\"d1\",\"text\":\"RMB 10 billion in 2025\"}' | policygraph extract - --fragments");
  cmd->add_option("paths", args->paths, "Files or directories, or - for JSON Lines {\"id\",\"text\",\"date\"} on stdin");
  cmd->add_flag("--fragments", args->fragments, "One line per document: {doc, mentions, fragment} (for merge)");
  cmd->add_option("--threads", args->threads, "Worker threads (0: all cores)");
  cmd->add_option("--ref-date", args->ref_date, "Reference date YYYY-MM-DD for documents that bring none");
  cmd->add_option("--max-bytes", args->max_bytes, "Skip (and report) documents larger than this");
  cmd->add_flag("-q,--quiet", args->quiet, "No summary on stderr");
  args->pipeline.Register(cmd);
  return [args] { return Extract(*args); };
}

}  // namespace policygraph::cli
