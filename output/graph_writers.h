// Graph writers, one per format: node-link JSON (NetworkX), GraphML (Boost's write_graphml:
// Gephi, yEd, NetworkX), DOT for Graphviz (`dot -Tsvg`: nodes shaped and filled by type, a legend). All write atomically. Each escapes
// what its format cannot hold: GraphML writes U+FFFD for control characters XML forbids; DOT writes a
// string's trailing backslash as U+FF3C and NUL as U+FFFD.
#ifndef POLICYGRAPH_OUTPUT_GRAPH_WRITERS_H_
#define POLICYGRAPH_OUTPUT_GRAPH_WRITERS_H_

#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"
#include "graph/sorted_graph.h"
#include "output/atomic_file.h"
#include "pipeline/core/status.h"

namespace policygraph {

// graph.json: NetworkX node-link data (DESIGN.md §6); `graph_attrs` goes to "graph".
Status WriteGraphJson(const SortedGraph& g, const Json& graph_attrs, const std::string& path);

// graph.graphml: typed keys; list-valued attributes as JSON strings; the node id in `node_id`.
void WriteGraphml(const SortedGraph& g, std::ostream& out);
Status WriteGraphmlFile(const SortedGraph& g, const std::string& path);

// Appends `s` as a DOT ID, as boost::escape_dot_string does: an ID ([A-Za-z_][A-Za-z0-9_]* or a
// numeral) as is, anything else quoted with its quotes escaped (a trailing backslash as U+FF3C,
// NUL as U+FFFD).
void AppendDotId(std::string& out, std::string_view s);

// Appends `s` as a quoted DOT label: quotes and backslashes escaped (so Graphviz's \N, \G, \l
// never expand), a newline as \n, other control characters and NUL as U+FFFD, and a trailing
// backslash as U+FF3C, tab and return as spaces (Graphviz cannot close a string that ends in one).
void AppendDotLabel(std::string& out, std::string_view s);

struct DotOptions {
  bool mentions = false;  // draw the MENTIONS edges (dashed, grey); left out by default
};

// graph.dot, laid out left to right: each node labelled with its label and type, shaped and
// filled by type (output/node_style.h); each edge with its relation, its attributes and its
// weight when over 1 ("GOAL\nby 2025"); a legend cluster of the node types drawn.
void WriteDot(const SortedGraph& g, std::ostream& out, const DotOptions& options = {});
Status WriteDotFile(const SortedGraph& g, const std::string& path, const DotOptions& options = {});

// The graph files of a run into `dir`, as temporaries of `outputs` (renamed into place by its
// Commit): graph.json, graph.graphml and graph.dot for the formats "json", "graphml" and "dot" in
// `formats` (other names are ignored), filled concurrently. An error here (a value a format cannot
// hold) is returned; I/O errors show at outputs.Commit().
Status WriteGraphFiles(const SortedGraph& g, const Json& graph_attrs, const std::string& dir,
                       const std::set<std::string>& formats, OutputSet& outputs, const DotOptions& dot = {});

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_GRAPH_WRITERS_H_
