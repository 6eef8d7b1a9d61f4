// Runs rule examples as tests (the Duckling idea): each example text goes through the whole
// pipeline; each expected mention must be found exactly once with its value, and a negative text
// must yield no mention of the rule's type. Used by `policygraph rules test` and the test suite.
#ifndef POLICYGRAPH_PIPELINE_RULES_EXAMPLE_CHECK_H_
#define POLICYGRAPH_PIPELINE_RULES_EXAMPLE_CHECK_H_

#include <string>
#include <vector>

#include "pipeline/core/pipeline.h"
#include "pipeline/rules/rule_book.h"

namespace policygraph {

// The reference date examples are resolved against unless they give their own.
inline constexpr char kExampleRefDate[] = "2013-02-12";

struct ExampleFailure {
  std::string where;    // file:line
  std::string rule_id;
  std::string text;     // the example text
  std::string message;  // "no match", "ambiguous: ...", "value: got X, want Y", "negative matched ..."
  std::string ToString() const;
};

struct ExampleReport {
  size_t examples = 0;   // texts checked (positive and negative)
  std::vector<ExampleFailure> failures;
};

// Checks every example and negative of every rule in `book` (or only rules whose id starts with
// `id_prefix`) with `pipeline`.
ExampleReport CheckExamples(const RuleBook& book, const Pipeline& pipeline, const std::string& id_prefix = "");

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_EXAMPLE_CHECK_H_
