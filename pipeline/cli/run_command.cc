// `policygraph run`: documents in, mentions.jsonl and graph files out.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>

#include "graph/fragment.h"
#include "output/graph_writers.h"
#include "output/mentions_writer.h"
#include "pipeline/cli/commands.h"
#include "pipeline/runner.h"

namespace policygraph::cli {
namespace {

struct RunArgs {
  std::vector<std::string> paths;
  std::string out_dir = "out";
  std::string formats = "mentions,json,graphml,dot";
  int threads = 0;
  std::string ref_date;
  bool quiet = false;
  uint64_t max_bytes = 256ull << 20;
  PipelineOptions pipeline;
};

int Run(const RunArgs& args) {
  std::set<std::string> formats;
  std::stringstream ss(args.formats);
  for (std::string f; std::getline(ss, f, ',');) {
    if (f != "mentions" && f != "json" && f != "graphml" && f != "dot") {
      std::cerr << "policygraph: unknown format '" << f << "' (valid: mentions, json, graphml, dot)\n";
      return kExitUsage;
    }
    formats.insert(f);
  }
  auto loaded = LoadPipeline(args.pipeline);
  if (!loaded) return kExitUsage;
  std::error_code ec;
  std::filesystem::create_directories(args.out_dir, ec);
  if (ec) {
    std::cerr << "policygraph: " << args.out_dir << ": cannot create output directory: " << ec.message() << "\n";
    return kExitUsage;
  }
  std::vector<std::string> paths = args.paths.empty() ? std::vector<std::string>{BundledCorpus()} : args.paths;
  std::vector<InputFailure> list_failures;
  FileSource source(ListDocumentFiles(paths, &list_failures));

  std::unique_ptr<MentionsWriter> mentions;
  if (formats.count("mentions")) {
    mentions = std::make_unique<MentionsWriter>(args.out_dir + "/mentions.jsonl");
    if (!mentions->status().ok()) {
      std::cerr << "policygraph: " << mentions->status().message() << "\n";
      return kExitUsage;
    }
  }
  KnowledgeGraph graph;
  RunOptions options;
  options.threads = args.threads;
  options.ref_date = args.ref_date;
  options.max_bytes = args.max_bytes;
  options.progress = !args.quiet && ::isatty(2);
  RunSummary summary = RunBatch(*loaded->pipeline, source, options, [&](DocResult& r) {
    if (!r.status.ok()) return;
    if (mentions) mentions->Write(r.doc, r.ann);
    graph.Merge(BuildFragment(r.doc, r.ann));
  });
  summary.failures.insert(summary.failures.begin(), list_failures.begin(), list_failures.end());

  Json graph_attrs = {{"name", "policygraph"}, {"documents", summary.documents}};
  std::vector<Status> writes;
  if (mentions) writes.push_back(mentions->Commit());
  if (formats.count("json")) writes.push_back(WriteGraphJson(graph, graph_attrs, args.out_dir + "/graph.json"));
  if (formats.count("graphml")) writes.push_back(WriteGraphmlFile(graph, args.out_dir + "/graph.graphml"));
  if (formats.count("dot")) writes.push_back(WriteDotFile(graph, args.out_dir + "/graph.dot"));
  bool write_failed = false;
  for (const Status& s : writes) {
    if (!s.ok()) {
      std::cerr << "policygraph: " << s.message() << "\n";
      write_failed = true;
    }
  }
  if (!args.quiet) {
    std::cerr << FormatSummary(summary) << "  graph: " << graph.node_count() << " nodes, " << graph.edge_count()
              << " edges -> " << args.out_dir << "/\n";
  }
  if (write_failed) return kExitUsage;
  return summary.failures.empty() ? kExitOk : kExitSomeFailed;
}

}  // namespace

std::function<int()> AddRunCommand(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Process documents into mentions.jsonl and graph files");
  cmd->footer("Example:\n  policygraph run                       # the bundled corpus -> out/\n"
              "  policygraph run reports/ -o graph/ --threads 8 --format json,graphml");
  cmd->add_option("paths", args->paths, "Files or directories (.txt, .md; recursive). Default: the bundled corpus");
  cmd->add_option("-o,--out", args->out_dir, "Output directory")->capture_default_str();
  cmd->add_option("--format", args->formats, "Comma-separated: mentions,json,graphml,dot")->capture_default_str();
  cmd->add_option("--threads", args->threads, "Worker threads (0: all cores)")->capture_default_str();
  cmd->add_option("--ref-date", args->ref_date, "Reference date YYYY-MM-DD for documents that bring none");
  cmd->add_option("--max-bytes", args->max_bytes, "Skip (and report) documents larger than this")->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "No progress line or summary on stderr");
  args->pipeline.Register(cmd);
  return [args] { return Run(*args); };
}

}  // namespace policygraph::cli
