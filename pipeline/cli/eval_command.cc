// `policygraph eval`: runs the pipeline over documents and scores its mentions against gold, with
#include <unistd.h>
#include <filesystem>
// the same figures as ../shared/tools/score.py.
#include <fstream>
#include <iostream>
#include <sstream>

#include "output/mention_json.h"
#include "pipeline/cli/commands.h"
#include "pipeline/input/reader.h"
#include "pipeline/batch/runner.h"
#include "pipeline/eval/scorer.h"

namespace policygraph::cli {
namespace {

struct EvalArgs {
  std::string gold;
  std::vector<std::string> paths;
  std::string types;
  std::vector<std::string> merges;
  std::string system_out;
  bool json = false;
  int threads = 0;
  PipelineOptions pipeline;
};

// OK when every line of the JSON Lines file `path` nests at most kMaxJsonDepth deep; else the
// file:line of the first that does not (a deeper line would exhaust the parser's consumers' stack).
Status CheckJsonLinesDepth(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (Status s = CheckJsonDepth(line); !s.ok()) return Status::InvalidArgument(path + ":" + std::to_string(n) + ": " + s.message());
  }
  return Status::Ok();
}

int Eval(const EvalArgs& args) {
  ScoreOptions options;
  if (!args.types.empty()) {
    options.types.clear();
    std::stringstream ss(args.types);
    for (std::string t; std::getline(ss, t, ',');) options.types.push_back(t);
  }
  for (const std::string& m : args.merges) {  // "DATE,DURATION,SET=TIMEX"
    size_t eq = m.find('=');
    if (eq == std::string::npos) {
      std::cerr << "policygraph eval: --merge takes A,B=FAMILY\n";
      return kExitUsage;
    }
    std::stringstream ss(m.substr(0, eq));
    for (std::string t; std::getline(ss, t, ',');) options.family[t] = m.substr(eq + 1);
  }
  if (Status s = CheckJsonLinesDepth(args.gold); !s.ok()) {
    std::cerr << "policygraph eval: " << s.message() << "\n";
    return kExitUsage;
  }
  auto load_gold = [&]() -> StatusOr<std::vector<ScoredMention>> {
    try {
      return LoadMentions(args.gold, options);
    } catch (const std::exception& e) {  // a field of the wrong type
      return Status::InvalidArgument(args.gold + ": not a mentions file: " + e.what());
    }
  };
  auto gold = load_gold();
  if (!gold.ok()) {
    std::cerr << "policygraph eval: " << gold.status().message() << "\n";
    return kExitUsage;
  }
  auto loaded = LoadPipeline(args.pipeline);
  if (!loaded) return kExitUsage;
  std::vector<InputFailure> failures;
  FileSource source(ListDocumentFiles(args.paths, &failures));
  RunOptions run;
  run.threads = args.threads;
  std::ostringstream system_jsonl;
  RunSummary summary = RunBatch(*loaded->pipeline, source, run, [&](DocResult& r) {
    if (!r.status.ok()) return;
    for (const Mention& m : r.ann.mentions) system_jsonl << MentionToJson(r.doc.id, m).dump() << '\n';
  });
  failures.insert(failures.end(), summary.failures.begin(), summary.failures.end());
  for (const InputFailure& f : failures) std::cerr << "policygraph eval: failed: " << f.source << ": " << f.message << "\n";
  std::string system_path = args.system_out.empty() ? "" : args.system_out;
  if (system_path.empty()) {
    system_path = (std::filesystem::temp_directory_path() / ("policygraph-eval-" + std::to_string(::getpid()) + ".jsonl")).string();
  }
  {
    std::ofstream out(system_path);
    out << system_jsonl.str();
  }
  auto system = LoadMentions(system_path, options);
  if (args.system_out.empty()) std::remove(system_path.c_str());
  if (!system.ok()) {
    std::cerr << "policygraph eval: " << system.status().message() << "\n";
    return kExitUsage;
  }
  ScoreReport report = Score(*gold, *system, options);
  if (args.json) {
    std::cout << report.ToJson().dump() << "\n";
  } else {
    std::cout << report.ToTable();
  }
  return failures.empty() ? kExitOk : kExitSomeFailed;
}

}  // namespace

std::function<int()> AddEvalCommand(CLI::App& app) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* cmd = app.add_subcommand("eval", "Score extraction against gold mentions (P/R/F1 per type, value accuracy)");
  cmd->footer("Example:\n  policygraph eval --gold corpora/nist/nist-mic-summary.gold.jsonl corpora/nist/");
  cmd->add_option("--gold", args->gold, "Gold mentions JSONL")->required();
  cmd->add_option("paths", args->paths, "Documents (files or directories)")->required();
  cmd->add_option("--types", args->types, "Comma-separated types (default DATE,MONEY,PERCENT,COUNT,ORG,PLAN,SECTOR,GPE)");
  cmd->add_option("--merge", args->merges, "A,B,C=FAMILY scores those types as one family (repeatable)");
  cmd->add_option("--system-out", args->system_out, "Also keep the system mentions in this file");
  cmd->add_flag("--json", args->json, "Machine-readable output (the shape of score.py --json)");
  AddThreadsOption(cmd, args->threads);
  args->pipeline.Register(cmd);
  return [args] { return Eval(*args); };
}

}  // namespace policygraph::cli
