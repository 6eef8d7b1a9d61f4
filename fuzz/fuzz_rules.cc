// Fuzzes the rule loader: the bytes are one user rule file (YAML) loaded by RuleBook::FromSources, and a book that loads runs over a sample text.
//
// The file is loaded alone (no default rules: parsing and compiling them on every input would
// leave a few inputs a minute), as `--rules DIR` loads a user file: every node's shape, params,
// regexes, macros, lexicons and examples are validated here. When it loads, its rule-only stages run
// behind normalize and sentences over a sample text, so the rules' patterns, params and
// normalizers are exercised too. A load error (a bad Status, `file:line: ...`) is expected; a
// crash, an uncaught exception, a sanitizer report, a leak or a hang is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "pipeline/core/pipeline.h"
#include "pipeline/rules/rule_book.h"
#include "pipeline/core/stage_registry.h"

namespace {

using namespace policygraph;

constexpr const char* kSample =
    "The Department of Energy (DOE) shall invest $1.5 billion by 2030 in 12 research centers in "
    "Denver, Colorado. Its National Climate Plan raises funding by 25% over 5 years.\n\n"
    "On March 3, 2024, the Agency announced a program for advanced manufacturing; it expires in 2027.";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A lexicon `file:` is looked up beside the rule file: in the scratch directory, which is empty.
  const std::string path = fuzz::ScratchDir() + "/rules/fuzz.yaml";
  RuleSource source{path, std::string(reinterpret_cast<const char*>(data), size), false};
  StatusOr<RuleBook> book = RuleBook::FromSources({}, {source});
  if (!book.ok()) return 0;
  std::vector<std::string> names = {"normalize", "sentences"};
  for (const std::string& stage : book->stages()) {
    if (FindCodeStage(stage) == nullptr) names.push_back(stage);
  }
  StatusOr<Pipeline> pipeline = Pipeline::Build(names, *book);
  if (!pipeline.ok()) return 0;
  Document doc;
  doc.id = "sample";
  doc.source = "sample.txt";
  doc.text = kSample;
  doc.meta.date = "2024-01-01";
  Annotations ann;
  ann.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  (void)pipeline->Process(doc, ann);
  return 0;
}
