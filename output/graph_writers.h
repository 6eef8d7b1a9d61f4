// Graph writers, one per format: node-link JSON (NetworkX), GraphML (Boost's write_graphml:
// Gephi, yEd, NetworkX), DOT (Boost's write_graphviz: `dot -Tsvg`). All write atomically.
#ifndef POLICYGRAPH_OUTPUT_GRAPH_WRITERS_H_
#define POLICYGRAPH_OUTPUT_GRAPH_WRITERS_H_

#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "pipeline/status.h"

namespace policygraph {

// graph.json: NetworkX node-link data (DESIGN.md §6); `graph_attrs` goes to "graph".
Status WriteGraphJson(const KnowledgeGraph& g, const Json& graph_attrs, const std::string& path);

// graph.graphml: typed keys; list-valued attributes as JSON strings; the node id in `node_id`.
void WriteGraphml(const KnowledgeGraph& g, std::ostream& out);
Status WriteGraphmlFile(const KnowledgeGraph& g, const std::string& path);

// graph.dot: nodes labeled with their label and type, edges with their relation and weight.
void WriteDot(const KnowledgeGraph& g, std::ostream& out);
Status WriteDotFile(const KnowledgeGraph& g, const std::string& path);

// The graph files of a run into `dir`: graph.json, graph.graphml and graph.dot for the formats
// "json", "graphml" and "dot" in `formats` (other names are ignored), written concurrently. One
// status per file written, in that order.
std::vector<Status> WriteGraphFiles(const KnowledgeGraph& g, const Json& graph_attrs, const std::string& dir,
                                    const std::set<std::string>& formats);

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_GRAPH_WRITERS_H_
