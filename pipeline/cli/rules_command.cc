// `policygraph rules list|test|explain`: tools for rule authors.
#include <iostream>

#include "output/mention_json.h"
#include "pipeline/cli/commands.h"
#include "pipeline/rules/example_check.h"
#include "pipeline/rules/normalizer.h"

namespace policygraph::cli {
namespace {

struct RulesArgs {
  PipelineOptions pipeline;
  std::string prefix;
  std::string text;
  std::string ref_date = kExampleRefDate;
  bool json = false;
};

// A relation end as a reader knows it: its text, or for an endpoint the relations stage made
// (a country from a lexicon code, a plan's period, the document), its type and value.
std::string EndText(const Mention& m) {
  if (!m.internal || m.rule == "relations.reference") return m.text;
  return "[" + m.type + " " + (m.value.is_string() ? m.value.get<std::string>() : m.value.dump()) + "]";
}

// For a reference phrase ("the company", "it"): the entity it was resolved to; else "".
std::string RefersTo(const Mention& m) {
  if (m.rule != "relations.reference") return "";
  return m.type + " " + (m.value.is_string() ? m.value.get<std::string>() : m.value.dump());
}

// A relation end for people: its text, and what a reference phrase stands for.
std::string ShowEnd(const Mention& m) {
  const std::string target = RefersTo(m);
  return "'" + EndText(m) + "'" + (target.empty() ? "" : " (= " + target + ")");
}

int List(const RulesArgs& args) {
  auto loaded = LoadPipeline(args.pipeline);
  if (!loaded) return kExitUsage;
  for (const CompiledRule& r : loaded->book->rules()) {
    if (!args.prefix.empty() && !r.rule.id.starts_with(args.prefix)) continue;
    std::cout << r.rule.id << "\t" << r.rule.stage << "\t" << r.rule.type << "\t" << r.rule.where.ToString() << "\n";
  }
  return kExitOk;
}

int Test(const RulesArgs& args) {
  PipelineOptions options = args.pipeline;
  options.validate_all = true;
  auto loaded = LoadPipeline(options);
  if (!loaded) return kExitUsage;
  ExampleReport report = CheckExamples(*loaded->book, *loaded->pipeline, args.prefix);
  for (const ExampleFailure& f : report.failures) std::cout << "FAIL " << f.ToString() << "\n";
  std::cout << (report.examples - report.failures.size()) << " passed, " << report.failures.size() << " failed ("
            << loaded->book->rules().size() << " rules)\n";
  return report.failures.empty() ? kExitOk : kExitSomeFailed;
}

int Explain(const RulesArgs& args) {
  auto loaded = LoadPipeline(args.pipeline);
  if (!loaded) return kExitUsage;
  Document doc;
  doc.id = "explain";
  doc.text = args.text;
  doc.meta.date = args.ref_date;
  doc.meta.date_source = "cli";
  Annotations ann;
  ann.trace = true;
  Status s = loaded->pipeline->Process(doc, ann);
  if (!s.ok()) {
    std::cerr << "policygraph: " << s.message() << "\n";
    return kExitSomeFailed;
  }
  if (args.json) {
    Json out = {{"mentions", Json::array()}, {"rejected", Json::array()}, {"relations", Json::array()}};
    for (const Mention& m : ann.mentions) out["mentions"].push_back(MentionToJson(doc.id, m));
    for (const Rejected& r : ann.rejected) {
      Json j = MentionToJson(doc.id, r.mention);
      j["reason"] = r.reason;
      out["rejected"].push_back(j);
    }
    for (const Relation& r : ann.relations) {
      Json j = {{"subject", EndText(r.subject)}, {"relation", r.label}, {"object", EndText(r.object)},
                {"attrs", r.attrs}, {"rule", r.rule}, {"sentence", r.sentence}};
      if (!r.trigger.empty()) j["trigger"] = r.trigger;
      if (std::string t = RefersTo(r.subject); !t.empty()) j["subject_refers_to"] = t;
      if (std::string t = RefersTo(r.object); !t.empty()) j["object_refers_to"] = t;
      out["relations"].push_back(std::move(j));
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "mentions:\n";
  for (const Mention& m : ann.mentions) {
    std::cout << "  [" << m.span.start << "," << m.span.end << ") " << m.type << " '" << m.text
              << "' = " << m.value.dump();
    if (!m.mod.empty()) std::cout << " mod=" << m.mod;
    if (!m.unit.empty()) std::cout << " unit='" << m.unit << "'";
    if (m.attrs.is_object() && !m.attrs.empty()) std::cout << " attrs=" << m.attrs.dump();
    std::cout << "  (rule " << m.rule << ", sentence " << m.sentence << ")\n";
  }
  if (!ann.relations.empty()) {
    std::cout << "relations:\n";
    for (const Relation& r : ann.relations) {
      std::cout << "  " << ShowEnd(r.subject) << " --" << r.label << "--> " << ShowEnd(r.object);
      if (r.attrs.is_object()) std::cout << " " << r.attrs.dump();
      std::cout << "  (rule " << r.rule;
      if (!r.trigger.empty()) std::cout << ", trigger '" << r.trigger << "'";
      std::cout << ", sentence " << r.sentence << ")\n";
    }
  }
  if (!ann.rejected.empty()) {
    std::cout << "lost an overlap:\n";
    for (const Rejected& r : ann.rejected) {
      std::cout << "  [" << r.mention.span.start << "," << r.mention.span.end << ") " << r.mention.type << " '"
                << r.mention.text << "' (rule " << r.mention.rule << "): " << r.reason << "\n";
    }
  }
  return kExitOk;
}

}  // namespace

std::function<int()> AddRulesCommand(CLI::App& app) {
  auto args = std::make_shared<RulesArgs>();
  CLI::App* cmd = app.add_subcommand("rules", "List, test and explain extraction rules");
  cmd->require_subcommand(1);
  CLI::App* list = cmd->add_subcommand("list", "Every rule: id, stage, type, file:line");
  list->add_option("--prefix", args->prefix, "Only rules whose id starts with this");
  args->pipeline.Register(list);
  CLI::App* test = cmd->add_subcommand("test", "Run every rule's examples and negatives");
  test->add_option("--prefix", args->prefix, "Only rules whose id starts with this");
  test->footer("Example:\n  policygraph rules test --rules my-rules/");
  CLI::App* explain = cmd->add_subcommand("explain", "Show every mention found in TEXT, its rule and value, and what lost");
  explain->add_option("text", args->text, "The text to explain")->required();
  AddRefDateOption(explain, args->ref_date)->capture_default_str();
  explain->add_flag("--json", args->json, "Machine-readable output");
  explain->footer("Example:\n  policygraph rules explain \"Made in China 2025, released in 2015\"");
  // --rules/--stages belong to each rules subcommand; register on test and explain too.
  PipelineOptions* shared = &args->pipeline;
  test->add_option("--rules", shared->rule_dirs, "Directory of extra *.yaml rule files (repeatable)")->type_name("DIR");
  explain->add_option("--rules", shared->rule_dirs, "Directory of extra *.yaml rule files (repeatable)")->type_name("DIR");
  return [args, list, test, explain] {
    if (list->parsed()) return List(*args);
    if (test->parsed()) return Test(*args);
    if (explain->parsed()) return Explain(*args);
    return kExitUsage;
  };
}

}  // namespace policygraph::cli
