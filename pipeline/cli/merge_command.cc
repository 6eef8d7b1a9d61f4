// `policygraph merge`: merges graph fragments (`extract --records` lines, or graph.json files) into
// the graph files. Merging is associative and commutative, so any sharding of a corpus merges to
// the same graph, byte for byte, as one `run` over it. Inputs are streamed: JSON Lines are read one
// record at a time, so memory holds the graph, not the fragments. A merge that loses a whole input
// (a path that cannot be opened, a directory, a file that is neither JSON nor JSON Lines) or reads
// nothing valid writes nothing: the previous outputs stay, and the exit code is 1.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "graph/merge_input.h"
#include "output/atomic_file.h"
#include "output/graph_writers.h"
#include "pipeline/cli/commands.h"
#include "pipeline/input/reader.h"

namespace policygraph::cli {
namespace {

struct MergeArgs {
  std::vector<std::string> inputs;
  std::string out_dir = "out";
  std::string formats = "json,graphml,dot";
  bool dot_mentions = false;
  bool quiet = false;
  size_t graph_memory_mib = kDefaultGraphMemoryMib;
};

// Prints what `merge` failed to read since the last call.
void ReportFailures(MergeInput& st) {
  for (const InputFailure& f : st.TakeFailures()) std::cerr << "policygraph merge: " << f.source << ": " << f.message << "\n";
}

int Merge(const MergeArgs& args) {
  const std::optional<std::set<std::string>> parsed = ParseFormats(args.formats, "policygraph merge");
  if (!parsed) return kExitUsage;
  const std::set<std::string>& formats = *parsed;
  if (!PrepareOutputDir(args.out_dir, "policygraph merge")) return kExitSomeFailed;
  // Every output is written to a temporary file; they replace the previous outputs together, at
  // the end, and only if all of them were written.
  OutputSet outputs;
  std::ostream* mentions_out = nullptr;
  if (formats.count("mentions")) {
    AtomicFile& mentions = outputs.Add(args.out_dir + "/mentions.jsonl");
    if (!mentions.status().ok()) {
      std::cerr << "policygraph merge: " << mentions.status().message() << "\n";
      return kExitSomeFailed;
    }
    mentions_out = &mentions.stream();
  }
  MergeInput st(mentions_out, args.out_dir, args.graph_memory_mib << 20);
  std::vector<std::string> inputs = args.inputs.empty() ? std::vector<std::string>{"-"} : args.inputs;
  for (const std::string& in : inputs) {
    std::error_code dir_ec;
    if (in == "-") {
      st.AddStream(std::cin, "<stdin>");
    } else if (std::filesystem::is_directory(in, dir_ec)) {
      st.LoseInput(in, Status::InvalidArgument("is a directory (give the fragment files)"));
    } else if (std::ifstream f(in, std::ios::binary); !f) {
      st.LoseInput(in, Status::IoError(std::string("cannot open (") + std::strerror(errno) + ")"));
    } else {
      st.AddStream(f, in);
    }
    ReportFailures(st);
  }
  // A merge that lost an input would be a graph without that shard: nothing is written.
  const bool nothing_valid = st.lost_inputs() > 0 || (st.records() == 0 && st.failure_count() > 0);
  const Status spilled = st.Finish();
  Status written = spilled;
  if (!spilled.ok()) {
    std::cerr << "policygraph merge: " << written.message() << "; previous outputs kept\n";
  } else if (nothing_valid) {
    std::cerr << "policygraph merge: " << (st.lost_inputs() > 0 ? "an input could not be read" : "nothing valid to merge")
              << ": nothing written, previous outputs in " << args.out_dir << "/ kept\n";
  } else {
    Json attrs = {{"name", "policygraph"}, {"documents", st.graph().document_count()}};
    written = WriteGraphFiles(st.graph(), attrs, args.out_dir, formats, outputs, {.mentions = args.dot_mentions});
    if (written.ok()) written = outputs.Commit();
    if (!written.ok()) std::cerr << "policygraph merge: " << written.message() << "; previous outputs kept\n";
  }
  if (!args.quiet && spilled.ok()) {
    std::cerr << "policygraph merge: " << inputs.size() << " inputs, " << st.records() << " fragments, "
              << st.graph().document_count() << " documents, " << st.graph().node_count() << " nodes, "
              << st.graph().edge_count() << " edges, " << st.failure_count() << " failed"
              << (nothing_valid || !written.ok() ? std::string() : " -> " + args.out_dir + "/") << "\n";
  }
  return st.failure_count() == 0 && written.ok() ? kExitOk : kExitSomeFailed;
}

}  // namespace

std::function<int()> AddMergeCommand(CLI::App& app) {
  auto args = std::make_shared<MergeArgs>();
  CLI::App* cmd = app.add_subcommand("merge", "Merge graph fragments (extract --records lines or graph.json files)");
  cmd->footer("Example:\n  policygraph extract - --records < shard1.jsonl > f1.jsonl\n"
              "  policygraph merge f1.jsonl f2.jsonl -o out/       # same graph files as one run\n"
              "  cat f*.jsonl | policygraph merge - -o out/ --format mentions,json");
  cmd->add_option("inputs", args->inputs, "Fragment files (JSON Lines records, or graph.json), - for stdin (default)");
  cmd->add_option("-o,--out", args->out_dir, "Output directory")->capture_default_str();
  cmd->add_option("--format", args->formats,
                  "Comma-separated: json,graphml,dot, and mentions (the records' mentions, in the order read)")
      ->capture_default_str();
  cmd->add_flag("--dot-mentions", args->dot_mentions, "Draw the MENTIONS edges (document -> node) in graph.dot");
  AddGraphMemoryOption(cmd, args->graph_memory_mib);
  cmd->add_flag("-q,--quiet", args->quiet, "No summary on stderr");
  return [args] { return Merge(*args); };
}

}  // namespace policygraph::cli
