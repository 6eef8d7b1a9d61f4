// The policygraph subcommands. Each registers its options on a CLI11 app and returns the process
// exit code: 0 success; 1 some input failed (a document, a path, a merge input, an example) or an
// output could not be written (disk full, no permission: the errno text is printed); 2 usage or
// configuration error (a bad option or date, a broken rule file, an unknown stage).
#ifndef POLICYGRAPH_PIPELINE_CLI_COMMANDS_H_
#define POLICYGRAPH_PIPELINE_CLI_COMMANDS_H_

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "pipeline/core/pipeline.h"
#include "pipeline/rules/rule_book.h"

namespace policygraph::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitSomeFailed = 1;
inline constexpr int kExitUsage = 2;

// --threads above this is a usage error (thousands of threads only exhaust memory and stacks).
inline constexpr int kMaxThreads = 256;

// --threads N: 0 (all cores) to kMaxThreads.
CLI::Option* AddThreadsOption(CLI::App* app, int& threads);
// --ref-date DATE: a real calendar date YYYY-MM-DD (or YYYY-MM, YYYY), else a usage error.
CLI::Option* AddRefDateOption(CLI::App* app, std::string& date);
// --max-bytes N: a non-negative number of bytes.
CLI::Option* AddMaxBytesOption(CLI::App* app, uint64_t& max_bytes);
// --max-pages N: a PDF with more pages is refused (1 or more).
CLI::Option* AddMaxPagesOption(CLI::App* app, int& max_pages);
// --graph-memory MIB: the graph held in memory before it spills to disk (0 to 2^30).
inline constexpr size_t kDefaultGraphMemoryMib = 32;
CLI::Option* AddGraphMemoryOption(CLI::App* app, size_t& mib);

// Creates the output directory and removes the temporaries killed runs left there; false (with a
// message on stderr naming `command`) when the directory cannot be created.
bool PrepareOutputDir(const std::string& dir, std::string_view command);

// Options every command that runs the pipeline shares.
struct PipelineOptions {
  std::vector<std::string> rule_dirs;
  std::string stages;  // comma-separated; empty: the default order
  bool validate_all = false;  // compile and check the default rules at load too (`rules test`)
  void Register(CLI::App* app);
};

// The rule book and pipeline for `opts`, or a message on stderr and nullopt.
struct LoadedPipeline {
  std::unique_ptr<RuleBook> book;
  std::unique_ptr<Pipeline> pipeline;
};
std::optional<LoadedPipeline> LoadPipeline(const PipelineOptions& opts);

// The output formats named in the comma-separated `list` (mentions, json, graphml, dot, and html
// when `html`), or a message on stderr that names `command` and nullopt when one is unknown.
std::optional<std::set<std::string>> ParseFormats(const std::string& list, std::string_view command,
                                                  bool html = false);

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
