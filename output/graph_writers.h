// Graph writers, one per format: node-link JSON (NetworkX), GraphML (Boost's write_graphml:
// Gephi, yEd, NetworkX), DOT (Boost's write_graphviz: `dot -Tsvg`). All write atomically. Each escapes
// what its format cannot hold: GraphML writes U+FFFD for control characters XML forbids; DOT writes a
// string's trailing backslash as U+FF3C and NUL as U+FFFD.
#ifndef POLICYGRAPH_OUTPUT_GRAPH_WRITERS_H_
#define POLICYGRAPH_OUTPUT_GRAPH_WRITERS_H_

#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "output/atomic_file.h"
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

// The graph files of a run into `dir`, as temporaries of `outputs` (renamed into place by its
// Commit): graph.json, graph.graphml and graph.dot for the formats "json", "graphml" and "dot" in
// `formats` (other names are ignored), filled concurrently. An error here (a value a format cannot
// hold) is returned; I/O errors show at outputs.Commit().
Status WriteGraphFiles(const KnowledgeGraph& g, const Json& graph_attrs, const std::string& dir,
                       const std::set<std::string>& formats, OutputSet& outputs);

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_GRAPH_WRITERS_H_
