// The graph JSON contract (DESIGN.md §6): NetworkX node-link data, both directions, so a
// written graph (or a per-document fragment) can be read back and merged.
#ifndef POLICYGRAPH_GRAPH_NODE_LINK_H_
#define POLICYGRAPH_GRAPH_NODE_LINK_H_

#include "graph/knowledge_graph.h"
#include "pipeline/core/status.h"

namespace policygraph {

// {"directed":true,"multigraph":true,"graph":{...},"nodes":[...],"edges":[...]}, sorted.
// `graph_attrs` goes to "graph" (an object).
Json ToNodeLink(const KnowledgeGraph& g, const Json& graph_attrs);
// Reads what ToNodeLink wrote. Errors name the first bad node or edge.
StatusOr<KnowledgeGraph> FromNodeLink(const Json& data);

}  // namespace policygraph

#endif  // POLICYGRAPH_GRAPH_NODE_LINK_H_
