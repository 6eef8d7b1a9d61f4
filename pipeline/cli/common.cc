#include <filesystem>
#include <iostream>
#include <sstream>

#include "output/atomic_file.h"
#include "pipeline/cli/commands.h"
#include "pipeline/input/reader.h"

namespace policygraph::cli {

void PipelineOptions::Register(CLI::App* app) {
  app->add_option("--rules", rule_dirs, "Directory of extra *.yaml rule files (repeatable); a rule with an "
                                        "existing id replaces the default")
      ->type_name("DIR");
  app->add_option("--stages", stages, "Comma-separated stage list (default: every stage, in the default order)");
}

CLI::Option* AddThreadsOption(CLI::App* app, int& threads) {
  return app->add_option("--threads", threads, "Worker threads (0: all cores; at most " + std::to_string(kMaxThreads) + ")")
      ->capture_default_str()
      ->check(CLI::Range(0, kMaxThreads));
}

CLI::Option* AddRefDateOption(CLI::App* app, std::string& date) {
  return app->add_option("--ref-date", date, "Reference date YYYY-MM-DD for documents that bring none")
      ->check(CLI::Validator(
          [](std::string& s) { return IsValidDate(s) ? std::string() : "not a calendar date YYYY-MM-DD: " + s; },
          "DATE"));
}

CLI::Option* AddMaxBytesOption(CLI::App* app, uint64_t& max_bytes) {
  return app->add_option("--max-bytes", max_bytes,
                         "Skip (and report) documents larger than this; larger files are not read past it")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& s) {
            const bool digits = !s.empty() && s.size() <= 19 && s.find_first_not_of("0123456789") == std::string::npos;
            return digits ? std::string() : "not a number of bytes (0 or more): " + s;
          },
          "BYTES"));
}

CLI::Option* AddMaxPagesOption(CLI::App* app, int& max_pages) {
  return app->add_option("--max-pages", max_pages, "Skip (and report) PDFs of more pages than this; they are not read")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 30));
}

CLI::Option* AddGraphMemoryOption(CLI::App* app, size_t& mib) {
  return app
      ->add_option("--graph-memory", mib,
                   "Hold at most about this many MiB of graph in memory; beyond it the graph goes to sorted runs "
                   "(unnamed files in the output directory), merged as the graph files are written")
      ->capture_default_str()
      ->check(CLI::Range(size_t{0}, size_t{1} << 30))
      ->type_name("MIB");
}

bool PrepareOutputDir(const std::string& dir, std::string_view command) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << command << ": " << dir << ": cannot create output directory: " << ec.message() << "\n";
    return false;
  }
  RemoveStaleTemporaries(dir, {"mentions.jsonl", "graph.json", "graph.graphml", "graph.dot", "report.html"});
  return true;
}

std::optional<std::set<std::string>> ParseFormats(const std::string& list, std::string_view command, bool html) {
  std::set<std::string> formats;
  std::stringstream ss(list);
  for (std::string f; std::getline(ss, f, ',');) {
    if (f != "mentions" && f != "json" && f != "graphml" && f != "dot" && (f != "html" || !html)) {
      std::cerr << command << ": unknown format '" << f << "' (valid: mentions, json, graphml, dot" << (html ? ", html" : "")
                << ")\n";
      return std::nullopt;
    }
    formats.insert(f);
  }
  return formats;
}

std::optional<LoadedPipeline> LoadPipeline(const PipelineOptions& opts) {
  StatusOr<RuleBook> book = RuleBook::Load(opts.rule_dirs, opts.validate_all);
  if (!book.ok()) {
    std::cerr << "policygraph: rule errors:\n" << book.status().message() << "\n";
    return std::nullopt;
  }
  LoadedPipeline out;
  out.book = std::make_unique<RuleBook>(std::move(book).value());
  std::vector<std::string> names;
  if (opts.stages.empty()) {
    names = Pipeline::DefaultStages(*out.book);
  } else {
    std::stringstream ss(opts.stages);
    for (std::string s; std::getline(ss, s, ',');) {
      if (!s.empty()) names.push_back(s);
    }
  }
  StatusOr<Pipeline> pipeline = Pipeline::Build(names, *out.book);
  if (!pipeline.ok()) {
    std::cerr << "policygraph: " << pipeline.status().message() << "\n";
    return std::nullopt;
  }
  out.pipeline = std::make_unique<Pipeline>(std::move(pipeline).value());
  return out;
}

std::string BundledCorpus() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory("corpora", ec)) return "corpora";
  return std::string(PG_SOURCE_DIR) + "/corpora";
}

}  // namespace policygraph::cli
