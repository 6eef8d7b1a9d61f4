// The policygraph subcommands. Each registers its options on a CLI11 app and returns the process
// exit code: 0 success, 1 some documents (or examples) failed, 2 usage or configuration error.
#ifndef POLICYGRAPH_PIPELINE_CLI_COMMANDS_H_
#define POLICYGRAPH_PIPELINE_CLI_COMMANDS_H_

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "pipeline/pipeline.h"
#include "pipeline/rules/rule_book.h"

namespace policygraph::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFailed = 1;
inline constexpr int kExitUsage = 2;

// Options every command that runs the pipeline shares.
struct PipelineOptions {
  std::vector<std::string> rule_dirs;
  std::string stages;  // comma-separated; empty: the default order
  void Register(CLI::App* app);
};

// The rule book and pipeline for `opts`, or a message on stderr and nullopt.
struct LoadedPipeline {
  std::unique_ptr<RuleBook> book;
  std::unique_ptr<Pipeline> pipeline;
};
std::optional<LoadedPipeline> LoadPipeline(const PipelineOptions& opts);

// The output formats named in the comma-separated `list` (mentions, json, graphml, dot), or a
// message on stderr that names `command` and nullopt when one is unknown.
std::optional<std::set<std::string>> ParseFormats(const std::string& list, std::string_view command);

// The bundled corpus directory (corpora/ of the source tree, or ./corpora).
std::string BundledCorpus();

// Each returns the callback that runs the command after parsing.
std::function<int()> AddRunCommand(CLI::App& app);
std::function<int()> AddExtractCommand(CLI::App& app);
std::function<int()> AddMergeCommand(CLI::App& app);
std::function<int()> AddRulesCommand(CLI::App& app);
std::function<int()> AddEvalCommand(CLI::App& app);

}  // namespace policygraph::cli

#endif  // POLICYGRAPH_PIPELINE_CLI_COMMANDS_H_
