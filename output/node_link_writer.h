// Streams a graph as node-link JSON (graph/node_link.h) without building it as one JSON value:
// the same bytes as ToNodeLink(g, attrs).dump(1), at a fraction of the time and memory.
#ifndef POLICYGRAPH_OUTPUT_NODE_LINK_WRITER_H_
#define POLICYGRAPH_OUTPUT_NODE_LINK_WRITER_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "graph/knowledge_graph.h"

namespace policygraph {

// Appends `s` as a JSON string, escaped exactly as nlohmann::json::dump escapes it.
void AppendJsonString(std::string& out, std::string_view s);

// Appends `v` as a JSON number.
void AppendJsonInteger(std::string& out, int64_t v);

// Appends `v` as dump() writes it, its strings as AppendJsonString writes them (where dump would
// throw on bytes that are not UTF-8, they become U+FFFD).
void AppendJsonValue(std::string& out, const Json& v);

// Writes ToNodeLink(g, graph_attrs).dump(1) to `out` (no trailing newline), one node or edge at a
// time as `g` gives them.
void WriteNodeLink(const SortedGraph& g, const Json& graph_attrs, std::ostream& out);

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_NODE_LINK_WRITER_H_
