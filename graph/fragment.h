// A document's graph fragment: its DOCUMENT node, a node per entity it mentions (MENTIONS edges
// carry each mention as evidence), and its relations with their value nodes. Fragments of any
// split of a corpus merge (KnowledgeGraph::Merge) to the same graph.
#ifndef POLICYGRAPH_GRAPH_FRAGMENT_H_
#define POLICYGRAPH_GRAPH_FRAGMENT_H_

#include <string>

#include "graph/knowledge_graph.h"
#include "pipeline/core/annotations.h"
#include "pipeline/core/document.h"

namespace policygraph {

// The node id of a mention: TYPE:slug(canonical) for entities, TYPE:value[|mod][|unit] for values.
std::string MentionNodeId(const Mention& m);

// The fragment of `doc`. Stops early, with a partial fragment, once `ann.deadline` passed: a caller
// with a deadline checks ann.Expired() after.
KnowledgeGraph BuildFragment(const Document& doc, const Annotations& ann);

}  // namespace policygraph

#endif  // POLICYGRAPH_GRAPH_FRAGMENT_H_
