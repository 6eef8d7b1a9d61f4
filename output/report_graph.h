// The HTML report's graph: the DOT it lays out (SVG element ids "nI" for the I-th node of
// SortedVertices, "eJ" for the J-th edge of SortedEdges; MENTIONS edges present but not
// constraining the layout) and the data its script filters the drawing and the table with.
#ifndef POLICYGRAPH_OUTPUT_REPORT_GRAPH_H_
#define POLICYGRAPH_OUTPUT_REPORT_GRAPH_H_

#include <map>
#include <string>

#include "graph/knowledge_graph.h"

namespace policygraph {

std::string ReportDot(const KnowledgeGraph& g);

// {"nodes": [{"type", "docs": [document indices]}], "edges": [{"s", "t", "rel", "docs"}]}, in the
// order of ReportDot's ids; a document's index is its value in `doc_index` (documents not in it
// are left out of "docs").
Json ReportGraphData(const KnowledgeGraph& g, const std::map<std::string, size_t>& doc_index);

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_REPORT_GRAPH_H_
