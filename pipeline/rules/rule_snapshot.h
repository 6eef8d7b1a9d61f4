// The default rule files parsed at build time: a CBOR snapshot of their RuleFile structures, so a
// process reads its defaults without parsing YAML (most of loading). Built by
// pipeline/rules/snapshot/rule_snapshot_main.cc after it has validated every default rule.
#ifndef POLICYGRAPH_PIPELINE_RULES_RULE_SNAPSHOT_H_
#define POLICYGRAPH_PIPELINE_RULES_RULE_SNAPSHOT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/rules/rule.h"

namespace policygraph {

// The snapshot of `files` (CBOR bytes).
std::string SnapshotRuleFiles(const std::vector<RuleFile>& files);

// The files of a snapshot; nullopt when `snapshot` is empty or not one (then parse the YAML).
std::optional<std::vector<RuleFile>> RuleFilesFromSnapshot(std::string_view snapshot);

// The snapshot compiled into this binary, empty in the tool that makes it.
std::string_view EmbeddedRuleSnapshot();

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_RULE_SNAPSHOT_H_
