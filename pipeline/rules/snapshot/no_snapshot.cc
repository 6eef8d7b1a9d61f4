// The snapshot tool's own build has no snapshot yet: it reads the defaults from YAML.
#include "pipeline/rules/rule_snapshot.h"

namespace policygraph {

std::string_view EmbeddedRuleSnapshot() { return {}; }

}  // namespace policygraph
