// Lays out a DOT graph with Graphviz's library (libgvc, the `dot` engine) and renders it as SVG,
// in process: the HTML report's drawing. Deterministic: the same DOT gives the same SVG.
#ifndef POLICYGRAPH_OUTPUT_GRAPH_SVG_H_
#define POLICYGRAPH_OUTPUT_GRAPH_SVG_H_

#include <string>

#include "pipeline/core/status.h"

namespace policygraph {

// The <svg> element Graphviz draws for `dot` (its XML prolog and comments before <svg> left out).
// Not thread-safe: Graphviz keeps global state; call from one thread at a time.
StatusOr<std::string> RenderSvg(const std::string& dot);

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_GRAPH_SVG_H_
