// The default rule files (stages/*/*.yaml and the TSV lexicons beside them), compiled into the
// binary by cmake/embed_rules.cmake so policygraph runs from any directory.
#ifndef POLICYGRAPH_PIPELINE_RULES_EMBEDDED_H_
#define POLICYGRAPH_PIPELINE_RULES_EMBEDDED_H_

#include <span>
#include <string_view>

namespace policygraph {

struct EmbeddedFile {
  std::string_view path;     // relative to the source tree, e.g. "stages/money/rules.yaml"
  std::string_view content;
};

std::span<const EmbeddedFile> EmbeddedRuleFiles();

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_EMBEDDED_H_
