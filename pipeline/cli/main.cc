// policygraph: policy documents in, a knowledge graph out. See README.md.
#include <iostream>

#include "pipeline/cli/commands.h"

int main(int argc, char** argv) {
  using namespace policygraph::cli;
  CLI::App app{"policygraph: extract plans, programs, centers, organizations, sectors, places and the figures "
               "around them from policy documents into a knowledge graph.\n\n"
               "Example:\n  policygraph run reports/ -o out/ --threads 4\n"
               "  policygraph rules explain \"a 300 billion U.S. dollar (USD) investment over 2016-2020\"",
               "policygraph"};
  app.set_version_flag("--version", std::string("policygraph ") + PG_VERSION);
  app.require_subcommand(1);
  std::vector<std::pair<CLI::App*, std::function<int()>>> commands;
  auto add = [&](std::function<int()> (*adder)(CLI::App&)) {
    size_t before = app.get_subcommands({}).size();
    auto run = adder(app);
    commands.emplace_back(app.get_subcommands({})[before], std::move(run));
  };
  add(&AddRunCommand);
  add(&AddExtractCommand);
  add(&AddMergeCommand);
  add(&AddRulesCommand);
  add(&AddEvalCommand);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  for (auto& [sub, run] : commands) {
    if (sub->parsed()) return run();
  }
  return kExitUsage;
}
