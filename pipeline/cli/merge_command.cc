// `policygraph merge`: merges graph fragments (`extract --records` lines, or graph.json files) into
// the graph files. Merging is associative and commutative, so any sharding of a corpus merges to
// the same graph, byte for byte, as one `run` over it. Inputs are streamed: JSON Lines are read one
// record at a time, so memory holds the graph, not the fragments.
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "graph/node_link.h"
#include "output/atomic_file.h"
#include "output/graph_writers.h"
#include "pipeline/cli/commands.h"

namespace policygraph::cli {
namespace {

struct MergeArgs {
  std::vector<std::string> inputs;
  std::string out_dir = "out";
  std::string formats = "json,graphml,dot";
  bool quiet = false;
};

struct MergeState {
  KnowledgeGraph graph;
  std::ostream* mentions = nullptr;  // mentions.jsonl, when asked for
  size_t records = 0;
  size_t failures = 0;
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

// A whole JSON document (graph.json, which spans lines) or JSON Lines (one record per line): the
// first non-blank line tells which. A bad line is reported and skipped; the rest still counts.
void AddStream(std::istream& in, const std::string& name, MergeState& st) {
  std::string line;
  size_t n = 0;
  bool first = true;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json rec = Json::parse(line, nullptr, false);
    if (first && rec.is_discarded()) {
      std::ostringstream rest;
      rest << line << '\n' << in.rdbuf();
      Json whole = Json::parse(rest.str(), nullptr, false);
      if (whole.is_discarded()) return Report(name, Status::InvalidArgument("neither JSON nor JSON Lines"), st);
      if (Status s = AddData(whole, st); !s.ok()) Report(name, s, st);
      return;
    }
    first = false;
    if (rec.is_discarded()) {
      Report(name + ":" + std::to_string(n), Status::InvalidArgument("not JSON"), st);
      continue;
    }
    if (Status s = AddData(rec, st); !s.ok()) Report(name + ":" + std::to_string(n), s, st);
  }
}

size_t DocumentNodes(const KnowledgeGraph& graph) {
  size_t n = 0;
  for (auto v : boost::make_iterator_range(boost::vertices(graph.graph()))) n += graph.graph()[v].type == "DOCUMENT";
  return n;
}

int Merge(const MergeArgs& args) {
  std::set<std::string> formats;
  std::stringstream ss(args.formats);
  for (std::string f; std::getline(ss, f, ',');) {
    if (f != "mentions" && f != "json" && f != "graphml" && f != "dot") {
      std::cerr << "policygraph merge: unknown format '" << f << "' (valid: mentions, json, graphml, dot)\n";
      return kExitUsage;
    }
    formats.insert(f);
  }
  std::error_code ec;
  std::filesystem::create_directories(args.out_dir, ec);
  if (ec) {
    std::cerr << "policygraph merge: " << args.out_dir << ": cannot create output directory: " << ec.message() << "\n";
    return kExitUsage;
  }
  MergeState st;
  std::unique_ptr<AtomicFile> mentions;
  if (formats.count("mentions")) {
    mentions = std::make_unique<AtomicFile>(args.out_dir + "/mentions.jsonl");
    if (!mentions->status().ok()) {
      std::cerr << "policygraph merge: " << mentions->status().message() << "\n";
      return kExitUsage;
    }
    st.mentions = &mentions->stream();
  }
  std::vector<std::string> inputs = args.inputs.empty() ? std::vector<std::string>{"-"} : args.inputs;
  for (const std::string& in : inputs) {
    if (in == "-") {
      AddStream(std::cin, "<stdin>", st);
      continue;
    }
    std::ifstream f(in, std::ios::binary);
    if (!f) {
      Report(in, Status::IoError("cannot open"), st);
      continue;
    }
    AddStream(f, in, st);
  }
  Json attrs = {{"name", "policygraph"}, {"documents", DocumentNodes(st.graph)}};
  std::vector<Status> writes;
  if (mentions) writes.push_back(mentions->Commit());
  for (Status& s : WriteGraphFiles(st.graph, attrs, args.out_dir, formats)) writes.push_back(std::move(s));
  for (const Status& s : writes) {
    if (!s.ok()) {
      std::cerr << "policygraph merge: " << s.message() << "\n";
      return kExitUsage;
    }
  }
  if (!args.quiet) {
    std::cerr << "policygraph merge: " << inputs.size() << " inputs, " << st.records << " fragments, "
              << DocumentNodes(st.graph) << " documents, " << st.graph.node_count() << " nodes, "
              << st.graph.edge_count() << " edges, " << st.failures << " failed -> " << args.out_dir << "/\n";
  }
  return st.failures ? kExitSomeFailed : kExitOk;
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
  cmd->add_flag("-q,--quiet", args->quiet, "No summary on stderr");
  return [args] { return Merge(*args); };
}

}  // namespace policygraph::cli
