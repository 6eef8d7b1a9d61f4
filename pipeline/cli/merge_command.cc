// `policygraph merge`: merges graph fragments (graph.json files, or `extract --fragments` lines)
// into one graph. Merging is associative and commutative, so any sharding gives the same graph.
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "graph/node_link.h"
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

// Adds one node-link object (a graph file, or the `fragment` of an extract record) to `graph`.
Status AddData(const Json& data, KnowledgeGraph& graph, std::set<std::string>& documents) {
  const Json& nl = data.contains("fragment") ? data["fragment"] : data;
  StatusOr<KnowledgeGraph> g = FromNodeLink(nl);
  if (!g.ok()) return g.status();
  for (auto v : g->SortedVertices()) {
    if (g->graph()[v].type == "DOCUMENT") documents.insert(g->graph()[v].id);
  }
  graph.Merge(*g);
  return Status::Ok();
}

Status AddStream(std::istream& in, const std::string& name, KnowledgeGraph& graph, std::set<std::string>& documents) {
  // A whole JSON document (graph.json), or JSON Lines (one fragment per line).
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string all = ss.str();
  Json whole = Json::parse(all, nullptr, false);
  if (!whole.is_discarded()) {
    Status s = AddData(whole, graph, documents);
    return s.ok() ? s : Status::InvalidArgument(name + ": " + s.message());
  }
  std::istringstream lines(all);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json rec = Json::parse(line, nullptr, false);
    if (rec.is_discarded()) return Status::InvalidArgument(name + ":" + std::to_string(n) + ": not JSON");
    Status s = AddData(rec, graph, documents);
    if (!s.ok()) return Status::InvalidArgument(name + ":" + std::to_string(n) + ": " + s.message());
  }
  return Status::Ok();
}

int Merge(const MergeArgs& args) {
  KnowledgeGraph graph;
  std::set<std::string> documents;
  int failed = 0;
  std::vector<std::string> inputs = args.inputs.empty() ? std::vector<std::string>{"-"} : args.inputs;
  for (const std::string& in : inputs) {
    Status s;
    if (in == "-") {
      s = AddStream(std::cin, "<stdin>", graph, documents);
    } else {
      std::ifstream f(in);
      s = f ? AddStream(f, in, graph, documents) : Status::IoError(in + ": cannot open");
    }
    if (!s.ok()) {
      std::cerr << "policygraph merge: " << s.message() << "\n";
      ++failed;
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(args.out_dir, ec);
  Json attrs = {{"name", "policygraph"}, {"documents", documents.size()}};
  std::vector<Status> writes;
  if (args.formats.find("json") != std::string::npos) writes.push_back(WriteGraphJson(graph, attrs, args.out_dir + "/graph.json"));
  if (args.formats.find("graphml") != std::string::npos) writes.push_back(WriteGraphmlFile(graph, args.out_dir + "/graph.graphml"));
  if (args.formats.find("dot") != std::string::npos) writes.push_back(WriteDotFile(graph, args.out_dir + "/graph.dot"));
  for (const Status& s : writes) {
    if (!s.ok()) {
      std::cerr << "policygraph merge: " << s.message() << "\n";
      return kExitUsage;
    }
  }
  if (!args.quiet) {
    std::cerr << "policygraph merge: " << inputs.size() << " inputs, " << graph.node_count() << " nodes, "
              << graph.edge_count() << " edges -> " << args.out_dir << "/\n";
  }
  return failed ? kExitSomeFailed : kExitOk;
}

}  // namespace

std::function<int()> AddMergeCommand(CLI::App& app) {
  auto args = std::make_shared<MergeArgs>();
  CLI::App* cmd = app.add_subcommand("merge", "Merge graph fragments (graph.json files or extract --fragments lines)");
  cmd->footer("Example:\n  policygraph extract - --fragments < shard1.jsonl > f1.jsonl\n"
              "  policygraph merge f1.jsonl f2.jsonl -o out/");
  cmd->add_option("inputs", args->inputs, "Fragment files (graph.json or JSON Lines), - for stdin (default)");
  cmd->add_option("-o,--out", args->out_dir, "Output directory")->capture_default_str();
  cmd->add_option("--format", args->formats, "Comma-separated: json,graphml,dot")->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "No summary on stderr");
  return [args] { return Merge(*args); };
}

}  // namespace policygraph::cli
