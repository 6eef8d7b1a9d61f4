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
#include <sstream>

#include "graph/node_link.h"
#include "output/atomic_file.h"
#include "output/graph_writers.h"
#include "pipeline/cli/commands.h"
#include "pipeline/reader.h"

namespace policygraph::cli {
namespace {

struct MergeArgs {
  std::vector<std::string> inputs;
  std::string out_dir = "out";
  std::string formats = "json,graphml,dot";
  bool dot_mentions = false;
  bool quiet = false;
};

struct MergeState {
  KnowledgeGraph graph;
  std::ostream* mentions = nullptr;  // mentions.jsonl, when asked for
  size_t records = 0;
  size_t failures = 0;
  size_t lost_inputs = 0;  // inputs of which nothing could be read
};

// Adds one node-link object (a graph file, or the `fragment` of a record) to the graph, and a
// record's mentions to mentions.jsonl.
Status AddData(const Json& data, MergeState& st) {
  if (!data.is_object()) return Status::InvalidArgument("not a JSON object");
  const bool record = data.contains("fragment");
  StatusOr<KnowledgeGraph> g = FromNodeLink(record ? data["fragment"] : data);
  if (!g.ok()) return g.status();
  st.graph.Merge(*g);
  if (record && st.mentions != nullptr && data.contains("mentions") && data["mentions"].is_array()) {
    for (const Json& m : data["mentions"]) *st.mentions << m.dump() << '\n';
  }
  ++st.records;
  return Status::Ok();
}

void Report(const std::string& where, const Status& s, MergeState& st) {
  std::cerr << "policygraph merge: " << where << ": " << s.message() << "\n";
  ++st.failures;
}

// Parses one JSON text, refusing nesting deeper than kMaxJsonDepth before the parser sees it.
Status ParseJson(std::string_view text, Json* out) {
  if (Status s = CheckJsonDepth(text); !s.ok()) return s;
  *out = Json::parse(text, nullptr, false);
  if (out->is_discarded()) return Status::InvalidArgument("not JSON");
  return Status::Ok();
}

// A whole JSON document (graph.json, which spans lines) or JSON Lines (one record per line): the
// first non-blank line tells which. A bad line is reported and skipped; the rest still counts. An
// input whose first line is neither is lost as a whole.
void AddStream(std::istream& in, const std::string& name, MergeState& st) {
  std::string line;
  size_t n = 0;
  bool first = true;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json rec;
    Status parsed = ParseJson(line, &rec);
    if (first && !parsed.ok()) {
      std::ostringstream rest;
      rest << line << '\n' << in.rdbuf();
      Json whole;
      Status s = ParseJson(rest.str(), &whole);
      if (s.ok()) s = AddData(whole, st);
      if (!s.ok()) {
        ++st.lost_inputs;
        const std::string why = s.message() == "not JSON" ? "neither JSON nor JSON Lines" : s.message();
        Report(name, Status::InvalidArgument(why), st);
      }
      return;
    }
    first = false;
    if (parsed.ok()) parsed = AddData(rec, st);
    if (!parsed.ok()) Report(name + ":" + std::to_string(n), parsed, st);
  }
  if (in.bad()) {
    ++st.lost_inputs;
    Report(name, Status::IoError("read error"), st);
  }
}

int Merge(const MergeArgs& args) {
  const std::optional<std::set<std::string>> parsed = ParseFormats(args.formats, "policygraph merge");
  if (!parsed) return kExitUsage;
  const std::set<std::string>& formats = *parsed;
  if (!PrepareOutputDir(args.out_dir, "policygraph merge")) return kExitSomeFailed;
  MergeState st;
  // Every output is written to a temporary file; they replace the previous outputs together, at
  // the end, and only if all of them were written.
  OutputSet outputs;
  if (formats.count("mentions")) {
    AtomicFile& mentions = outputs.Add(args.out_dir + "/mentions.jsonl");
    if (!mentions.status().ok()) {
      std::cerr << "policygraph merge: " << mentions.status().message() << "\n";
      return kExitSomeFailed;
    }
    st.mentions = &mentions.stream();
  }
  std::vector<std::string> inputs = args.inputs.empty() ? std::vector<std::string>{"-"} : args.inputs;
  for (const std::string& in : inputs) {
    if (in == "-") {
      AddStream(std::cin, "<stdin>", st);
      continue;
    }
    std::error_code dir_ec;
    if (std::filesystem::is_directory(in, dir_ec)) {
      ++st.lost_inputs;
      Report(in, Status::InvalidArgument("is a directory (give the fragment files)"), st);
      continue;
    }
    std::ifstream f(in, std::ios::binary);
    if (!f) {
      ++st.lost_inputs;
      Report(in, Status::IoError(std::string("cannot open (") + std::strerror(errno) + ")"), st);
      continue;
    }
    AddStream(f, in, st);
  }
  // A merge that lost an input would be a graph without that shard: nothing is written.
  const bool nothing_valid = st.lost_inputs > 0 || (st.records == 0 && st.failures > 0);
  Status written = Status::Ok();
  if (nothing_valid) {
    std::cerr << "policygraph merge: " << (st.lost_inputs > 0 ? "an input could not be read" : "nothing valid to merge")
              << ": nothing written, previous outputs in " << args.out_dir << "/ kept\n";
  } else {
    Json attrs = {{"name", "policygraph"}, {"documents", st.graph.document_count()}};
    written = WriteGraphFiles(st.graph, attrs, args.out_dir, formats, outputs, {.mentions = args.dot_mentions});
    if (written.ok()) written = outputs.Commit();
    if (!written.ok()) std::cerr << "policygraph merge: " << written.message() << "; previous outputs kept\n";
  }
  if (!args.quiet) {
    std::cerr << "policygraph merge: " << inputs.size() << " inputs, " << st.records << " fragments, "
              << st.graph.document_count() << " documents, " << st.graph.node_count() << " nodes, "
              << st.graph.edge_count() << " edges, " << st.failures << " failed"
              << (nothing_valid ? std::string() : " -> " + args.out_dir + "/") << "\n";
  }
  return st.failures == 0 && written.ok() ? kExitOk : kExitSomeFailed;
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
  cmd->add_flag("-q,--quiet", args->quiet, "No summary on stderr");
  return [args] { return Merge(*args); };
}

}  // namespace policygraph::cli
